'use client';

import {
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Header,
  type PaginationState,
  type SortingState,
} from '@tanstack/react-table';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useMemo, type ReactNode } from 'react';

import { buttonClass } from '@/components/ui/button';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { formatCount } from '@/lib/format';

/**
 * The big lists: TanStack Table v9 over rows the SERVER already sorted and paged.
 * Sorting and paging live in the URL (`sort`, `dir`, `page`); every header and pager
 * control is a plain <Link> to the same page with those params changed (others such as
 * `q` are kept), so the table works without JavaScript state and is shareable.
 * The table itself is in manual mode: it never re-sorts or slices client-side.
 */

export type DataTableColumnMeta = {
  /** 'end' right-aligns header and cells and uses tabular numbers (counts, money). */
  align?: 'start' | 'end';
  /** Render this column's cells as <th scope="row"> (the row's name). */
  rowHeader?: boolean;
  /** Extra classes for this column's body cells, e.g. a min width. */
  className?: string;
};

/** Register once, at module scope: the features every DataTable uses (sorting and pagination state, both manual). */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});
export type DataTableFeatures = typeof dataTableFeatures;

/**
 * A column helper typed for DataTable. A column's id (its accessor key, or `id`) is the
 * `sort` value put in the URL; set `enableSorting: false` on columns the server cannot sort,
 * and `sortDescFirst: true` where the first click should sort descending (numbers, dates).
 */
export function createDataTableColumnHelper<TData extends object>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a column list mixes value types, as in TanStack's own `helper.columns()`.
export type DataTableColumns<TData extends object> = Array<ColumnDef<DataTableFeatures, TData, any>>;

export type SortDir = 'asc' | 'desc';

export type DataTableProps<TData extends object> = {
  /** The current page of rows, already sorted and paged by the server. Keep the reference stable. */
  data: TData[];
  /** Column definitions; define them at module scope (stable references). */
  columns: DataTableColumns<TData>;
  /** Accessible name of the table (visually hidden). */
  caption: string;
  /** Current sort column id and direction (as read from the URL by the page). */
  sort: string;
  dir: SortDir;
  /** 1-based page number, rows per page and the total number of matching rows. */
  page: number;
  pageSize: number;
  total: number;
  /** Shown in a single row when there are no rows. */
  emptyMessage?: ReactNode;
  /** Stable row ids (React keys); defaults to the row index. */
  getRowId?: (row: TData, index: number) => string;
  /**
   * Prefix of this table's URL params (`${paramPrefix}sort`, `…dir`, `…page`), so that two
   * paged tables on one page keep their own sort and page. Default: none.
   */
  paramPrefix?: string;
};

/** The current URL with some of this table's search params changed (`null` removes one). */
function useHrefWith(prefix: string) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(prefix + key);
      else params.set(prefix + key, value);
    }
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
}

export function DataTable<TData extends object>({
  data,
  columns,
  caption,
  sort,
  dir,
  page,
  pageSize,
  total,
  emptyMessage = 'Nothing to show.',
  getRowId,
  paramPrefix = '',
}: DataTableProps<TData>) {
  const hrefWith = useHrefWith(paramPrefix);

  // Controlled state comes from the URL; memoised so the table sees a new value only when it changes.
  const sorting = useMemo<SortingState>(() => [{ id: sort, desc: dir === 'desc' }], [sort, dir]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: Math.max(0, page - 1), pageSize }), [page, pageSize]);
  const state = useMemo(() => ({ sorting, pagination }), [sorting, pagination]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    state,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    rowCount: total,
  });

  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  const pageCount = Math.max(1, table.getPageCount());
  const first = rows.length === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = rows.length === 0 ? 0 : first + rows.length - 1;
  const pageHref = (p: number) => hrefWith({ page: p <= 1 ? null : String(p) });

  return (
    <div className="space-y-3">
      {/* relative: keeps the sr-only spans inside the scroll box, so the page itself never scrolls sideways. */}
      <ScrollRegion label={`${caption} table`} className="relative rounded-xl bg-white ring-1 ring-slate-200">
        <table className="w-full text-left text-base">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-sm text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <HeaderCell key={header.id} header={header} hrefWith={hrefWith}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </HeaderCell>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className="px-4 py-8 text-center text-slate-600">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50">
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const className = `px-4 py-2 align-middle ${meta?.align === 'end' ? 'text-right tabular-nums whitespace-nowrap' : ''} ${meta?.className ?? ''}`;
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={`${className} font-normal`}>
                        <table.FlexRender cell={cell} />
                      </th>
                    ) : (
                      <td key={cell.id} className={className}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ScrollRegion>

      <nav aria-label={`${caption}: pages`} className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {rows.length === 0 ? (
            <>Showing 0 of {formatCount(total)}</>
          ) : (
            <>
              Showing {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
            </>
          )}
        </p>
        <div className="flex items-center gap-2">
          <PagerLink href={table.getCanPreviousPage() ? pageHref(page - 1) : null} rel="prev">
            Previous
          </PagerLink>
          <span className="px-2 text-sm text-slate-700 tabular-nums">
            Page {formatCount(page)} of {formatCount(pageCount)}
          </span>
          <PagerLink href={table.getCanNextPage() ? pageHref(page + 1) : null} rel="next">
            Next
          </PagerLink>
        </div>
      </nav>
    </div>
  );
}

function HeaderCell<TData extends object>({
  header,
  hrefWith,
  children,
}: {
  header: Header<DataTableFeatures, TData, unknown>;
  hrefWith: (changes: Record<string, string | null>) => string;
  children: ReactNode;
}) {
  const column = header.column;
  const end = column.columnDef.meta?.align === 'end';
  const align = end ? 'text-right' : 'text-left';

  if (header.isPlaceholder || !column.getCanSort()) {
    return (
      <th scope="col" colSpan={header.colSpan} className={`px-4 py-3 font-medium whitespace-nowrap ${align}`}>
        {children}
      </th>
    );
  }

  const sorted = column.getIsSorted();
  // A sorted column flips; another column starts in its natural first direction.
  const next: SortDir = sorted ? (sorted === 'asc' ? 'desc' : 'asc') : column.columnDef.sortDescFirst ? 'desc' : 'asc';
  // Changing the sort resets to page 1.
  const href = hrefWith({ sort: column.id, dir: next, page: null });

  return (
    <th
      scope="col"
      colSpan={header.colSpan}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      className={`p-0 font-medium whitespace-nowrap ${align}`}
    >
      <Link
        href={href}
        scroll={false}
        className={`flex touch-target w-full items-center gap-1 px-4 py-2 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 ${end ? 'justify-end' : 'justify-start'} ${sorted ? 'text-slate-900' : ''}`}
      >
        {children}
        <SortIcon sorted={sorted} />
        <span className="sr-only">{`, sort ${next === 'asc' ? 'ascending' : 'descending'}`}</span>
      </Link>
    </th>
  );
}

function SortIcon({ sorted }: { sorted: false | SortDir }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className={`h-4 w-4 shrink-0 ${sorted ? 'text-brand-700' : 'text-slate-400'}`}
      fill="currentColor"
    >
      {sorted !== 'desc' && <path d="M8 3 4.5 7h7L8 3Z" opacity={sorted === 'asc' ? 1 : 0.7} />}
      {sorted !== 'asc' && <path d="M8 13 4.5 9h7L8 13Z" opacity={sorted === 'desc' ? 1 : 0.7} />}
    </svg>
  );
}

function PagerLink({ href, rel, children }: { href: string | null; rel: 'prev' | 'next'; children: ReactNode }) {
  if (href === null) {
    return (
      <span
        role="link"
        aria-disabled="true"
        className="inline-flex touch-target cursor-not-allowed items-center justify-center rounded-lg bg-white px-4 text-base font-medium text-slate-400 ring-1 ring-slate-200"
      >
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} className={buttonClass('secondary')}>
      {children}
    </Link>
  );
}
