import Link from 'next/link';

import { BookingsChart, RevenueChart } from '@/components/charts/revenue-chart';
import { ContributingCampaignsTable } from '@/components/tables/companies/contributing-campaigns-table';
import { StallPerformanceTable } from '@/components/tables/companies/stall-performance-table';
import { Card } from '@/components/ui/card';
import { KeyFigures } from '@/components/ui/key-figures';
import { readDb } from '@/db';
import {
  CONTRIBUTING_CAMPAIGNS_PAGE_SIZE,
  contributingCampaignSortsFor,
  defaultContributingCampaignSort,
  defaultStallPerformanceSort,
  getCompanyKpis,
  getCompanyRevenueSeries,
  getCompanyStallPerformance,
  listContributingCampaigns,
  listRecentConversations,
  STALL_PERFORMANCE_PAGE_SIZE,
  stallPerformanceSortsFor,
  type ContributingCampaignSort,
  type StallPerformanceSort,
  type TimelineEntry,
  type TimelineMoneyEntry,
} from '@/db/queries/companies';
import { formatCount, formatDateTime } from '@/lib/format';
import { CONVERSATION_KIND_LABELS } from '@/lib/labels';
import { formatINR } from '@/lib/money';
import { formatPhone } from '@/lib/phone';
import type { Viewer } from '@/lib/viewer';

/**
 * Each widget is its own async server component, streamed in its own <Suspense> by the page.
 * Each reads as the page's viewer: for an employee the read models return no money at all,
 * so what a widget shows (and hands to a client chart) cannot carry any.
 */

export async function KpiWidget({ exhibitorId, viewer }: { exhibitorId: string; viewer: Viewer }) {
  const k = await getCompanyKpis(readDb, exhibitorId, viewer);
  const tiles: [string, string][] = [
    ['Leads', formatCount(k.leads)],
    ['Talks', formatCount(k.talks)],
    ['Bookings', formatCount(k.bookings)],
    ...('collected' in k
      ? ([
          ['Collected', formatINR(k.collected)],
          ['Booked value', formatINR(k.booked)],
          ['Outstanding', formatINR(k.outstanding)],
        ] as [string, string][])
      : []),
  ];
  return <KeyFigures tiles={tiles} />;
}

export async function ChartWidget({
  exhibitorId,
  by,
  viewer,
}: {
  exhibitorId: string;
  by: 'week' | 'month';
  viewer: Viewer;
}) {
  // Narrowed by the viewer: the client chart an employee gets is drawn from points that have no money.
  let chart: { title: string; node: React.ReactNode | null };
  if (viewer.canSeeMoney) {
    const points = await getCompanyRevenueSeries(readDb, exhibitorId, by, viewer);
    chart = { title: `Revenue and bookings by ${by}`, node: points.length ? <RevenueChart data={points} /> : null };
  } else {
    const points = await getCompanyRevenueSeries(readDb, exhibitorId, by, viewer);
    chart = { title: `Bookings by ${by}`, node: points.length ? <BookingsChart data={points} /> : null };
  }
  return (
    <Card
      title={chart.title}
      action={
        <nav aria-label="Chart period" className="flex gap-1">
          {(['week', 'month'] as const).map((p) => (
            <Link
              key={p}
              href={`?by=${p}`}
              scroll={false}
              aria-current={p === by ? 'true' : undefined}
              className={`inline-flex touch-target items-center rounded-lg px-3 text-sm ${p === by ? 'bg-brand-700 text-white' : 'ring-1 ring-slate-300'}`}
            >
              By {p}
            </Link>
          ))}
        </nav>
      }
    >
      {chart.node ?? <p className="text-slate-600">No bookings yet: the chart fills in as stalls are sold.</p>}
    </Card>
  );
}

/** A dashboard table's sort, direction and page as the URL gives them (already checked by the query). */
export type TableParams<S extends string> = { sort?: S; dir?: 'asc' | 'desc'; page?: number };

export async function CampaignsWidget({
  exhibitorId,
  viewer,
  params,
}: {
  exhibitorId: string;
  viewer: Viewer;
  params: TableParams<ContributingCampaignSort>;
}) {
  const sort =
    params.sort && contributingCampaignSortsFor(viewer).includes(params.sort)
      ? params.sort
      : defaultContributingCampaignSort(viewer);
  const dir = params.dir ?? (sort === 'name' ? 'asc' : 'desc');
  const query = { sort, dir, page: params.page, pageSize: CONTRIBUTING_CAMPAIGNS_PAGE_SIZE };
  // Narrowed by the viewer: the client table an employee gets is handed rows that have no money.
  const page = viewer.canSeeMoney
    ? ({ canSeeMoney: true, data: await listContributingCampaigns(readDb, exhibitorId, viewer, query) } as const)
    : ({ canSeeMoney: false, data: await listContributingCampaigns(readDb, exhibitorId, viewer, query) } as const);
  return (
    <Card title="Contributing campaigns">
      {page.data.total === 0 ? (
        <p className="text-slate-600">No lead of this company came from a campaign yet.</p>
      ) : (
        <ContributingCampaignsTable page={page} sort={sort} dir={dir} />
      )}
    </Card>
  );
}

export async function StallsWidget({
  exhibitorId,
  viewer,
  params,
}: {
  exhibitorId: string;
  viewer: Viewer;
  params: TableParams<StallPerformanceSort>;
}) {
  const sort =
    params.sort && stallPerformanceSortsFor(viewer).includes(params.sort)
      ? params.sort
      : defaultStallPerformanceSort(viewer);
  const dir = params.dir ?? (sort === 'location' ? 'asc' : 'desc');
  const query = { sort, dir, page: params.page, pageSize: STALL_PERFORMANCE_PAGE_SIZE };
  const page = viewer.canSeeMoney
    ? ({ canSeeMoney: true, data: await getCompanyStallPerformance(readDb, exhibitorId, viewer, query) } as const)
    : ({ canSeeMoney: false, data: await getCompanyStallPerformance(readDb, exhibitorId, viewer, query) } as const);
  return (
    <Card title="Stall-wise performance">
      {page.data.total === 0 ? (
        <p className="text-slate-600">No talks or bookings at a stall yet.</p>
      ) : (
        <StallPerformanceTable page={page} sort={sort} dir={dir} />
      )}
    </Card>
  );
}

/** One timeline entry; the booking's amounts only on an entry that carries them (the read model gives them to managers and admins only). */
export function TimelineItem({
  entry,
  auditLinks = false,
}: {
  entry: TimelineEntry | TimelineMoneyEntry;
  /** Admins: a booking's entry links to its history in the audit log. */
  auditLinks?: boolean;
}) {
  const when = entry.conversation_date instanceof Date ? entry.conversation_date : new Date(entry.conversation_date);
  return (
    <li className="space-y-1 py-3">
      <p className="flex flex-wrap items-baseline gap-x-2">
        <time dateTime={when.toISOString()} className="text-sm text-slate-600">
          {formatDateTime(when)}
        </time>
        <span className="font-medium">
          {entry.visitor_name ?? (entry.visitor_phone ? formatPhone(entry.visitor_phone) : 'Unknown visitor')}
        </span>
        <span className="rounded-full bg-slate-100 px-2 text-sm">
          {entry.kind === 'talk' ? entry.outcome : CONVERSATION_KIND_LABELS[entry.kind]}
        </span>
      </p>
      <p className="text-sm text-slate-700">
        {[
          entry.employee_name,
          entry.location_name && entry.stall_name
            ? `${entry.location_name} · ${entry.stall_name}`
            : entry.location_name,
          entry.campaign_name ? `Campaign: ${entry.campaign_name}` : null,
          entry.follow_up_status ? `Lead: ${entry.follow_up_status}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {entry.notes ? <p className="text-sm">{entry.notes}</p> : null}
      {entry.booking_id ? (
        <p className="text-sm text-slate-700">
          Booking{entry.booking_cancelled ? ' (cancelled)' : ''}
          {'booking_price' in entry && entry.booking_price
            ? `: ${formatINR(entry.booking_amount_paid)} of ${formatINR(entry.booking_price)} paid (${entry.booking_amount_status})`
            : ''}
          {auditLinks ? (
            <>
              {' · '}
              <Link
                href={`/admin/audit?${new URLSearchParams({ entity: 'booking', entity_id: entry.booking_id })}`}
                className="underline"
              >
                History<span className="sr-only"> of this booking</span>
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}

export async function RecentWidget({ exhibitorId, viewer }: { exhibitorId: string; viewer: Viewer }) {
  const rows = await listRecentConversations(readDb, exhibitorId, viewer, 10);
  return (
    <Card
      title="Recent conversations"
      action={
        <Link
          href={`/companies/${exhibitorId}/timeline`}
          className="inline-flex touch-target items-center rounded-lg px-3 font-medium text-brand-700 hover:bg-brand-50"
        >
          Full timeline →
        </Link>
      }
    >
      {rows.length === 0 ? (
        <p className="text-slate-600">
          No conversations yet. Talks recorded at the booth for this company appear here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => (
            <TimelineItem key={r.id} entry={r} />
          ))}
        </ul>
      )}
    </Card>
  );
}
