import { ScrollRegion } from '@/components/ui/scroll-region';

/**
 * A plain, accessible table for short lists (the big lists use TanStack Table with server paging),
 * in a keyboard-scrollable region named after its caption, for when it is wider than the screen.
 * `figures`: a short table of figures inside a dashboard card, whose first column names the row
 * and the others are right-aligned numbers (cells: `figureRowHeaderClass`, `figureCellClass`).
 */
export function SimpleTable({
  caption,
  head,
  children,
  figures = false,
}: {
  caption: string;
  head: string[];
  children: React.ReactNode;
  figures?: boolean;
}) {
  return (
    <ScrollRegion
      label={`${caption} table`}
      className={figures ? 'relative rounded-lg ring-1 ring-slate-200' : 'rounded-xl bg-white ring-1 ring-slate-200'}
    >
      <table className="w-full text-left text-base">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-sm text-slate-600">
          <tr>
            {head.map((h, i) => (
              <th
                key={h}
                scope="col"
                className={
                  figures
                    ? `px-4 py-3 font-medium whitespace-nowrap ${i === 0 ? 'text-left' : 'text-right'}`
                    : 'px-4 py-3 font-medium'
                }
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

export const cellClass = 'px-4 py-3 align-middle';
export const figureRowHeaderClass = 'px-4 py-2 text-left align-middle font-normal';
export const figureCellClass = 'px-4 py-2 text-right align-middle tabular-nums whitespace-nowrap';
