import { db } from '@/db';
import { listRecipients } from '@/db/queries/campaigns';

import { campaignCsv } from '../campaign-csv';

const PAGE = 1000;

/**
 * The campaign's pending recipients as the gateway's input (phone, name, message), walked by keyset
 * pages over (campaign_id, status, id); admins only. Phones in E.164 (+919876543210). The primary is
 * read, not a replica: the outbox is downloaded right after recipients are added.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return campaignCsv(db, 'manage', params, (campaign, slug) => ({
    file: `outbox-${slug}.csv`,
    header: ['phone', 'name', 'message'],
    pages: (async function* () {
      const message = campaign.message ?? '';
      let after: number | undefined;
      for (;;) {
        const rows = await listRecipients(db, campaign.id, { status: 'pending', after, limit: PAGE });
        yield rows.map((r) => [r.phone, r.name, message]);
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.id;
      }
    })(),
  }));
}
