import Link from 'next/link';
import { cache } from 'react';

import { CampaignFunnelChart } from '@/components/charts/campaign-funnel';
import { CampaignExhibitorsTable } from '@/components/tables/campaigns/exhibitors-table';
import { CampaignLeadsTable } from '@/components/tables/campaigns/leads-table';
import { figureCellClass, figureRowHeaderClass, SimpleTable } from '@/components/tables/simple-table';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { KeyFigures } from '@/components/ui/key-figures';
import { readDb } from '@/db';
import {
  CAMPAIGN_EXHIBITORS_PAGE_SIZE,
  campaignFunnel,
  getCampaign,
  getCampaignRevenueByStatus,
  listCampaignExhibitorPage,
  listCampaignLeads,
  type CampaignExhibitorSort,
} from '@/db/queries/campaigns';
import { formatPercent } from '@/lib/analytics';
import { formatCount } from '@/lib/format';
import { AMOUNT_STATUS_LABELS } from '@/lib/labels';
import { formatINR, fromPaise, toPaise } from '@/lib/money';

/** Each widget is its own async server component, streamed in its own <Suspense> by the page. */

/** Per request: the page and the KPI strip share one read; the funnel and the payment table share the other. */
export const getCampaignOnce = cache((id: string) => getCampaign(readDb, id));
const getRevenueByStatusOnce = cache((id: string) => getCampaignRevenueByStatus(readDb, id));

function ExportLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={buttonClass('secondary')} prefetch={false}>
      {children}
    </Link>
  );
}

export async function KpiWidget({ campaignId }: { campaignId: string }) {
  const c = await getCampaignOnce(campaignId);
  if (!c) return null;
  const tiles: [string, string][] = [
    ['Messages sent', formatCount(c.messages_sent)],
    ['Leads', formatCount(c.leads)],
    ['Bookings', formatCount(c.bookings)],
    ['Collected', formatINR(c.collected)],
    ['Booked value', formatINR(c.booked)],
    ['Outstanding', formatINR(fromPaise(toPaise(c.booked) - toPaise(c.collected)))],
    ['Conversion (leads → bookings)', formatPercent(c.conversion)],
  ];
  return <KeyFigures tiles={tiles} />;
}

export async function FunnelWidget({ campaignId }: { campaignId: string }) {
  const [c, byStatus] = await Promise.all([getCampaignOnce(campaignId), getRevenueByStatusOnce(campaignId)]);
  if (!c) return null;
  const { steps, money } = campaignFunnel(c, byStatus);
  const anything = steps.some((s) => s.value > 0);
  return (
    <Card id="campaign-funnel" title="Campaign funnel">
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {anything ? (
            <CampaignFunnelChart steps={steps.map(({ label, value, conversion }) => ({ label, value, conversion }))} />
          ) : (
            <p className="text-slate-600">
              Nothing sent yet: the funnel fills in once messages go out and leads come back.
            </p>
          )}
        </div>
        <ol aria-label="Funnel" className="space-y-2 self-center">
          {steps.map((s, i) => (
            <li key={s.key} className="rounded-lg bg-slate-50 px-3 py-2">
              <span className="font-medium tabular-nums">
                {s.label}: {formatCount(s.value)}
              </span>
              {i > 0 && s.conversion !== null ? (
                <span className="block text-sm text-slate-600 tabular-nums">
                  {' '}
                  — {formatPercent(s.conversion)} of {steps[i - 1]!.label.toLowerCase()}
                </span>
              ) : null}
            </li>
          ))}
          <li className="rounded-lg bg-emerald-50 px-3 py-2">
            <span className="font-medium tabular-nums">Collected revenue: {formatINR(money.collected)}</span>
            <span className="block text-sm text-slate-700 tabular-nums">
              {' '}
              — {formatPercent(money.collectedShare)} of {formatINR(money.booked)} booked
            </span>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm tabular-nums">
              <dt className="text-slate-600">Outstanding</dt>
              <dd className="font-medium">{formatINR(money.outstanding)}</dd>
              <dt className="text-slate-600">Fully paid</dt>
              <dd>
                {formatCount(money.fullyPaid)} of {formatCount(money.bookings)} bookings
              </dd>
            </dl>
          </li>
        </ol>
      </div>
    </Card>
  );
}

export async function PaymentStatusWidget({ campaignId }: { campaignId: string }) {
  const rows = await getRevenueByStatusOnce(campaignId);
  return (
    <Card
      id="campaign-payments"
      title="Revenue by payment status"
      action={<ExportLink href={`/api/export/campaigns/${campaignId}/payments`}>Export payments CSV</ExportLink>}
    >
      <SimpleTable
        figures
        caption="Revenue by payment status"
        head={['Payment status', 'Bookings', 'Collected', 'Booked value']}
      >
        {rows.map((r) => (
          <tr key={r.amount_status}>
            <th scope="row" className={figureRowHeaderClass}>
              {AMOUNT_STATUS_LABELS[r.amount_status]}
            </th>
            <td className={figureCellClass}>{formatCount(r.bookings)}</td>
            <td className={figureCellClass}>{formatINR(r.collected)}</td>
            <td className={figureCellClass}>{formatINR(r.booked)}</td>
          </tr>
        ))}
      </SimpleTable>
      <p className="mt-2 text-sm text-slate-600">Cancelled bookings are left out.</p>
    </Card>
  );
}

/** The exhibitor breakdown's URL params are `exsort`, `exdir`, `expage`; the leads table keeps `page`. */
export const EXHIBITORS_PARAM_PREFIX = 'ex';

export type ExhibitorsView = { sort: CampaignExhibitorSort; dir: 'asc' | 'desc'; page: number };

export async function ExhibitorsWidget({ campaignId, view }: { campaignId: string; view: ExhibitorsView }) {
  const { rows, total, page } = await listCampaignExhibitorPage(readDb, campaignId, {
    ...view,
    pageSize: CAMPAIGN_EXHIBITORS_PAGE_SIZE,
  });
  return (
    <Card
      id="campaign-exhibitors"
      title="Exhibitor breakdown"
      action={<ExportLink href={`/api/export/campaigns/${campaignId}/exhibitors`}>Export exhibitors CSV</ExportLink>}
    >
      <CampaignExhibitorsTable
        rows={rows}
        sort={view.sort}
        dir={view.dir}
        page={page}
        pageSize={CAMPAIGN_EXHIBITORS_PAGE_SIZE}
        total={total}
        paramPrefix={EXHIBITORS_PARAM_PREFIX}
      />
    </Card>
  );
}

export const LEADS_PAGE_SIZE = 50;

export async function LeadsWidget({ campaignId, page }: { campaignId: string; page: number }) {
  const c = await getCampaignOnce(campaignId);
  if (!c) return null;
  const pageCount = Math.max(1, Math.ceil(c.leads / LEADS_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await listCampaignLeads(readDb, campaignId, { page: current, pageSize: LEADS_PAGE_SIZE });
  return (
    <Card
      id="campaign-leads"
      title="Leads"
      action={<ExportLink href={`/api/export/campaigns/${campaignId}/leads`}>Export leads CSV</ExportLink>}
    >
      <CampaignLeadsTable rows={rows} total={c.leads} page={current} pageSize={LEADS_PAGE_SIZE} />
    </Card>
  );
}
