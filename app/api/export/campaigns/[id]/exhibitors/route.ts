import { readDb } from '@/db';
import { getCampaign, listCampaignExhibitors } from '@/db/queries/campaigns';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';

/** A campaign's exhibitor breakdown (§5.5) as CSV, most collected first; managers and admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const { id } = await params;
  const campaign = await getCampaign(readDb, id);
  if (!campaign) return new Response('No such campaign.', { status: 404 });
  const slug = campaign.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  const rows = await listCampaignExhibitors(readDb, id);
  async function* pages() {
    yield rows.map((r) => [r.exhibitor_id, r.name, r.city, r.leads, r.bookings, r.collected, r.booked]);
  }
  return csvResponse(
    `campaign-${slug}-exhibitors.csv`,
    ['exhibitor_id', 'company', 'city', 'leads', 'bookings', 'collected', 'booked_value'],
    pages(),
  );
}
