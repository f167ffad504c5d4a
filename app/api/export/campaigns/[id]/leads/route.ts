import { readDb } from '@/db';
import { getCampaign, listCampaignLeads } from '@/db/queries/campaigns';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';

const PAGE = 1000;

/** Every lead of a campaign as CSV, newest first, read a thousand at a time; managers and admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const { id } = await params;
  const campaign = await getCampaign(readDb, id);
  if (!campaign) return new Response('No such campaign.', { status: 404 });
  const slug = campaign.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  async function* pages() {
    for (let page = 1; ; page++) {
      const rows = await listCampaignLeads(readDb, id, { page, pageSize: PAGE });
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
  }
  return csvResponse(
    `campaign-${slug}-leads.csv`,
    ['id', 'created_at', 'status', 'visitor', 'phone', 'exhibitor_id', 'company', 'employee', 'next_followup_date'],
    pages(),
  );
}
