/**
 * The read side of campaigns (design document §3.3
 * CampaignAnalyticsService, §5.1, §5.5): the analytics list from the cache
 * counters, one campaign's funnel, revenue by payment status, exhibitor
 * breakdown and leads; the recipients for the admin pages. Each function is a
 * fixed number of queries; money stays a DECIMAL string.
 */
import { and, asc, count, desc, eq, gt, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';

import type { DbOrTx } from '@/db';
import { rowsOf, toCount, toDate, toMoney } from '@/db/rows';
import {
  bookings,
  campaignRecipients,
  campaigns,
  campaignStats,
  contacts,
  exhibitorCampaignStats,
  followUps,
  RECIPIENT_STATUSES,
  users,
  type AmountStatus,
  type Outcome,
} from '@/db/schema';
import { conversionPercent } from '@/lib/analytics';
import { fromPaise, toPaise } from '@/lib/money';

/* ------------------------------------------------------------ analytics list */

export const CAMPAIGN_SORTS = [
  'name',
  'sent_at',
  'messages_sent',
  'leads',
  'bookings',
  'collected',
  'booked',
  'conversion',
] as const;
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

/**
 * The campaign counters summed over their shards (campaign_stats, db/schema/stats.ts), for a
 * query that left-joins the shards to the campaigns and groups by the campaign's id: one
 * row per campaign once `counters:fold` has run, at most 17 for a campaign entries were recorded
 * for since. (A derived table of the sums joined to the campaigns was twice as slow: it is
 * materialised and indexed first.)
 */
const cs = campaignStats;
const n = {
  leads: sql`coalesce(sum(${cs.leads}), 0)`,
  bookings: sql`coalesce(sum(${cs.bookings}), 0)`,
  revenue: sql`coalesce(sum(${cs.revenue}), 0)`,
  booked: sql`coalesce(sum(${cs.booked}), 0)`,
};

const sortKey: Record<CampaignSort, SQLWrapper> = {
  name: campaigns.name,
  sent_at: campaigns.sent_at,
  messages_sent: campaigns.total_messages_sent,
  leads: n.leads,
  bookings: n.bookings,
  collected: n.revenue,
  booked: n.booked,
  conversion: sql`case when ${n.leads} > 0 then ${n.bookings} / ${n.leads} else 0 end`,
};

const analyticsColumns = {
  id: campaigns.id,
  name: campaigns.name,
  channel: campaigns.channel,
  status: campaigns.status,
  sent_at: campaigns.sent_at,
  total_messages_sent: campaigns.total_messages_sent,
  total_leads_generated: n.leads,
  total_bookings_created: n.bookings,
  total_revenue: n.revenue,
  total_booked_value: n.booked,
};

/** The analytics list shows this many campaigns a page unless asked otherwise. */
export const CAMPAIGNS_PAGE_SIZE = 50;

export type CampaignListParams = {
  sort: CampaignSort;
  dir: 'asc' | 'desc';
  /** 1-based; default 1. */
  page?: number;
  /** Default CAMPAIGNS_PAGE_SIZE. */
  pageSize?: number;
};

function analyticsQuery(db: DbOrTx, p: Pick<CampaignListParams, 'sort' | 'dir'>) {
  const sort: CampaignSort = CAMPAIGN_SORTS.includes(p.sort) ? p.sort : 'collected';
  const dir = p.dir === 'asc' ? asc : desc;
  return db
    .select(analyticsColumns)
    .from(campaigns)
    .leftJoin(cs, eq(cs.campaign_id, campaigns.id))
    .groupBy(campaigns.id)
    .orderBy(dir(sortKey[sort]), asc(campaigns.name), asc(campaigns.id))
    .$dynamic();
}

/**
 * One page of the campaigns with their figures, read from the cache
 * counters (§1.4 plus messages sent and booked value) — never counted from
 * the two million recipients or the bookings. One query; top revenue first
 * by default (§5.1); the first page unless asked for another.
 */
export async function listCampaignAnalytics(db: DbOrTx, p: CampaignListParams): Promise<CampaignAnalyticsRow[]> {
  const pageSize = Math.max(1, Math.floor(p.pageSize ?? CAMPAIGNS_PAGE_SIZE) || 1);
  const page = Math.max(1, Math.floor(p.page ?? 1) || 1);
  const rows = await analyticsQuery(db, p)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return rows.map(toAnalyticsRow);
}

/** Number of campaigns, for the list's pager. */
export async function countCampaigns(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(campaigns);
  return toCount(row?.n);
}

/**
 * A page of the analytics list and the number of campaigns, in one
 * statement (the count is a window over the same scan); a page past the end
 * (a hand-typed URL, or campaigns deleted meanwhile) gives the last one.
 */
export async function listCampaignAnalyticsPage(
  db: DbOrTx,
  p: CampaignListParams,
): Promise<{ rows: CampaignAnalyticsRow[]; total: number; page: number }> {
  const pageSize = Math.max(1, Math.floor(p.pageSize ?? CAMPAIGNS_PAGE_SIZE) || 1);
  const page = Math.max(1, Math.floor(p.page ?? 1) || 1);
  const sort: CampaignSort = CAMPAIGN_SORTS.includes(p.sort) ? p.sort : 'collected';
  const dir = p.dir === 'asc' ? asc : desc;
  const rows = await db
    .select({ ...analyticsColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(campaigns)
    .leftJoin(cs, eq(cs.campaign_id, campaigns.id))
    .groupBy(campaigns.id)
    .orderBy(dir(sortKey[sort]), asc(campaigns.name), asc(campaigns.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (rows.length === 0 && page > 1) {
    const total = await countCampaigns(db);
    const last = Math.max(1, Math.ceil(total / pageSize));
    return last < page ? listCampaignAnalyticsPage(db, { ...p, page: last }) : { rows: [], total, page };
  }
  return { rows: rows.map(toAnalyticsRow), total: rows[0]?.total ?? 0, page };
}

/** Every campaign with its figures, for the CSV export (the page shows them a page at a time). */
export async function listAllCampaignAnalytics(
  db: DbOrTx,
  p: Pick<CampaignListParams, 'sort' | 'dir'>,
): Promise<CampaignAnalyticsRow[]> {
  return (await analyticsQuery(db, p)).map(toAnalyticsRow);
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
  const [row] = await db
    .select({ ...analyticsColumns, message: campaigns.message })
    .from(campaigns)
    .leftJoin(cs, eq(cs.campaign_id, campaigns.id))
    .where(eq(campaigns.id, id))
    .groupBy(campaigns.id);
  return row ? { ...toAnalyticsRow(row), message: row.message } : null;
}

export type PaymentStatusRow = { amount_status: AmountStatus; bookings: number; collected: string; booked: string };

/**
 * Revenue by payment status (§3.3): the campaign's bookings not cancelled,
 * grouped by paid / partial / unpaid — always the three rows, zeros included.
 */
export async function getCampaignRevenueByStatus(db: DbOrTx, id: string): Promise<PaymentStatusRow[]> {
  const rows = await db
    .select({
      amount_status: bookings.amount_status,
      bookings: count(),
      collected: sql<string>`coalesce(sum(${bookings.amount_paid}), 0)`,
      booked: sql<string>`coalesce(sum(${bookings.price}), 0)`,
    })
    .from(bookings)
    .where(and(eq(bookings.campaign_id, id), isNull(bookings.cancelled_at)))
    .groupBy(bookings.amount_status);
  return (['paid', 'partial', 'unpaid'] as const).map((status) => {
    const r = rows.find((x) => x.amount_status === status);
    return {
      amount_status: status,
      bookings: toCount(r?.bookings),
      collected: toMoney(r?.collected),
      booked: toMoney(r?.booked),
    };
  });
}

export type FunnelStep = {
  key: 'sent' | 'leads' | 'bookings';
  label: string;
  value: number;
  /** From the step before, two decimals; null for the first step. */ conversion: string | null;
};

/** Where the funnel ends: the money of the campaign's bookings not cancelled, exact (DECIMAL strings). */
export type FunnelMoney = {
  collected: string;
  booked: string;
  /** Booked value not yet collected. */ outstanding: string;
  /** Collected as a share of booked value, two decimals. */ collectedShare: string;
  /** Bookings paid in full, of `bookings`. */ fullyPaid: number;
  bookings: number;
};

/**
 * Messages sent → leads → bookings, each with the conversion from the step
 * before, ending in money: collected revenue beside booked value and what is
 * outstanding (from the payment-status rows, so the three agree to the paisa).
 */
export function campaignFunnel(
  c: Pick<CampaignAnalyticsRow, 'messages_sent' | 'leads' | 'bookings'>,
  byStatus: PaymentStatusRow[],
): { steps: FunnelStep[]; money: FunnelMoney } {
  const counts: [FunnelStep['key'], string, number][] = [
    ['sent', 'Messages sent', c.messages_sent],
    ['leads', 'Leads', c.leads],
    ['bookings', 'Bookings', c.bookings],
  ];
  const steps = counts.map(([key, label, value], i) => ({
    key,
    label,
    value,
    conversion: i === 0 ? null : conversionPercent(value, counts[i - 1]![2]),
  }));
  let collected = 0n;
  let booked = 0n;
  let bookingsCount = 0;
  for (const r of byStatus) {
    collected += toPaise(r.collected);
    booked += toPaise(r.booked);
    bookingsCount += r.bookings;
  }
  return {
    steps,
    money: {
      collected: fromPaise(collected),
      booked: fromPaise(booked),
      outstanding: fromPaise(booked - collected),
      collectedShare: conversionPercent(collected, booked),
      fullyPaid: byStatus.find((r) => r.amount_status === 'paid')?.bookings ?? 0,
      bookings: bookingsCount,
    },
  };
}

export type CampaignExhibitorRow = {
  exhibitor_id: string;
  name: string;
  city: string | null;
  leads: number;
  bookings: number;
  collected: string;
  booked: string;
};

export const CAMPAIGN_EXHIBITOR_SORTS = ['name', 'leads', 'bookings', 'collected', 'booked'] as const;
export type CampaignExhibitorSort = (typeof CAMPAIGN_EXHIBITOR_SORTS)[number];
/** The breakdown shows this many companies a page unless asked otherwise. */
export const CAMPAIGN_EXHIBITORS_PAGE_SIZE = 20;

export type CampaignExhibitorParams = {
  /** Default 'collected' (most collected first, §5.5). */
  sort?: CampaignExhibitorSort;
  /** Default desc, asc for 'name'. */
  dir?: 'asc' | 'desc';
  /** 1-based; default 1. */
  page?: number;
  /** Default CAMPAIGN_EXHIBITORS_PAGE_SIZE. */
  pageSize?: number;
};

export type CampaignExhibitorPage = {
  rows: CampaignExhibitorRow[];
  /** Companies with a lead or a booking of the campaign, all pages together. */
  total: number;
  /** The page returned: the one asked for, or the last one when that was past the end. */
  page: number;
};

/** The aggregate's ORDER BY for each sort (column aliases of the grouped rows); the id last, so equal rows keep one order. */
function exhibitorOrder(sort: CampaignExhibitorSort, dir: 'asc' | 'desc'): SQL {
  const d = dir === 'asc' ? sql`asc` : sql`desc`;
  const keys: Record<Exclude<CampaignExhibitorSort, 'name'>, string[]> = {
    collected: ['collected', 'bookings', 'leads'],
    booked: ['booked', 'collected', 'bookings', 'leads'],
    bookings: ['bookings', 'collected', 'leads'],
    leads: ['leads', 'bookings', 'collected'],
  };
  const names = sort === 'name' ? ['name'] : keys[sort];
  return sql.join(
    [...names.map((k) => sql`${sql.identifier(k)} ${d}`), sql`${sql.identifier('exhibitor_id')} asc`],
    sql`, `,
  );
}

/**
 * Per company, the campaign's leads and its bookings not cancelled with their money: the
 * company × campaign counters (exhibitor_campaign_stats, moved with every write and recounted by
 * `counters:reconcile`), read from their covering (campaign_id, collected, …) index — one row per company,
 * never the campaign's follow-ups and bookings themselves. A row left at zero (its bookings
 * cancelled, its leads merged away) is not a company of the breakdown.
 */
function exhibitorTotals(id: string): SQL {
  const s = exhibitorCampaignStats;
  return sql`select ${s.exhibitor_id} as exhibitor_id, ${s.leads} as leads, ${s.bookings} as bookings,
                    ${s.collected} as collected, ${s.booked} as booked
               from ${s} where ${s.campaign_id} = ${id} and (${s.leads} > 0 or ${s.bookings} > 0)`;
}

type ExhibitorRaw = {
  exhibitor_id: string;
  name: string;
  city: string | null;
  leads: unknown;
  bookings: unknown;
  collected: unknown;
  booked: unknown;
  total?: unknown;
};

const toExhibitorRow = (r: ExhibitorRaw): CampaignExhibitorRow => ({
  exhibitor_id: r.exhibitor_id,
  name: r.name,
  city: r.city,
  leads: toCount(r.leads),
  bookings: toCount(r.bookings),
  collected: toMoney(r.collected),
  booked: toMoney(r.booked),
});

/**
 * §5.5 exhibitor breakdown, one page of it with the number of companies in
 * all: per company, the campaign's leads and its bookings not cancelled with
 * their money. One statement: the per-company counters (one row per company,
 * exhibitorTotals) are sorted and cut to the page (the count of all rides
 * along as a window), and only the page's companies are joined to their
 * names — a sort by name joins them all, as it must. Most collected first by
 * default.
 */
export async function listCampaignExhibitorPage(
  db: DbOrTx,
  id: string,
  p: CampaignExhibitorParams = {},
): Promise<CampaignExhibitorPage> {
  const sort: CampaignExhibitorSort = CAMPAIGN_EXHIBITOR_SORTS.includes(p.sort!) ? p.sort! : 'collected';
  const dir = p.dir ?? (sort === 'name' ? 'asc' : 'desc');
  const pageSize = Math.max(1, Math.floor(p.pageSize ?? CAMPAIGN_EXHIBITORS_PAGE_SIZE) || 1);
  const page = Math.max(1, Math.floor(p.page ?? 1) || 1);
  const order = exhibitorOrder(sort, dir);
  const offset = (page - 1) * pageSize;
  const query =
    sort === 'name'
      ? sql`select g.exhibitor_id, ${contacts.name} as name, ${contacts.city} as city, g.leads, g.bookings, g.collected, g.booked,
                   count(*) over () as total
              from (${exhibitorTotals(id)}) g join ${contacts} on ${contacts.id} = g.exhibitor_id
             order by ${order} limit ${pageSize} offset ${offset}`
      : sql`select p.exhibitor_id, ${contacts.name} as name, ${contacts.city} as city, p.leads, p.bookings, p.collected, p.booked, p.total
              from (select g.*, count(*) over () as total from (${exhibitorTotals(id)}) g order by ${order} limit ${pageSize} offset ${offset}) p
              join ${contacts} on ${contacts.id} = p.exhibitor_id
             order by ${order}`;
  const rows = await rowsOf<ExhibitorRaw>(db, query);
  if (rows.length === 0 && page > 1) {
    // Past the end (the list shrank, or a hand-typed page): the last page instead, which knows the total.
    const { total } = await listCampaignExhibitorPage(db, id, { ...p, page: 1, pageSize: 1 });
    const last = Math.max(1, Math.ceil(total / pageSize));
    return last < page ? listCampaignExhibitorPage(db, id, { ...p, page: last }) : { rows: [], total, page };
  }
  return { rows: rows.map(toExhibitorRow), total: toCount(rows[0]?.total), page };
}

/** One page of the exhibitor breakdown (top 20 most collected by default); listCampaignExhibitorPage adds the total. */
export async function listCampaignExhibitors(
  db: DbOrTx,
  id: string,
  p: CampaignExhibitorParams = {},
): Promise<CampaignExhibitorRow[]> {
  return (await listCampaignExhibitorPage(db, id, p)).rows;
}

/** The whole exhibitor breakdown, most collected first, for the CSV export (the page shows it a page at a time). */
export async function listAllCampaignExhibitors(db: DbOrTx, id: string): Promise<CampaignExhibitorRow[]> {
  const rows = await rowsOf<ExhibitorRaw>(
    db,
    sql`select g.exhibitor_id, ${contacts.name} as name, ${contacts.city} as city, g.leads, g.bookings, g.collected, g.booked
          from (${exhibitorTotals(id)}) g join ${contacts} on ${contacts.id} = g.exhibitor_id
         order by ${exhibitorOrder('collected', 'desc')}`,
  );
  return rows.map(toExhibitorRow);
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
const leadVisitor = alias(contacts, 'visitor');
const leadCompany = alias(contacts, 'company');

export async function listCampaignLeads(
  db: DbOrTx,
  id: string,
  p: { page: number; pageSize: number },
): Promise<CampaignLeadRow[]> {
  const pageSize = Math.max(1, Math.floor(p.pageSize) || 1);
  const offset = (Math.max(1, Math.floor(p.page) || 1) - 1) * pageSize;
  // The page's ids are cut from the (campaign_id, created_at) index first (a deferred join); the rest is joined for those rows only.
  const page = db
    .select({ id: followUps.id })
    .from(followUps)
    .where(eq(followUps.campaign_id, id))
    .orderBy(desc(followUps.created_at), desc(followUps.id))
    .limit(pageSize)
    .offset(offset)
    .as('k');
  const rows = await db
    .select({
      id: followUps.id,
      created_at: followUps.created_at,
      status: followUps.status,
      phone: followUps.phone,
      visitor_name: leadVisitor.name,
      exhibitor_id: followUps.exhibitor_id,
      company: leadCompany.name,
      employee: users.name,
      next_followup_date: followUps.next_followup_date,
    })
    .from(page)
    .innerJoin(followUps, eq(followUps.id, page.id))
    .leftJoin(leadVisitor, eq(leadVisitor.id, followUps.visitor_id))
    .leftJoin(leadCompany, eq(leadCompany.id, followUps.exhibitor_id))
    .leftJoin(users, eq(users.id, followUps.employee_id))
    .orderBy(desc(followUps.created_at), desc(followUps.id));
  return rows.map((r) => ({
    ...r,
    next_followup_date: r.next_followup_date === null ? null : String(r.next_followup_date).slice(0, 10),
  }));
}

/* --------------------------------------------------------------- recipients */

export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/**
 * Recipients per status (pending / sent / failed), zeros included, from the
 * campaign row's counters (moved with the recipients, recounted by
 * `counters:reconcile`): one primary-key read however many recipients
 * (counting 90,000 by status took ~105 ms). Pending = all − sent − failed.
 */
export async function countRecipientsByStatus(db: DbOrTx, id: string): Promise<Record<RecipientStatus, number>> {
  const [row] = await db
    .select({
      total: campaigns.total_recipients,
      sent: campaigns.total_messages_sent,
      failed: campaigns.total_failed,
    })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  if (!row) return { pending: 0, sent: 0, failed: 0 };
  return { pending: row.total - row.sent - row.failed, sent: row.sent, failed: row.failed };
}

export type RecipientRowView = {
  id: number;
  phone: string;
  name: string | null;
  status: RecipientStatus;
  sent_at: Date | null;
  error: string | null;
  provider_message_id: string | null;
};

/** Recipients of a campaign (optionally of one status) after the id `after`, by id: keyset pages for the admin list and the CSV exports. */
export async function listRecipients(
  db: DbOrTx,
  id: string,
  p: { status?: RecipientStatus | null; after?: number; limit: number },
): Promise<RecipientRowView[]> {
  return (
    db
      .select({
        id: campaignRecipients.id,
        phone: campaignRecipients.phone,
        name: campaignRecipients.name,
        status: campaignRecipients.status,
        sent_at: campaignRecipients.sent_at,
        error: campaignRecipients.error,
        provider_message_id: campaignRecipients.provider_message_id,
      })
      // Every status: the optimizer prefers walking the primary key for ORDER BY id LIMIT, which
      // crosses other campaigns' rows (270 ms for the biggest campaign); its own range is 51 rows.
      .from(campaignRecipients, p.status ? undefined : { forceIndex: 'campaign_recipients_campaign_id_id_index' })
      .where(
        and(
          eq(campaignRecipients.campaign_id, id),
          p.status ? eq(campaignRecipients.status, p.status) : undefined,
          p.after ? gt(campaignRecipients.id, p.after) : undefined,
        ),
      )
      .orderBy(asc(campaignRecipients.id))
      .limit(Math.max(1, p.limit))
  );
}
