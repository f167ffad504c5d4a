import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';

import { CAMPAIGN_TABLE_PREFIX, STALL_TABLE_PREFIX } from '@/components/tables/companies/dashboard-params';
import { WidgetSkeleton } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { readDb } from '@/db';
import { CONTRIBUTING_CAMPAIGN_SORTS, getCompany, STALL_PERFORMANCE_SORTS } from '@/db/queries/companies';
import { resolveMergedContact } from '@/db/queries/duplicates';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';
import { viewerFor } from '@/lib/viewer';

import { CampaignsWidget, ChartWidget, KpiWidget, RecentWidget, StallsWidget } from './widgets';

export const metadata: Metadata = { title: 'Company' };

export default async function CompanyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requirePermission('readCompanies');
  // Every widget reads as this viewer: an employee's read models carry no money.
  const viewer = viewerFor(user);
  const { id } = await params;
  const company = await getCompany(readDb, id);
  if (!company) {
    // A company merged into another: its old links lead to the survivor.
    const survivor = await resolveMergedContact(readDb, id, 'exhibitor');
    if (survivor) redirect(`/companies/${survivor}`);
    notFound();
  }
  const sp = await searchParams;
  const by = oneOf(param(sp, 'by'), ['week', 'month'] as const, 'month');
  // Each paged table's sort, direction and page, under its own prefix; the widget checks the sort against the viewer.
  const tableParams = <S extends string>(prefix: string, sorts: readonly S[]) => {
    const sort = param(sp, `${prefix}sort`);
    const dir = param(sp, `${prefix}dir`);
    return {
      sort: sorts.includes(sort as S) ? (sort as S) : undefined,
      dir: dir === 'asc' || dir === 'desc' ? (dir as 'asc' | 'desc') : undefined,
      page: positiveInt(param(sp, `${prefix}page`)),
    };
  };
  const stallParams = tableParams(STALL_TABLE_PREFIX, STALL_PERFORMANCE_SORTS);
  const campaignParams = tableParams(CAMPAIGN_TABLE_PREFIX, CONTRIBUTING_CAMPAIGN_SORTS);

  return (
    <>
      <PageHeader
        back={{ href: '/companies', label: 'All companies' }}
        title={company.name}
        description={[company.city, company.phone, company.email].filter(Boolean).join(' · ') || undefined}
        actions={
          <Link
            href={`/companies/${id}/timeline`}
            className="inline-flex touch-target items-center rounded-lg bg-brand-700 px-4 font-medium text-white"
          >
            Timeline
          </Link>
        }
      />
      <div className="space-y-6">
        <Suspense fallback={<WidgetSkeleton title="Key figures" height="h-20" />}>
          <KpiWidget exhibitorId={id} viewer={viewer} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Revenue and bookings" height="h-72" />}>
          <ChartWidget exhibitorId={id} by={by} viewer={viewer} />
        </Suspense>
        <div className="grid gap-6 xl:grid-cols-2">
          <Suspense fallback={<WidgetSkeleton title="Contributing campaigns" />}>
            <CampaignsWidget exhibitorId={id} viewer={viewer} params={campaignParams} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton title="Stall-wise performance" />}>
            <StallsWidget exhibitorId={id} viewer={viewer} params={stallParams} />
          </Suspense>
        </div>
        <Suspense fallback={<WidgetSkeleton title="Recent conversations" height="h-64" />}>
          <RecentWidget exhibitorId={id} viewer={viewer} />
        </Suspense>
      </div>
    </>
  );
}
