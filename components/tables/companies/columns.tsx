import Link from 'next/link';
import { format } from 'date-fns';
import { createDataTableColumnHelper, type DataTableColumns } from '@/components/tables/data-table';
import { todayInIndia } from '@/lib/dates';
import { formatINR } from '@/lib/money';
import type { CompanyMoneyRow, CompanyRow, CompanySort } from '@/db/queries/companies';

/** The URL `sort` values the companies list understands; each is a column id below. */
export type CompanySortKey = CompanySort;

const count = new Intl.NumberFormat('en-IN');

/**
 * "12 Jan 2027", the day in India, or "—". Rows come from a server component, so the
 * value is normally a Date; a string (JSON, or a zone-less DATETIME in UTC, the pool's
 * zone) is handled too. Formatting via the India calendar day keeps server and browser
 * renders identical (no hydration mismatch across time zones).
 */
export function formatLastTalk(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  let day: string;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    day = value;
  } else {
    const zoneless = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
    const date = value instanceof Date ? value : new Date(zoneless ? `${value.replace(' ', 'T')}Z` : value);
    if (Number.isNaN(date.getTime())) return '—';
    day = todayInIndia(date);
  }
  return format(new Date(`${day}T00:00:00`), 'd MMM yyyy');
}

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
          className="touch-target flex flex-col justify-center rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
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
    leads: h.accessor((r) => r.leads, { id: 'leads', header: 'Leads', sortDescFirst: true, meta: { align: 'end' }, cell: (info) => count.format(info.getValue()) }),
    bookings: h.accessor((r) => r.bookings, { id: 'bookings', header: 'Bookings', sortDescFirst: true, meta: { align: 'end' }, cell: (info) => count.format(info.getValue()) }),
    lastTalk: h.accessor((r) => r.last_talk, {
      id: 'last_talk',
      header: 'Last talk',
      sortDescFirst: true,
      meta: { className: 'whitespace-nowrap' },
      cell: (info) => formatLastTalk(info.getValue()),
    }),
  };
}

const moneyHelper = createDataTableColumnHelper<CompanyMoneyRow>();
const withMoney = activityColumns<CompanyMoneyRow>();
const withoutMoney = activityColumns<CompanyRow>();

const money = (key: 'collected' | 'booked' | 'outstanding', header: string) =>
  moneyHelper.accessor(key, { header, sortDescFirst: true, meta: { align: 'end' }, cell: (info) => formatINR(info.getValue()) });

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
export const companyColumnsWithoutMoney: DataTableColumns<CompanyRow> = [withoutMoney.name, withoutMoney.leads, withoutMoney.bookings, withoutMoney.lastTalk];
