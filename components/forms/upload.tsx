import { cellClass } from '@/components/tables/simple-table';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { formatCount } from '@/lib/format';

/** The file input's look on every upload screen. */
export const fileInputClass =
  'touch-target block w-full max-w-md rounded-lg border border-slate-300 bg-white px-3 py-2 text-base file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-800 focus:outline-2 focus:outline-brand-600';

/** A determinate progress bar with its accessible name. */
export function SaveProgress({ label, saved, total }: { label: string; saved: number; total: number }) {
  // The text "Saved x of y" is in the role="status" next to it; the bar is its visual twin.
  return (
    <progress
      aria-label={label}
      value={saved}
      max={Math.max(total, 1)}
      className="h-3 w-full max-w-md accent-brand-700"
    />
  );
}

export type LineProblem = { line: number; value: string; reason: string };

/** The first rows shown of a long list of problems; the rest are counted. */
const SHOWN = 100;

/**
 * A file's rows that were not (or will not be) saved, with the line and the
 * reason. `total` counts rows beyond those passed (a preview keeps only the
 * first); `more` ends the sentence that counts the rows not listed.
 */
export function ProblemRows({
  caption,
  rows,
  valueLabel = 'Value',
  total = rows.length,
  more = ' not shown',
}: {
  caption: string;
  rows: LineProblem[];
  valueLabel?: string;
  total?: number;
  more?: string;
}) {
  if (!rows.length) return null;
  const shown = rows.slice(0, SHOWN);
  const hidden = total - shown.length;
  return (
    <div className="space-y-2">
      <ScrollRegion label={caption} className="max-h-80 rounded-lg ring-1 ring-slate-200">
        <table className="w-full text-left text-base">
          <caption className="bg-slate-50 px-4 py-2 text-left text-sm font-medium text-slate-700">{caption}</caption>
          <thead className="bg-slate-50 text-sm text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Line
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                {valueLabel}
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r, i) => (
              <tr key={`${r.line}-${i}`}>
                <td className={`${cellClass} tabular-nums`}>{r.line}</td>
                <td className={`${cellClass} break-all`}>
                  {r.value || <span className="text-slate-600">(empty)</span>}
                </td>
                <td className={cellClass}>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {hidden > 0 ? (
        <p className="text-sm text-slate-600">
          …and {formatCount(hidden)} more{more}.
        </p>
      ) : null}
    </div>
  );
}
