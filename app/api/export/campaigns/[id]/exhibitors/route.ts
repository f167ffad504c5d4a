import { readDb } from '@/db';
import { listAllCampaignExhibitors } from '@/db/queries/campaigns';

import { campaignCsv } from '../campaign-csv';

/** A campaign's exhibitor breakdown (§5.5) as CSV, most collected first; managers and admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return campaignCsv(readDb, 'readRevenue', params, async (campaign, slug) => {
    const rows = await listAllCampaignExhibitors(readDb, campaign.id);
    return {
      file: `campaign-${slug}-exhibitors.csv`,
      header: ['exhibitor_id', 'company', 'city', 'leads', 'bookings', 'collected', 'booked_value'],
      pages: (async function* () {
        yield rows.map((r) => [r.exhibitor_id, r.name, r.city, r.leads, r.bookings, r.collected, r.booked]);
      })(),
    };
  });
}
