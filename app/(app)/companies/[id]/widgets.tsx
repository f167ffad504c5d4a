import Link from 'next/link';
import { KeyFigures } from '@/components/ui/key-figures';
import { readDb } from '@/db';
import {
  getCompanyKpis,
  getCompanyRevenueSeries,
  getCompanyStallPerformance,
  listContributingCampaigns,
  listRecentConversations,
  type TimelineEntry,
} from '@/db/queries/companies';
import { RevenueChart } from '@/components/charts/revenue-chart';
import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { formatINR } from '@/lib/money';
import { formatPhone } from '@/lib/phone';

/** Each widget is its own async server component, streamed in its own <Suspense> by the page. */

export function WidgetSkeleton({ title, height = 'h-32' }: { title: string; height?: string }) {
  return (
    <section aria-busy="true" aria-label={`${title} (loading)`} className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <h2 className="mb-3 font-semibold">{title}</h2>
      <div className={`${height} animate-pulse rounded-lg bg-slate-100`} />
    </section>
  );
}

function Card({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

export async function KpiWidget({ exhibitorId, showMoney }: { exhibitorId: string; showMoney: boolean }) {
  const k = await getCompanyKpis(readDb, exhibitorId);
  const tiles: [string, string][] = [
    ['Leads', k.leads.toLocaleString('en-IN')],
    ['Talks', k.talks.toLocaleString('en-IN')],
    ['Bookings', k.bookings.toLocaleString('en-IN')],
    ...(showMoney
      ? ([
          ['Collected', formatINR(k.collected)],
          ['Booked value', formatINR(k.booked)],
          ['Outstanding', formatINR(k.outstanding)],
        ] as [string, string][])
      : []),
  ];
  return <KeyFigures tiles={tiles} />;
}

export async function ChartWidget({ exhibitorId, by, showMoney }: { exhibitorId: string; by: 'week' | 'month'; showMoney: boolean }) {
  const series = await getCompanyRevenueSeries(readDb, exhibitorId, by);
  return (
    <Card
      title={showMoney ? `Revenue and bookings by ${by}` : `Bookings by ${by}`}
      action={
        <nav aria-label="Chart period" className="flex gap-1">
          {(['week', 'month'] as const).map((p) => (
            <Link key={p} href={`?by=${p}`} scroll={false} aria-current={p === by ? 'true' : undefined} className={`touch-target inline-flex items-center rounded-lg px-3 text-sm ${p === by ? 'bg-brand-700 text-white' : 'ring-1 ring-slate-300'}`}>
              By {p}
            </Link>
          ))}
        </nav>
      }
    >
      {series.length ? <RevenueChart data={series} showMoney={showMoney} /> : <p className="text-slate-600">No bookings yet: the chart fills in as stalls are sold.</p>}
    </Card>
  );
}

export async function CampaignsWidget({ exhibitorId, showMoney }: { exhibitorId: string; showMoney: boolean }) {
  const rows = await listContributingCampaigns(readDb, exhibitorId);
  return (
    <Card title="Contributing campaigns">
      {rows.length === 0 ? (
        <p className="text-slate-600">No lead of this company came from a campaign yet.</p>
      ) : (
        <SimpleTable caption="Contributing campaigns" head={['Campaign', 'Leads', 'Bookings', ...(showMoney ? ['Collected', 'Booked value'] : [])]}>
          {rows.map((c) => (
            <tr key={c.campaign_id}>
              <td className={cellClass}>{c.name}</td>
              <td className={`${cellClass} tabular-nums`}>{c.leads}</td>
              <td className={`${cellClass} tabular-nums`}>{c.bookings}</td>
              {showMoney ? <td className={`${cellClass} tabular-nums`}>{formatINR(c.collected)}</td> : null}
              {showMoney ? <td className={`${cellClass} tabular-nums`}>{formatINR(c.booked)}</td> : null}
            </tr>
          ))}
        </SimpleTable>
      )}
    </Card>
  );
}

export async function StallsWidget({ exhibitorId, showMoney }: { exhibitorId: string; showMoney: boolean }) {
  const rows = await getCompanyStallPerformance(readDb, exhibitorId);
  return (
    <Card title="Stall-wise performance">
      {rows.length === 0 ? (
        <p className="text-slate-600">No talks or bookings at a stall yet.</p>
      ) : (
        <SimpleTable caption="Stall-wise performance" head={['Location', 'Stall', 'Talks', 'Bookings', ...(showMoney ? ['Collected', 'Booked value'] : [])]}>
          {rows.map((s) => (
            <tr key={s.table_id}>
              <td className={cellClass}>{s.location}</td>
              <td className={cellClass}>{s.stall}</td>
              <td className={`${cellClass} tabular-nums`}>{s.talks}</td>
              <td className={`${cellClass} tabular-nums`}>{s.bookings}</td>
              {showMoney ? <td className={`${cellClass} tabular-nums`}>{formatINR(s.collected)}</td> : null}
              {showMoney ? <td className={`${cellClass} tabular-nums`}>{formatINR(s.booked)}</td> : null}
            </tr>
          ))}
        </SimpleTable>
      )}
    </Card>
  );
}

const KIND_LABEL = { talk: 'Talk', payment: 'Payment', cancellation: 'Cancellation', manual: 'Note', import: 'Imported' } as const;

/** One timeline entry; money only for roles that may see it. */
export function TimelineItem({ entry, showMoney }: { entry: TimelineEntry; showMoney: boolean }) {
  const when = entry.conversation_date instanceof Date ? entry.conversation_date : new Date(entry.conversation_date);
  // Payment and cancellation notes are written by the system with the amounts: not for roles without revenue.
  const notes = !showMoney && (entry.kind === 'payment' || entry.kind === 'cancellation') ? null : entry.notes;
  return (
    <li className="space-y-1 py-3">
      <p className="flex flex-wrap items-baseline gap-x-2">
        <time dateTime={when.toISOString()} className="text-sm text-slate-600">
          {when.toLocaleString('en-IN', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Kolkata' })}
        </time>
        <span className="font-medium">{entry.visitor_name ?? (entry.visitor_phone ? formatPhone(entry.visitor_phone) : 'Unknown visitor')}</span>
        <span className="rounded-full bg-slate-100 px-2 text-sm">{entry.kind === 'talk' ? entry.outcome : KIND_LABEL[entry.kind]}</span>
      </p>
      <p className="text-sm text-slate-700">
        {[entry.employee_name, entry.location_name && entry.stall_name ? `${entry.location_name} · ${entry.stall_name}` : entry.location_name, entry.campaign_name ? `Campaign: ${entry.campaign_name}` : null, entry.follow_up_status ? `Lead: ${entry.follow_up_status}` : null]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {notes ? <p className="text-sm">{notes}</p> : null}
      {entry.booking_id ? (
        <p className="text-sm text-slate-700">
          Booking{entry.booking_cancelled ? ' (cancelled)' : ''}
          {showMoney && entry.booking_price ? `: ${formatINR(entry.booking_amount_paid)} of ${formatINR(entry.booking_price)} paid (${entry.booking_amount_status})` : ''}
        </p>
      ) : null}
    </li>
  );
}

export async function RecentWidget({ exhibitorId, showMoney }: { exhibitorId: string; showMoney: boolean }) {
  const rows = await listRecentConversations(readDb, exhibitorId, 10);
  return (
    <Card
      title="Recent conversations"
      action={
        <Link href={`/companies/${exhibitorId}/timeline`} className="touch-target inline-flex items-center rounded-lg px-3 font-medium text-brand-700 hover:bg-brand-50">
          Full timeline →
        </Link>
      }
    >
      {rows.length === 0 ? (
        <p className="text-slate-600">No conversations yet. Talks recorded at the booth for this company appear here.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => (
            <TimelineItem key={r.id} entry={r} showMoney={showMoney} />
          ))}
        </ul>
      )}
    </Card>
  );
}
