import Link from 'next/link';

import { createDataTableColumnHelper, type DataTableColumns } from '@/components/tables/data-table';
import type { ContactRow } from '@/db/queries/contacts';
import { formatDay } from '@/lib/format';
import { formatPhone } from '@/lib/phone';

const h = createDataTableColumnHelper<ContactRow>();

const linkClass =
  'touch-target flex flex-col justify-center rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';
const dash = (v: string | null) => v ?? '—';

/** A live company opens its dashboard; a visitor, or a deleted company (it has no dashboard), opens its contact page. */
const hrefOf = (r: ContactRow) =>
  r.type === 'exhibitor' && r.deleted_at === null ? `/companies/${r.id}` : `/contacts/${r.id}`;

const name = (header: string) =>
  h.accessor((r) => r.name, {
    id: 'name',
    header,
    meta: { rowHeader: true, className: 'min-w-48' },
    cell: ({ row }) => (
      <Link href={hrefOf(row.original)} className={linkClass}>
        <span className="font-medium text-brand-700 underline-offset-2 hover:underline">{row.original.name}</span>
        {row.original.merged_into_id ? (
          <span className="text-sm text-slate-600">
            <span className="sr-only">, </span>merged into another
          </span>
        ) : row.original.deleted_at ? (
          <span className="text-sm text-slate-600">
            <span className="sr-only">, </span>deleted {formatDay(row.original.deleted_at)}
          </span>
        ) : null}
      </Link>
    ),
  });

const phone = h.accessor((r) => r.phone, {
  id: 'phone',
  header: 'Phone',
  enableSorting: false,
  meta: { className: 'whitespace-nowrap' },
  cell: (info) => (info.getValue() ? formatPhone(info.getValue()!) : '—'),
});
const email = h.accessor((r) => r.email, {
  id: 'email',
  header: 'Email',
  enableSorting: false,
  cell: (info) => <span className="break-all">{dash(info.getValue())}</span>,
});
const city = h.accessor((r) => r.city, { id: 'city', header: 'City', cell: (info) => dash(info.getValue()) });
const added = h.accessor((r) => r.created_at, {
  id: 'created_at',
  header: 'Added',
  sortDescFirst: true,
  meta: { className: 'whitespace-nowrap' },
  cell: (info) => formatDay(info.getValue()),
});

/** Companies: the name opens the dashboard; "Details" opens the contact (edit, delete). Column ids are the URL `sort` values. */
export const companyContactColumns: DataTableColumns<ContactRow> = [
  name('Company'),
  h.accessor((r) => r.contact_person, {
    id: 'contact_person',
    header: 'Contact person',
    enableSorting: false,
    cell: (info) => dash(info.getValue()),
  }),
  phone,
  email,
  city,
  added,
  h.display({
    id: 'details',
    header: () => <span className="sr-only">Details</span>,
    cell: ({ row }) => (
      <Link
        href={`/contacts/${row.original.id}`}
        className={`${linkClass} text-brand-700 underline underline-offset-2`}
      >
        Details<span className="sr-only"> of {row.original.name}</span>
      </Link>
    ),
  }),
];

export const visitorContactColumns: DataTableColumns<ContactRow> = [
  name('Visitor'),
  phone,
  email,
  city,
  h.accessor((r) => r.company_name, {
    id: 'company_name',
    header: 'Company name',
    enableSorting: false,
    cell: (info) => dash(info.getValue()),
  }),
  added,
];
