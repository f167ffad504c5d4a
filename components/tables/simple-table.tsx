import { ScrollRegion } from '@/components/ui/scroll-region';

/**
 * A plain, accessible table for short lists (the big lists use TanStack Table with server paging),
 * in a keyboard-scrollable region named after its caption, for when it is wider than the screen.
 */
export function SimpleTable({ caption, head, children }: { caption: string; head: string[]; children: React.ReactNode }) {
  return (
    <ScrollRegion label={`${caption} table`} className="rounded-xl bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-base">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-sm text-slate-600">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-3 font-medium">
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
