import { db } from '@/db';
import { getCampaign, listRecipients } from '@/db/queries/campaigns';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';

const PAGE = 1000;

/**
 * The campaign's pending recipients as the gateway's input (phone, name,
 * message), walked by keyset pages over (campaign_id, status, id); admins
 * only. Phones in E.164 (+919876543210). The primary is read, not a replica: the outbox is downloaded right after
 * recipients are added.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnless('manage');
  if (refused) return refused;
  const { id } = await params;
  const campaign = id.length === 26 ? await getCampaign(db, id) : null;
  if (!campaign) return new Response('No such campaign.', { status: 404 });
  const message = campaign.message ?? '';
  async function* pages() {
    let after: number | undefined;
    for (;;) {
      const rows = await listRecipients(db, id, { status: 'pending', after, limit: PAGE });
      yield rows.map((r) => [r.phone, r.name, message]);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  const slug = campaign.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  return csvResponse(`outbox-${slug}.csv`, ['phone', 'name', 'message'], pages());
}
