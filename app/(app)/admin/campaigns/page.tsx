import type { Metadata } from 'next';

import { CampaignsTable } from '@/components/tables/campaigns/campaigns-table';
import { Panel } from '@/components/ui/card';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { CAMPAIGNS_PAGE_SIZE, listCampaignAnalyticsPage } from '@/db/queries/campaigns';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import { CampaignForm } from './campaign-form';

export const metadata: Metadata = { title: 'Manage campaigns' };

/** The columns this list can sort by (the rest of CAMPAIGN_SORTS are money, not shown here). */
const ADMIN_SORTS = ['sent_at', 'name', 'messages_sent'] as const;

export default async function ManageCampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manage');
  const sp = await searchParams;
  const sort = oneOf(param(sp, 'sort'), ADMIN_SORTS, 'sent_at');
  const dir = oneOf(param(sp, 'dir'), ['asc', 'desc'] as const, sort === 'name' ? 'asc' : 'desc');
  // The primary, not a replica: this page is read right after its own writes.
  const { rows, total, page } = await listCampaignAnalyticsPage(db, {
    sort,
    dir,
    page: positiveInt(param(sp, 'page')) ?? 1,
    pageSize: CAMPAIGNS_PAGE_SIZE,
  });
  return (
    <>
      <PageHeader
        title="Manage campaigns"
        description="Create campaigns, add their recipients, export the outbox and import the gateway’s results."
      />
      {total === 0 ? (
        <EmptyState title="No campaigns yet">
          <p>Create the first campaign below, then add its recipients from a CSV file or from your contacts.</p>
        </EmptyState>
      ) : (
        <CampaignsTable
          admin
          rows={rows}
          sort={sort}
          dir={dir}
          page={page}
          pageSize={CAMPAIGNS_PAGE_SIZE}
          total={total}
        />
      )}
      <Panel id="new-campaign" title="New campaign" className="mt-8">
        <CampaignForm />
      </Panel>
    </>
  );
}
