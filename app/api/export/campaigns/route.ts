import { readDb } from '@/db';
import { CAMPAIGN_SORTS, listAllCampaignAnalytics } from '@/db/queries/campaigns';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';
import { oneOf } from '@/lib/search-params';

/** The campaign analytics list as CSV, in the page's order; managers and admins. */
export async function GET(request: Request) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const url = new URL(request.url);
  const sort = oneOf(url.searchParams.get('sort') ?? undefined, CAMPAIGN_SORTS, 'collected');
  const dir = oneOf(
    url.searchParams.get('dir') ?? undefined,
    ['asc', 'desc'] as const,
    sort === 'name' ? 'asc' : 'desc',
  );
  // Every campaign (hundreds at most): one read of the counters.
  const rows = await listAllCampaignAnalytics(readDb, { sort, dir });
  async function* pages() {
    yield rows.map((r) => [
      r.id,
      r.name,
      r.channel,
      r.status,
      r.sent_at,
      r.messages_sent,
      r.leads,
      r.bookings,
      r.collected,
      r.booked,
      r.conversion,
    ]);
  }
  return csvResponse(
    'campaigns.csv',
    [
      'id',
      'name',
      'channel',
      'status',
      'sent_at',
      'messages_sent',
      'leads',
      'bookings',
      'collected',
      'booked_value',
      'conversion_percent',
    ],
    pages(),
  );
}
