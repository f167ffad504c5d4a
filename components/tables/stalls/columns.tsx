import { createDataTableColumnHelper, type DataTableColumns } from '@/components/tables/data-table';
import type { StallRow } from '@/db/queries/stalls';
import { formatCount } from '@/lib/format';
import { formatINR } from '@/lib/money';

const stall = createDataTableColumnHelper<StallRow>();

/** Stall-wise performance; every sortable column id is a `sort` value of listStallPerformancePage (STALL_SORTS). */
export const stallColumns: DataTableColumns<StallRow> = stall.columns([
  stall.accessor('location', { header: 'Location' }),
  stall.accessor('stall', { header: 'Stall' }),
  stall.accessor('talks', {
    header: 'Talks',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  stall.accessor('bookings', {
    header: 'Bookings',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatCount(info.getValue()),
  }),
  stall.accessor('collected', {
    header: 'Collected',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  }),
  stall.accessor('average_booking', {
    id: 'average',
    header: 'Average booking',
    sortDescFirst: true,
    meta: { align: 'end' },
    cell: (info) => formatINR(info.getValue()),
  }),
  stall.accessor('booked_now', {
    header: 'Booked now',
    enableSorting: false,
    cell: (info) => (info.getValue() ? 'Booked' : 'Free'),
  }),
]);
