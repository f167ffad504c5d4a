import Link from 'next/link';

import { buttonClass } from '@/components/ui/button';
import { formatCount } from '@/lib/format';

/**
 * "Showing 51–100 of 150" with Previous / Next links, for the admin's short server-rendered
 * lists paged by `page` in the URL (the big sortable lists use DataTable, which has its own).
 * `href(p)` builds the link of page p (page 1 without the param).
 */
export function AdminPager({
  label,
  page,
  pageSize,
  shown,
  total,
  href,
}: {
  /** Names the pager's navigation landmark, e.g. "Stalls: pages". */
  label: string;
  page: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  href: (page: number) => string;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;
  const first = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = shown === 0 ? 0 : first + shown - 1;
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">
        Showing {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={buttonClass('secondary')}>
            Previous
          </Link>
        ) : null}
        <span className="px-2 text-sm text-slate-700 tabular-nums">
          Page {formatCount(page)} of {formatCount(pageCount)}
        </span>
        {page < pageCount ? (
          <Link href={href(page + 1)} rel="next" className={buttonClass('secondary')}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
