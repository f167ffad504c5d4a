import type { DataState } from '@/lib/action-state';

function chunksOf<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Sends `rows` to a chunk action one chunk after another (the last flagged, so
 * the pages are refreshed once), calling `onChunk` with each answer and the rows
 * saved so far. Stops at the first refusal or dropped connection and says how
 * far it got.
 */
export async function sendInChunks<R, T>(
  rows: R[],
  size: number,
  send: (chunk: R[], last: boolean) => Promise<DataState<T>>,
  onChunk: (result: T, saved: number) => void,
): Promise<{ ok: true } | { ok: false; message: string; saved: number }> {
  const chunks = chunksOf(rows, size);
  let saved = 0;
  for (const [i, chunk] of chunks.entries()) {
    let answer: DataState<T>;
    try {
      answer = await send(chunk, i === chunks.length - 1);
    } catch {
      answer = { ok: false, message: CONNECTION_LOST };
    }
    if (!answer.ok) return { ok: false, message: answer.message, saved };
    saved += chunk.length;
    onChunk(answer.data, saved);
  }
  return { ok: true };
}

const CONNECTION_LOST = 'The connection dropped before the server answered.';
