import { readDb } from '@/db';
import { COMPANY_SORTS, listCompanies } from '@/db/queries/companies';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';
import { oneOf } from '@/lib/search-params';
import { MONEY_VIEWER } from '@/lib/viewer';

const PAGE = 1000;

/** The companies list as CSV, in the page's order and search; managers and admins. */
export async function GET(request: Request) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const url = new URL(request.url);
  const q = url.searchParams.get('q')?.trim() || undefined;
  const sort = oneOf(url.searchParams.get('sort') ?? undefined, COMPANY_SORTS, 'collected');
  const dir = oneOf(url.searchParams.get('dir') ?? undefined, ['asc', 'desc'] as const, 'desc');
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await listCompanies(readDb, { q, sort, dir, page, pageSize: PAGE }, MONEY_VIEWER);
      yield rows.map((r) => [
        r.id,
        r.name,
        r.city,
        r.leads,
        r.bookings,
        r.collected,
        r.booked,
        r.outstanding,
        r.last_talk,
      ]);
      if (rows.length < PAGE) return;
    }
  }
  return csvResponse(
    'companies.csv',
    ['id', 'company', 'city', 'leads', 'bookings', 'collected', 'booked_value', 'outstanding', 'last_talk'],
    pages(),
  );
}
