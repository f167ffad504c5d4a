import { readDb } from '@/db';
import { listStallPerformance, STALL_SORTS } from '@/db/queries/stalls';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';
import { oneOf, positiveInt } from '@/lib/search-params';

/** The stall table as CSV, same location and order as the page; managers and admins. */
export async function GET(request: Request) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const url = new URL(request.url);
  const rows = await listStallPerformance(readDb, {
    location_id: positiveInt(url.searchParams.get('location') ?? undefined) ?? null,
    sort: oneOf(url.searchParams.get('sort') ?? undefined, STALL_SORTS, 'collected'),
    dir: oneOf(url.searchParams.get('dir') ?? undefined, ['asc', 'desc'] as const, 'desc'),
  });
  async function* pages() {
    yield rows.map((r) => [
      r.location,
      r.stall,
      r.list_price,
      r.talks,
      r.bookings,
      r.collected,
      r.booked,
      r.average_booking,
      r.booked_now ? 'yes' : 'no',
    ]);
  }
  return csvResponse(
    'stalls.csv',
    [
      'location',
      'stall',
      'list_price',
      'talks',
      'bookings',
      'collected',
      'booked_value',
      'average_booking',
      'booked_now',
    ],
    pages(),
  );
}
