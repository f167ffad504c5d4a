import { cellClass } from '@/components/tables/simple-table';
import type { DataState } from '@/lib/action-state';

export type LineProblem = { line: number; value: string; reason: string };

/** The first rows shown of a long list of problems; the rest are counted. */
const SHOWN = 100;

/** A file's rows that were not (or will not be) saved, with the line and the reason. */
export function ProblemRows({ caption, rows }: { caption: string; rows: LineProblem[] }) {
  if (!rows.length) return null;
  const hidden = rows.length - SHOWN;
  return (
    <div className="space-y-2">
      {/* Focusable so a keyboard can scroll a long list (WCAG 2.1.1). */}
      <div role="region" aria-label={caption} tabIndex={0} className="max-h-80 overflow-auto rounded-lg ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
        <table className="w-full text-left text-base">
          <caption className="bg-slate-50 px-4 py-2 text-left text-sm font-medium text-slate-700">{caption}</caption>
          <thead className="bg-slate-50 text-sm text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Line
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Value
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.slice(0, SHOWN).map((r, i) => (
              <tr key={`${r.line}-${i}`}>
                <td className={`${cellClass} tabular-nums`}>{r.line}</td>
                <td className={`${cellClass} break-all`}>{r.value || <span className="text-slate-600">(empty)</span>}</td>
                <td className={cellClass}>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 ? <p className="text-sm text-slate-600">…and {hidden.toLocaleString('en-IN')} more not shown.</p> : null}
    </div>
  );
}

/** A determinate progress bar with its accessible name. */
export function SaveProgress({ label, saved, total }: { label: string; saved: number; total: number }) {
  // The text "Saved x of y" is in the role="status" next to it; the bar is its visual twin.
  return <progress aria-label={label} value={saved} max={Math.max(total, 1)} className="h-3 w-full max-w-md accent-brand-700" />;
}

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

export const fileInputClass =
  'touch-target block w-full max-w-md rounded-lg border border-slate-300 bg-white px-3 py-2 text-base file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-800 focus:outline-2 focus:outline-brand-600';

const CONNECTION_LOST = 'The connection dropped before the server answered.';
