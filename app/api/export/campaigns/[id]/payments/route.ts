import { readDb } from '@/db';
import { getCampaign, getCampaignRevenueByStatus } from '@/db/queries/campaigns';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';

/** A campaign's revenue by payment status (paid, partial, unpaid) as CSV; managers and admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const { id } = await params;
  const campaign = await getCampaign(readDb, id);
  if (!campaign) return new Response('No such campaign.', { status: 404 });
  const slug = campaign.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  const rows = await getCampaignRevenueByStatus(readDb, id);
  async function* pages() {
    yield rows.map((r) => [r.amount_status, r.bookings, r.collected, r.booked]);
  }
  return csvResponse(
    `campaign-${slug}-payments.csv`,
    ['amount_status', 'bookings', 'collected', 'booked_value'],
    pages(),
  );
}
