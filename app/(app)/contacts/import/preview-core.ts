/**
 * The import page's work on the file — reading it, checking every row, cutting
 * the chunks to send — as one object, run inside a Web Worker
 * (preview.worker.ts) or, where a worker cannot start, on the page in steps
 * that yield between them (preview-engine.ts). The file's rows stay here; the
 * page only ever holds the counts, the first rows and one chunk at a time.
 */
import type { ContactType } from '@/db/schema/contacts';
import {
  FileChecker,
  parseCsvFile,
  type ImportColumn,
  type ImportRow,
  type ParsedCsv,
  type PreviewRow,
} from '@/lib/contact-import';

/** How many rows the preview draws, and how many problem rows it lists; the rest are counted. */
export const PREVIEW_ROWS = 50;
export const PROBLEM_ROWS = 100;
/** Rows checked between two progress reports (and, on the page, between two pauses). */
const STEP = 2000;

export type ReadSummary = { headers: string[]; rowCount: number; sample: string[][] };
export type CheckSummary = {
  total: number;
  counts: { valid: number; invalid: number; duplicate: number };
  preview: PreviewRow[];
  problems: PreviewRow[];
};
export type Progress = (done: number, total: number) => void;

export class FilePreparer {
  private parsed: ParsedCsv | null = null;
  private checker: FileChecker | null = null;

  async read(file: Blob, onProgress: Progress): Promise<ReadSummary> {
    this.checker = null;
    this.parsed = await parseCsvFile(file, onProgress);
    return { headers: this.parsed.headers, rowCount: this.parsed.rows.length, sample: this.parsed.rows.slice(0, 3) };
  }

  /** Checks every row; `pause` runs between steps (on the page: a yield to the event loop). */
  async check(
    type: ContactType,
    columns: ImportColumn[],
    onProgress: Progress,
    pause?: () => Promise<void>,
  ): Promise<CheckSummary> {
    if (!this.parsed) throw new Error('No file has been read.');
    const checker = new FileChecker(type, this.parsed.rows, columns);
    this.checker = checker;
    while (!checker.step(STEP)) {
      onProgress(checker.done, checker.total);
      if (pause) await pause();
    }
    onProgress(checker.total, checker.total);
    return {
      total: checker.total,
      counts: { ...checker.counts },
      preview: checker.preview(PREVIEW_ROWS),
      problems: checker.problems(PROBLEM_ROWS),
    };
  }

  chunk(from: number, validOnly: boolean): { rows: ImportRow[]; next: number } {
    if (!this.checker) throw new Error('The file has not been checked.');
    return this.checker.chunk(from, validOnly);
  }
}

export type WorkerRequest =
  | { kind: 'read'; file: Blob }
  | { kind: 'check'; type: ContactType; columns: ImportColumn[] }
  | { kind: 'chunk'; id: number; from: number; validOnly: boolean };

export type WorkerAnswer =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'read'; summary: ReadSummary }
  | { kind: 'checked'; summary: CheckSummary }
  | { kind: 'chunk'; id: number; rows: ImportRow[]; next: number }
  | { kind: 'failed'; message: string };
