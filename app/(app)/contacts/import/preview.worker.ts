/**
 * The import page's Web Worker: reads and checks the CSV off the page's main
 * thread (100,000 rows take seconds; the page keeps answering and shows the
 * progress) and hands out the chunks to send.
 */
import { FilePreparer, type WorkerAnswer, type WorkerRequest } from './preview-core';

const scope = self as unknown as {
  postMessage(message: WorkerAnswer): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};
const preparer = new FilePreparer();
const progress = (done: number, total: number) => scope.postMessage({ kind: 'progress', done, total });

scope.onmessage = async ({ data }) => {
  try {
    if (data.kind === 'read') scope.postMessage({ kind: 'read', summary: await preparer.read(data.file, progress) });
    else if (data.kind === 'check')
      scope.postMessage({ kind: 'checked', summary: await preparer.check(data.type, data.columns, progress) });
    else scope.postMessage({ kind: 'chunk', id: data.id, ...preparer.chunk(data.from, data.validOnly) });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
