import type { Metadata } from 'next';
import Link from 'next/link';

import { CampaignsTable } from '@/components/tables/campaigns/campaigns-table';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page-header';
import { readDb } from '@/db';
import { CAMPAIGN_SORTS, CAMPAIGNS_PAGE_SIZE, listCampaignAnalyticsPage } from '@/db/queries/campaigns';
import { can } from '@/lib/permissions';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('readRevenue');
  const params = await searchParams;
  const sort = oneOf(param(params, 'sort'), CAMPAIGN_SORTS, 'collected');
  const dir = oneOf(param(params, 'dir'), ['asc', 'desc'] as const, sort === 'name' ? 'asc' : 'desc');
  const { rows, total, page } = await listCampaignAnalyticsPage(readDb, {
    sort,
    dir,
    page: positiveInt(param(params, 'page')) ?? 1,
    pageSize: CAMPAIGNS_PAGE_SIZE,
  });

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Messages sent, leads, bookings and revenue per campaign, top revenue first. Open one for its funnel, exhibitors and leads."
        actions={
          rows.length > 0 ? (
            <Link
              href={`/api/export/campaigns?${new URLSearchParams({ sort, dir })}`}
              className={buttonClass('secondary')}
              prefetch={false}
            >
              Export CSV
            </Link>
          ) : undefined
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No campaigns yet">
          <p>
            An admin creates campaigns under Admin → Campaigns; their messages, leads, bookings and revenue appear here.
          </p>
          {can(user.role, 'manage') ? (
            <Link href="/admin/campaigns" className={`${buttonClass('primary')} mt-4`}>
              Go to Admin → Campaigns
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <CampaignsTable rows={rows} sort={sort} dir={dir} page={page} pageSize={CAMPAIGNS_PAGE_SIZE} total={total} />
      )}
    </>
  );
}
