import Link from 'next/link';

import { createDataTableColumnHelper, type DataTableColumns } from '@/components/tables/data-table';
import type { CompanyMoneyRow, CompanyRow, CompanySort } from '@/db/queries/companies';
import { formatCount, formatDay } from '@/lib/format';
import { formatINR } from '@/lib/money';

/** The URL `sort` values the companies list understands; each is a column id below. */
export type CompanySortKey = CompanySort;

/**
 * The activity columns, for either row type (accessor functions, so they type-check for any
 * row that has the activity fields). A column's id is its URL `sort` value.
 */
function activityColumns<T extends CompanyRow>() {
  const h = createDataTableColumnHelper<T>();
  return {
    name: h.accessor((r) => r.name, {
      id: 'name',
      header: 'Company',
      meta: { rowHeader: true, className: 'min-w-48' },
      cell: ({ row }) => (
        <Link
          href={`/companies/${row.original.id}`}
          className="flex touch-target flex-col justify-center rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          <span className="font-medium text-brand-700 underline-offset-2 hover:underline">{row.original.name}</span>
          {row.original.city ? (
            <span className="text-sm text-slate-600">
              <span className="sr-only">, </span>
              {row.original.city}
            </span>
          ) : null}
        </Link>
      ),
    }),
    leads: h.accessor((r) => r.leads, {
      id: 'leads',
      header: 'Leads',
      sortDescFirst: true,
      meta: { align: 'end' },
      cell: (info) => formatCount(info.getValue()),
    }),
    bookings: h.accessor((r) => r.bookings, {
      id: 'bookings',
      header: 'Bookings',
      sortDescFirst: true,
      meta: { align: 'end' },
      cell: (info) => formatCount(info.getValue()),
    }),
    lastTalk: h.accessor((r) => r.last_talk, {
      id: 'last_talk',
      header: 'Last talk',
      sortDescFirst: true,
      meta: { className: 'whitespace-nowrap' },
      cell: (info) => formatDay(info.getValue()),
    }),
  };
}

const moneyHelper = createDataTableColumnHelper<CompanyMoneyRow>();
const withMoney = activityColumns<CompanyMoneyRow>();
const withoutMoney = activityColumns<CompanyRow>();

const money = (key: 'collected' | 'booked' | 'outstanding', header: string) =>
  moneyHelper.accessor(key, {
    header,
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  });

/** Everything, for those who may see revenue (rows with money: CompanyMoneyRow). */
export const companyColumnsWithMoney: DataTableColumns<CompanyMoneyRow> = moneyHelper.columns([
  withMoney.name,
  withMoney.leads,
  withMoney.bookings,
  money('collected', 'Collected'),
  money('booked', 'Booked value'),
  money('outstanding', 'Outstanding'),
  withMoney.lastTalk,
]);

/** Employees: their rows have no money (CompanyRow), so there is no money column to render. */
export const companyColumnsWithoutMoney: DataTableColumns<CompanyRow> = [
  withoutMoney.name,
  withoutMoney.leads,
  withoutMoney.bookings,
  withoutMoney.lastTalk,
];
