/**
 * The read side of campaigns (design document §3.3
 * CampaignAnalyticsService, §5.1, §5.5): the analytics list from the cache
 * counters, one campaign's funnel, revenue by payment status, exhibitor
 * breakdown and leads; the recipients for the admin pages. Each function is a
 * fixed number of queries; money stays a DECIMAL string.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { rowsOf, toCount, toDate, toMoney } from '@/db/rows';
import { campaignRecipients, RECIPIENT_STATUSES, type AmountStatus, type Outcome } from '@/db/schema';
import { conversionPercent } from '@/lib/analytics';

/* ------------------------------------------------------------ analytics list */

export const CAMPAIGN_SORTS = ['name', 'sent_at', 'messages_sent', 'leads', 'bookings', 'collected', 'booked', 'conversion'] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];

export type CampaignAnalyticsRow = {
  id: string;
  name: string;
  channel: string;
  status: string;
  sent_at: Date | null;
  messages_sent: number;
  leads: number;
  bookings: number;
  collected: string;
  booked: string;
  /** bookings / leads × 100, two decimals ('16.67'); '0.00' without leads. */
  conversion: string;
};

const SORT_SQL: Record<CampaignSort, string> = {
  name: 'c.name',
  sent_at: 'c.sent_at',
  messages_sent: 'c.total_messages_sent',
  leads: 'c.total_leads_generated',
  bookings: 'c.total_bookings_created',
  collected: 'c.total_revenue',
  booked: 'c.total_booked_value',
  conversion: 'case when c.total_leads_generated > 0 then c.total_bookings_created / c.total_leads_generated else 0 end',
};

/**
 * Every campaign with its figures, read from the cache counters (§1.4 plus
 * messages sent and booked value) — never counted from the two million
 * recipients or the bookings. One query; top revenue first by default (§5.1).
 */
export async function listCampaignAnalytics(db: DbOrTx, p: { sort: CampaignSort; dir: 'asc' | 'desc' }): Promise<CampaignAnalyticsRow[]> {
  const sort: CampaignSort = CAMPAIGN_SORTS.includes(p.sort) ? p.sort : 'collected';
  const dir = p.dir === 'asc' ? 'asc' : 'desc';
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select c.id, c.name, c.channel, c.status, c.sent_at, c.total_messages_sent, c.total_leads_generated, c.total_bookings_created, c.total_revenue, c.total_booked_value
        from campaigns c
        order by ${sql.raw(`${SORT_SQL[sort]} ${dir}`)}, c.name asc, c.id asc`,
  );
  return rows.map(toAnalyticsRow);
}

function toAnalyticsRow(r: Record<string, unknown>): CampaignAnalyticsRow {
  const leads = toCount(r.total_leads_generated);
  const bookings = toCount(r.total_bookings_created);
  return {
    id: String(r.id),
    name: String(r.name),
    channel: String(r.channel),
    status: String(r.status),
    sent_at: toDate(r.sent_at),
    messages_sent: toCount(r.total_messages_sent),
    leads,
    bookings,
    collected: toMoney(r.total_revenue),
    booked: toMoney(r.total_booked_value),
    conversion: conversionPercent(bookings, leads),
  };
}

/* ------------------------------------------------------------- one campaign */

export type CampaignDetail = CampaignAnalyticsRow & { message: string | null };

/** One campaign with its counters; null when unknown. */
export async function getCampaign(db: DbOrTx, id: string): Promise<CampaignDetail | null> {
  const [row] = await rowsOf<Record<string, unknown>>(
    db,
    sql`select c.id, c.name, c.channel, c.status, c.sent_at, c.message, c.total_messages_sent, c.total_leads_generated, c.total_bookings_created, c.total_revenue, c.total_booked_value
        from campaigns c where c.id = ${id}`,
  );
  return row ? { ...toAnalyticsRow(row), message: (row.message as string | null) ?? null } : null;
}

export type PaymentStatusRow = { amount_status: AmountStatus; bookings: number; collected: string; booked: string };

/**
 * Revenue by payment status (§3.3): the campaign's bookings not cancelled,
 * grouped by paid / partial / unpaid — always the three rows, zeros included.
 */
export async function getCampaignRevenueByStatus(db: DbOrTx, id: string): Promise<PaymentStatusRow[]> {
  const rows = await rowsOf<{ amount_status: AmountStatus | null; bookings: unknown; collected: unknown; booked: unknown }>(
    db,
    sql`select b.amount_status, count(*) as bookings, coalesce(sum(b.amount_paid), 0) as collected, coalesce(sum(b.price), 0) as booked
        from bookings b where b.campaign_id = ${id} and b.cancelled_at is null
        group by b.amount_status`,
  );
  return (['paid', 'partial', 'unpaid'] as const).map((status) => {
    const r = rows.find((x) => x.amount_status === status);
    return { amount_status: status, bookings: toCount(r?.bookings), collected: toMoney(r?.collected), booked: toMoney(r?.booked) };
  });
}

export type FunnelStep = { key: 'sent' | 'leads' | 'bookings' | 'paid'; label: string; value: number; /** From the step before, two decimals; null for the first step. */ conversion: string | null };

/** Messages sent → leads → bookings → fully paid bookings, each with the conversion from the step before. */
export function campaignFunnel(c: Pick<CampaignAnalyticsRow, 'messages_sent' | 'leads' | 'bookings'>, byStatus: PaymentStatusRow[]): FunnelStep[] {
  const paid = byStatus.find((r) => r.amount_status === 'paid')?.bookings ?? 0;
  const steps: [FunnelStep['key'], string, number][] = [
    ['sent', 'Messages sent', c.messages_sent],
    ['leads', 'Leads', c.leads],
    ['bookings', 'Bookings', c.bookings],
    ['paid', 'Fully paid', paid],
  ];
  return steps.map(([key, label, value], i) => ({ key, label, value, conversion: i === 0 ? null : conversionPercent(value, steps[i - 1]![2]) }));
}

export type CampaignExhibitorRow = { exhibitor_id: string; name: string; city: string | null; leads: number; bookings: number; collected: string; booked: string };

/**
 * §5.5 exhibitor breakdown: per company, the campaign's leads and its
 * bookings not cancelled with their money; most collected first. Leads and
 * bookings are grouped separately and then combined (no join multiplies them).
 */
export async function listCampaignExhibitors(db: DbOrTx, id: string): Promise<CampaignExhibitorRow[]> {
  const rows = await rowsOf<{ exhibitor_id: string; name: string; city: string | null; leads: unknown; bookings: unknown; collected: unknown; booked: unknown }>(
    db,
    sql`select e.id as exhibitor_id, e.name, e.city, sum(u.leads) as leads, sum(u.bookings) as bookings,
               coalesce(sum(u.collected), 0) as collected, coalesce(sum(u.booked), 0) as booked
        from (
          select f.exhibitor_id, count(*) as leads, 0 as bookings, null as collected, null as booked
            from follow_ups f where f.campaign_id = ${id} and f.exhibitor_id is not null group by f.exhibitor_id
          union all
          select b.exhibitor_id, 0, count(*), sum(b.amount_paid), sum(b.price)
            from bookings b where b.campaign_id = ${id} and b.cancelled_at is null and b.exhibitor_id is not null group by b.exhibitor_id
        ) u
        join contacts e on e.id = u.exhibitor_id
        group by e.id, e.name, e.city
        order by collected desc, bookings desc, leads desc, e.name asc, e.id asc`,
  );
  return rows.map((r) => ({
    exhibitor_id: r.exhibitor_id,
    name: r.name,
    city: r.city,
    leads: toCount(r.leads),
    bookings: toCount(r.bookings),
    collected: toMoney(r.collected),
    booked: toMoney(r.booked),
  }));
}

export type CampaignLeadRow = {
  id: number;
  created_at: Date | null;
  status: Outcome;
  phone: string | null;
  visitor_name: string | null;
  exhibitor_id: string | null;
  company: string | null;
  employee: string | null;
  next_followup_date: string | null;
};

/**
 * The campaign's leads, newest first, a page at a time (offset paging over
 * the (campaign_id, created_at) index; the total is the leads counter).
 */
export async function listCampaignLeads(db: DbOrTx, id: string, p: { page: number; pageSize: number }): Promise<CampaignLeadRow[]> {
  const pageSize = Math.max(1, Math.floor(p.pageSize) || 1);
  const offset = (Math.max(1, Math.floor(p.page) || 1) - 1) * pageSize;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select f.id, f.created_at, f.status, f.phone, v.name as visitor_name, f.exhibitor_id, e.name as company, u.name as employee, f.next_followup_date
        from (select id from follow_ups where campaign_id = ${id} order by created_at desc, id desc limit ${pageSize} offset ${offset}) k
        join follow_ups f on f.id = k.id
        left join contacts v on v.id = f.visitor_id
        left join contacts e on e.id = f.exhibitor_id
        left join users u on u.id = f.employee_id
        order by f.created_at desc, f.id desc`,
  );
  return rows.map((r) => ({
    id: toCount(r.id),
    created_at: toDate(r.created_at),
    status: r.status as Outcome,
    phone: (r.phone as string | null) ?? null,
    visitor_name: (r.visitor_name as string | null) ?? null,
    exhibitor_id: (r.exhibitor_id as string | null) ?? null,
    company: (r.company as string | null) ?? null,
    employee: (r.employee as string | null) ?? null,
    next_followup_date: r.next_followup_date === null || r.next_followup_date === undefined ? null : String(r.next_followup_date).slice(0, 10),
  }));
}

/* --------------------------------------------------------------- recipients */

export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Recipients per status (pending / sent / failed), zeros included. One indexed count over (campaign_id, status). */
export async function countRecipientsByStatus(db: DbOrTx, id: string): Promise<Record<RecipientStatus, number>> {
  const rows = await db
    .select({ status: campaignRecipients.status, n: sql<number>`count(*)` })
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaign_id, id))
    .groupBy(campaignRecipients.status);
  const out = { pending: 0, sent: 0, failed: 0 } as Record<RecipientStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export type RecipientRowView = { id: number; phone: string; name: string | null; status: RecipientStatus; sent_at: Date | null; error: string | null; provider_message_id: string | null };

/** Recipients of a campaign (optionally of one status) after the id `after`, by id: keyset pages for the admin list and the CSV exports. */
export async function listRecipients(db: DbOrTx, id: string, p: { status?: RecipientStatus | null; after?: number; limit: number }): Promise<RecipientRowView[]> {
  return db
    .select({
      id: campaignRecipients.id,
      phone: campaignRecipients.phone,
      name: campaignRecipients.name,
      status: campaignRecipients.status,
      sent_at: campaignRecipients.sent_at,
      error: campaignRecipients.error,
      provider_message_id: campaignRecipients.provider_message_id,
    })
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.campaign_id, id),
        p.status ? eq(campaignRecipients.status, p.status) : undefined,
        p.after ? gt(campaignRecipients.id, p.after) : undefined,
      ),
    )
    .orderBy(asc(campaignRecipients.id))
    .limit(Math.max(1, p.limit));
}
