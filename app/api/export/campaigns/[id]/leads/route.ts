import { readDb } from '@/db';
import { listCampaignLeads } from '@/db/queries/campaigns';

import { campaignCsv } from '../campaign-csv';

const PAGE = 1000;

/** Every lead of a campaign as CSV, newest first, read a thousand at a time; managers and admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return campaignCsv(readDb, 'readRevenue', params, (campaign, slug) => ({
    file: `campaign-${slug}-leads.csv`,
    header: [
      'id',
      'created_at',
      'status',
      'visitor',
      'phone',
      'exhibitor_id',
      'company',
      'employee',
      'next_followup_date',
    ],
    pages: (async function* () {
      for (let page = 1; ; page++) {
        const rows = await listCampaignLeads(readDb, campaign.id, { page, pageSize: PAGE });
        yield rows.map((r) => [
          r.id,
          r.created_at,
          r.status,
          r.visitor_name,
          r.phone,
          r.exhibitor_id,
          r.company,
          r.employee,
          r.next_followup_date,
        ]);
        if (rows.length < PAGE) return;
      }
    })(),
  }));
}
