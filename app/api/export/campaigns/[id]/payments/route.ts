import { readDb } from '@/db';
import { getCampaignRevenueByStatus } from '@/db/queries/campaigns';

import { campaignCsv } from '../campaign-csv';

/** A campaign's revenue by payment status (paid, partial, unpaid) as CSV; managers and admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return campaignCsv(readDb, 'readRevenue', params, async (campaign, slug) => {
    const rows = await getCampaignRevenueByStatus(readDb, campaign.id);
    return {
      file: `campaign-${slug}-payments.csv`,
      header: ['amount_status', 'bookings', 'collected', 'booked_value'],
      pages: (async function* () {
        yield rows.map((r) => [r.amount_status, r.bookings, r.collected, r.booked]);
      })(),
    };
  });
}
