import 'server-only';

import type { DbOrTx } from '@/db';
import { getCampaign, type CampaignDetail } from '@/db/queries/campaigns';
import { csvResponse } from '@/lib/csv';
import type { Permission } from '@/lib/permissions';
import { refuseUnless } from '@/lib/route-auth';
import { ULID_RE } from '@/lib/validation';

type CampaignCsv = { file: string; header: string[]; pages: AsyncIterable<unknown[][]> };

/**
 * One campaign's CSV export: the role check first, then the campaign (404 when there is none),
 * then the file, named from the campaign's name (`slug`).
 */
export async function campaignCsv(
  db: DbOrTx,
  permission: Permission,
  params: Promise<{ id: string }>,
  csv: (campaign: CampaignDetail, slug: string) => CampaignCsv | Promise<CampaignCsv>,
): Promise<Response> {
  const refused = await refuseUnless(permission);
  if (refused) return refused;
  const { id } = await params;
  const campaign = ULID_RE.test(id) ? await getCampaign(db, id) : null;
  if (!campaign) return new Response('No such campaign.', { status: 404 });
  const { file, header, pages } = await csv(campaign, campaign.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase());
  return csvResponse(file, header, pages);
}
