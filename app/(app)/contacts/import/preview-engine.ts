/**
 * Runs the import page's file work (preview-core.ts) in a Web Worker, so even
 * 100,000 rows never freeze the page; where a worker cannot start (an old
 * browser, a policy), the same work runs on the page in steps that give the
 * page back between them.
 */
import type { ContactType } from '@/db/schema/contacts';
import type { ImportColumn, ImportRow } from '@/lib/contact-import';

import {
  FilePreparer,
  type CheckSummary,
  type Progress,
  type ReadSummary,
  type WorkerAnswer,
  type WorkerRequest,
} from './preview-core';

export type PreviewEngine = {
  /** Where the work runs, for the page's note. */
  readonly where: 'worker' | 'page';
  read(file: File, onProgress: Progress): Promise<ReadSummary>;
  check(type: ContactType, columns: ImportColumn[], onProgress: Progress): Promise<CheckSummary>;
  chunk(from: number, validOnly: boolean): Promise<{ rows: ImportRow[]; next: number }>;
  dispose(): void;
};

/** A pause that lets the page paint and answer input (a macrotask). */
const giveBack = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

class PageEngine implements PreviewEngine {
  readonly where = 'page' as const;
  private readonly preparer = new FilePreparer();
  read(file: File, onProgress: Progress) {
    return this.preparer.read(file, onProgress);
  }
  check(type: ContactType, columns: ImportColumn[], onProgress: Progress) {
    return this.preparer.check(type, columns, onProgress, giveBack);
  }
  async chunk(from: number, validOnly: boolean) {
    return this.preparer.chunk(from, validOnly);
  }
  dispose() {}
}

/** The worker could not run at all (its script did not load or start). */
class WorkerUnavailable extends Error {}

class WorkerEngine implements PreviewEngine {
  readonly where = 'worker' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  constructor(private readonly worker: Worker) {}

  /** One request at a time: its progress reports, then its answer. */
  private request<T>(
    message: WorkerRequest,
    answer: (a: WorkerAnswer) => T | undefined,
    onProgress?: Progress,
  ): Promise<T> {
    const run = () =>
      new Promise<T>((resolve, reject) => {
        this.worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
          if (data.kind === 'progress') return onProgress?.(data.done, data.total);
          if (data.kind === 'failed') return reject(new Error(data.message));
          const value = answer(data);
          if (value !== undefined) resolve(value);
        };
        this.worker.onerror = (event) => {
          event.preventDefault();
          reject(new WorkerUnavailable(event.message || 'The background worker stopped.'));
        };
        this.worker.postMessage(message);
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  read(file: File, onProgress: Progress) {
    return this.request({ kind: 'read', file }, (a) => (a.kind === 'read' ? a.summary : undefined), onProgress);
  }
  check(type: ContactType, columns: ImportColumn[], onProgress: Progress) {
    return this.request(
      { kind: 'check', type, columns },
      (a) => (a.kind === 'checked' ? a.summary : undefined),
      onProgress,
    );
  }
  chunk(from: number, validOnly: boolean) {
    const id = this.nextId++;
    return this.request({ kind: 'chunk', id, from, validOnly }, (a) =>
      a.kind === 'chunk' && a.id === id ? { rows: a.rows, next: a.next } : undefined,
    );
  }
  dispose() {
    this.worker.terminate();
  }
}

/** A worker when one starts; otherwise (or when it fails to load on the first file) the page itself. */
class AutoEngine implements PreviewEngine {
  private engine: PreviewEngine;
  constructor() {
    try {
      this.engine = new WorkerEngine(new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' }));
    } catch {
      this.engine = new PageEngine();
    }
  }
  get where() {
    return this.engine.where;
  }
  async read(file: File, onProgress: Progress) {
    try {
      return await this.engine.read(file, onProgress);
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
      this.engine.dispose();
      this.engine = new PageEngine();
      return this.engine.read(file, onProgress);
    }
  }
  check(type: ContactType, columns: ImportColumn[], onProgress: Progress) {
    return this.engine.check(type, columns, onProgress);
  }
  chunk(from: number, validOnly: boolean) {
    return this.engine.chunk(from, validOnly);
  }
  dispose() {
    this.engine.dispose();
  }
}

export function createPreviewEngine(): PreviewEngine {
  return new AutoEngine();
}
