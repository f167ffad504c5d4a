import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { buttonClass } from '@/components/ui/button';
import { WidgetSkeleton } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CAMPAIGN_EXHIBITOR_SORTS } from '@/db/queries/campaigns';
import { formatDay } from '@/lib/format';
import { CAMPAIGN_STATUS_LABELS, CHANNEL_LABELS, labelOf } from '@/lib/labels';
import { can } from '@/lib/permissions';
import { oneOf, param, positiveInt, type SearchParams } from '@/lib/search-params';
import { requirePermission } from '@/lib/session';

import {
  EXHIBITORS_PARAM_PREFIX,
  ExhibitorsWidget,
  FunnelWidget,
  getCampaignOnce,
  KpiWidget,
  LeadsWidget,
  PaymentStatusWidget,
  type ExhibitorsView,
} from './widgets';

export const metadata: Metadata = { title: 'Campaign' };

/** Longer messages are folded behind a disclosure so the figures stay above the fold. */
const MESSAGE_PREVIEW = 120;

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requirePermission('readRevenue');
  const { id } = await params;
  const campaign = await getCampaignOnce(id);
  if (!campaign) notFound();
  const sp = await searchParams;
  const page = positiveInt(param(sp, 'page')) ?? 1;
  const px = EXHIBITORS_PARAM_PREFIX;
  const exSort = oneOf(param(sp, `${px}sort`), CAMPAIGN_EXHIBITOR_SORTS, 'collected');
  const exhibitors: ExhibitorsView = {
    sort: exSort,
    dir: oneOf(param(sp, `${px}dir`), ['asc', 'desc'] as const, exSort === 'name' ? 'asc' : 'desc'),
    page: positiveInt(param(sp, `${px}page`)) ?? 1,
  };
  const message = campaign.message?.trim() ?? '';

  return (
    <>
      <PageHeader
        back={{ href: '/campaigns', label: 'All campaigns' }}
        title={campaign.name}
        description={[
          `Channel: ${labelOf(CHANNEL_LABELS, campaign.channel)}`,
          `Status: ${labelOf(CAMPAIGN_STATUS_LABELS, campaign.status)}`,
          campaign.sent_at ? `Sent on ${formatDay(campaign.sent_at)}` : 'Not sent yet',
        ].join(' · ')}
        actions={
          can(user.role, 'manage') ? (
            <Link href={`/admin/campaigns/${id}`} className={buttonClass('secondary')}>
              Manage recipients
            </Link>
          ) : undefined
        }
      />
      {message ? (
        message.length <= MESSAGE_PREVIEW ? (
          <p className="-mt-3 mb-6 max-w-3xl text-slate-700">
            <span className="font-medium">Message: </span>
            <span className="whitespace-pre-line">{message}</span>
          </p>
        ) : (
          <details className="-mt-3 mb-6 max-w-3xl rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">
            <summary className="cursor-pointer">
              <span className="font-medium">Message: </span>
              {message.slice(0, MESSAGE_PREVIEW).trimEnd()}…
            </summary>
            <p className="mt-3 whitespace-pre-line">{message}</p>
          </details>
        )
      ) : null}
      <div className="space-y-6">
        <Suspense fallback={<WidgetSkeleton title="Key figures" height="h-20" />}>
          <KpiWidget campaignId={id} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Campaign funnel" height="h-72" />}>
          <FunnelWidget campaignId={id} />
        </Suspense>
        <div className="grid gap-6 xl:grid-cols-2">
          <Suspense fallback={<WidgetSkeleton title="Revenue by payment status" />}>
            <PaymentStatusWidget campaignId={id} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton title="Exhibitor breakdown" />}>
            <ExhibitorsWidget campaignId={id} view={exhibitors} />
          </Suspense>
        </div>
        <Suspense fallback={<WidgetSkeleton title="Leads" height="h-64" />}>
          <LeadsWidget campaignId={id} page={page} />
        </Suspense>
      </div>
    </>
  );
}
