'use client';

import {
  createDataTableColumnHelper,
  DataTable,
  type DataTableColumns,
  type SortDir,
} from '@/components/tables/data-table';
import type {
  DashboardPage,
  StallPerformanceMoneyRow,
  StallPerformanceRow,
  StallPerformanceSort,
} from '@/db/queries/companies';
import { formatCount } from '@/lib/format';
import { formatINR } from '@/lib/money';

import { STALL_TABLE_PREFIX } from './dashboard-params';

function activityColumns<T extends StallPerformanceRow>() {
  const h = createDataTableColumnHelper<T>();
  return [
    // Sorting by location orders by location, then stall name.
    h.accessor((r) => r.location, { id: 'location', header: 'Location' }),
    h.accessor((r) => r.stall, { id: 'stall', header: 'Stall', enableSorting: false, meta: { rowHeader: true } }),
    h.accessor((r) => r.talks, {
      id: 'talks',
      header: 'Talks',
      sortDescFirst: true,
      meta: { align: 'end' },
      cell: (info) => formatCount(info.getValue()),
    }),
    h.accessor((r) => r.bookings, {
      id: 'bookings',
      header: 'Bookings',
      sortDescFirst: true,
      meta: { align: 'end' },
      cell: (info) => formatCount(info.getValue()),
    }),
  ];
}

const moneyHelper = createDataTableColumnHelper<StallPerformanceMoneyRow>();
const money = (key: 'collected' | 'booked', header: string) =>
  moneyHelper.accessor(key, {
    header,
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  });

const withMoney: DataTableColumns<StallPerformanceMoneyRow> = [
  ...activityColumns<StallPerformanceMoneyRow>(),
  money('collected', 'Collected'),
  money('booked', 'Booked value'),
];
/** Employees: their rows carry no money, so there is no money column to render. */
const withoutMoney: DataTableColumns<StallPerformanceRow> = activityColumns<StallPerformanceRow>();

const getRowId = (row: { table_id: number }) => String(row.table_id);

export type StallPerformanceTableProps = {
  page:
    | { canSeeMoney: true; data: DashboardPage<StallPerformanceMoneyRow> }
    | { canSeeMoney: false; data: DashboardPage<StallPerformanceRow> };
  sort: StallPerformanceSort;
  dir: SortDir;
};

/** A company's stalls, one page at a time, sorted by the server; its sort and page are `stalls_*` URL params. */
export function StallPerformanceTable({ page, sort, dir }: StallPerformanceTableProps) {
  const common = {
    caption: 'Stall-wise performance',
    sort,
    dir,
    page: page.data.page,
    pageSize: page.data.pageSize,
    total: page.data.total,
    getRowId,
    paramPrefix: STALL_TABLE_PREFIX,
    emptyMessage: 'No stall on this page.',
  };
  return page.canSeeMoney ? (
    <DataTable data={page.data.rows} columns={withMoney} {...common} />
  ) : (
    <DataTable data={page.data.rows} columns={withoutMoney} {...common} />
  );
}
