/**
 * The read side for companies (design document §3.4, §5.2–5.4): the
 * companies list, the exhibitor dashboard and the conversation timeline.
 *
 * Every function is a fixed number of queries whatever the number of rows, and
 * aggregates in SQL: money is DECIMAL summed by the database and returned as a
 * string ('1250000.00'), counts as numbers. Revenue counts non-cancelled
 * bookings only (`cancelled_at IS NULL`); collected = SUM(amount_paid),
 * booked = SUM(price), outstanding = booked − collected.
 *
 * The indexes these queries are written for are declared, with the query each
 * serves, in db/schema/conversations.ts, bookings.ts and follow-ups.ts.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias, type MySqlColumn } from 'drizzle-orm/mysql-core';

import type { DbOrTx } from '@/db';
import { containsPattern } from '@/db/queries/like';
import { rowsOf, toCount, toMoney } from '@/db/rows';
import {
  bookings,
  campaigns,
  contactMergeCompanies,
  contactMerges,
  contacts,
  conversations,
  exhibitorCampaignStats,
  exhibitorStallStats,
  exhibitorStats,
  followUps,
  locations,
  stalls,
  users,
  type AmountStatus,
  type ContactType,
  type ConversationKind,
  type Outcome,
} from '@/db/schema';
import { fromPaise, toPaise } from '@/lib/money';
import { LEGACY_ID_RE } from '@/lib/validation';
import type { ActivityViewer, MoneyViewer, Viewer } from '@/lib/viewer';

/**
 * Locations numbered in name order. Sorting thousands of stall rows by the
 * location's long name costs more than the rest of such a query; sorting by
 * this number (the same order) does not.
 */
function rankedLocations(db: DbOrTx) {
  return db
    .select({
      id: locations.id,
      loc_name: locations.loc_name,
      rn: sql<number>`row_number() over (order by ${locations.loc_name}, ${locations.id})`.as('rn'),
    })
    .from(locations)
    .as('l');
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** 'yyyy-mm-dd' → the UTC midnight starting that day; null when not a real date. */
function utcDay(day: string | undefined): Date | null {
  if (!day || !DAY_RE.test(day)) return null;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : d;
}

/* ------------------------------------------------------------ companies list */

export const COMPANY_SORTS = ['name', 'leads', 'bookings', 'collected', 'booked', 'outstanding', 'last_talk'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];
/** The sorts by money: not for a viewer without money (the order alone would rank companies by revenue). */
const COMPANY_MONEY_SORTS = ['collected', 'booked', 'outstanding'] as const satisfies readonly CompanySort[];
/** The sorts this viewer may use. */
export const companySortsFor = (viewer: Viewer): readonly CompanySort[] =>
  viewer.canSeeMoney
    ? COMPANY_SORTS
    : COMPANY_SORTS.filter((s) => !(COMPANY_MONEY_SORTS as readonly string[]).includes(s));

/** A company as everyone sees it in the list: its activity. */
export type CompanyRow = {
  id: string;
  name: string;
  city: string | null;
  leads: number;
  bookings: number;
  last_talk: Date | null;
};
/** …and with its money, for managers and admins. */
export type CompanyMoneyRow = CompanyRow & { collected: string; booked: string; outstanding: string };
/** A page of the list, tagged with what it carries, so a client table can be typed by it. */
export type CompanyList =
  | { canSeeMoney: true; rows: CompanyMoneyRow[]; total: number }
  | { canSeeMoney: false; rows: CompanyRow[]; total: number };

/** The ORDER BY of each sort over the read counters (db/schema/stats.ts); a company without a counter row has nothing. */
const SORT_KEY: Record<Exclude<CompanySort, 'name'>, SQL> = {
  leads: sql`coalesce(${exhibitorStats.leads}, 0)`,
  bookings: sql`coalesce(${exhibitorStats.bookings}, 0)`,
  collected: sql`coalesce(${exhibitorStats.collected}, 0)`,
  booked: sql`coalesce(${exhibitorStats.booked}, 0)`,
  outstanding: sql`coalesce(${exhibitorStats.booked}, 0) - coalesce(${exhibitorStats.collected}, 0)`,
  last_talk: sql`${exhibitorStats.last_conversation_at}`,
};

/** A row of the companies list; for a viewer without money the amounts are not read at all. */
const companyColumns = (money: boolean) => ({
  id: contacts.id,
  name: contacts.name,
  city: contacts.city,
  leads: exhibitorStats.leads,
  bookings: exhibitorStats.bookings,
  last_talk: exhibitorStats.last_conversation_at,
  collected: money ? exhibitorStats.collected : sql<null>`null`,
  booked: money ? exhibitorStats.booked : sql<null>`null`,
});

/** The sorts read from the top of an exhibitor_stats index (the list's defaults), and that index. */
export const TOP_DOWN: Partial<Record<CompanySort, { key: MySqlColumn; index: string }>> = {
  collected: { key: exhibitorStats.collected, index: 'exhibitor_stats_collected_index' },
  leads: { key: exhibitorStats.leads, index: 'exhibitor_stats_leads_index' },
};

/**
 * A page of the companies sorted by a counter, descending, read from the top of
 * that counter's index instead of sorting every company (5,000 counter
 * lookups, ~35 ms on the large set): the (offset + pageSize)-th live company
 * from the top has the value T; every company before it in the list's order
 * has a value ≥ T, so the page is the companies with a value ≥ T, sorted
 * (value desc, name, id) and cut — ties at T included. Two short index reads
 * (~3 ms). Null when fewer companies than that have a value above zero (the
 * page reaches the companies without figures): the caller sorts them all.
 * Exported for its test.
 */
export async function fromTheTop(
  db: DbOrTx,
  by: { key: MySqlColumn; index: string },
  match: SQL | undefined,
  money: boolean,
  offset: number,
  pageSize: number,
) {
  const [edge] = await db
    .select({ value: by.key })
    .from(exhibitorStats, { forceIndex: by.index })
    .innerJoin(contacts, eq(contacts.id, exhibitorStats.exhibitor_id))
    .where(and(match, gt(by.key, 0)))
    .orderBy(desc(by.key))
    .limit(1)
    .offset(offset + pageSize - 1);
  if (!edge) return null;
  return db
    .select(companyColumns(money))
    .from(exhibitorStats)
    .innerJoin(contacts, eq(contacts.id, exhibitorStats.exhibitor_id))
    .where(and(match, gte(by.key, edge.value)))
    .orderBy(desc(by.key), asc(contacts.name), asc(contacts.id))
    .limit(pageSize)
    .offset(offset);
}

/**
 * All exhibitors (not soft-deleted), `q` matching the name (contains,
 * case-insensitive by the column's collation), sorted and paged on the server.
 * Two queries: the count, and the page. The figures come from the read
 * counters (exhibitor_stats), so sorting 5,000 companies by an aggregate reads
 * 5,000 counter rows, not the 400,000 leads or the million talks behind them;
 * by name, the page is cut from the (type, deleted_at, name) index before any
 * counter is read; by collected or leads, descending (the defaults), without a
 * search, the page is read from the top of that counter's index (fromTheTop).
 * Without money, the money columns are not even selected and a money sort
 * falls back to the name.
 */
export async function listCompanies(
  db: DbOrTx,
  p: CompanyListParams,
  viewer: MoneyViewer,
): Promise<Extract<CompanyList, { canSeeMoney: true }>>;
export async function listCompanies(
  db: DbOrTx,
  p: CompanyListParams,
  viewer: ActivityViewer,
): Promise<Extract<CompanyList, { canSeeMoney: false }>>;
export async function listCompanies(db: DbOrTx, p: CompanyListParams, viewer: Viewer): Promise<CompanyList>;
export async function listCompanies(db: DbOrTx, p: CompanyListParams, viewer: Viewer): Promise<CompanyList> {
  const pageSize = Math.max(1, Math.floor(p.pageSize) || 1);
  const offset = (Math.max(1, Math.floor(p.page) || 1) - 1) * pageSize;
  const sort: CompanySort = companySortsFor(viewer).includes(p.sort) ? p.sort : 'name';
  const dir = p.dir === 'desc' ? desc : asc;
  const q = p.q?.trim();
  const match = and(
    eq(contacts.type, 'exhibitor'),
    isNull(contacts.deleted_at),
    q ? like(contacts.name, containsPattern(q)) : undefined,
  );
  // Ties (and equal names) are broken by id, so paging never repeats or skips a company.
  const order =
    sort === 'name'
      ? [dir(contacts.name), dir(contacts.id)]
      : [dir(SORT_KEY[sort]), asc(contacts.name), asc(contacts.id)];
  const money = viewer.canSeeMoney;
  const everyCompany = () =>
    db
      .select(companyColumns(money))
      .from(contacts)
      .leftJoin(exhibitorStats, eq(exhibitorStats.exhibitor_id, contacts.id))
      .where(match)
      .orderBy(...order)
      .limit(pageSize)
      .offset(offset);

  const [rows, [counted]] = await Promise.all([
    (async () => {
      // The default sorts, descending and without a search, start from the top of their index.
      const top = !q && p.dir === 'desc' ? TOP_DOWN[sort] : undefined;
      return (top ? await fromTheTop(db, top, match, money, offset, pageSize) : null) ?? everyCompany();
    })(),
    db.select({ total: count() }).from(contacts).where(match),
  ]);
  const total = counted?.total ?? 0;
  const activity = (r: (typeof rows)[number]): CompanyRow => ({
    id: r.id,
    name: r.name,
    city: r.city,
    leads: r.leads ?? 0,
    bookings: r.bookings ?? 0,
    last_talk: r.last_talk,
  });
  if (!money) return { canSeeMoney: false, total, rows: rows.map(activity) };
  return {
    canSeeMoney: true,
    total,
    rows: rows.map((r) => {
      const collected = toMoney(r.collected);
      const booked = toMoney(r.booked);
      return { ...activity(r), collected, booked, outstanding: fromPaise(toPaise(booked) - toPaise(collected)) };
    }),
  };
}
export type CompanyListParams = { q?: string; sort: CompanySort; dir: 'asc' | 'desc'; page: number; pageSize: number };

/* ------------------------------------------------------------------ dashboard */

/** An exhibitor (not soft-deleted); null for a visitor, a deleted company or an unknown id. */
export async function getCompany(
  db: DbOrTx,
  id: string,
): Promise<{
  id: string;
  name: string;
  company_name: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
} | null> {
  const [row] = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      company_name: contacts.company_name,
      city: contacts.city,
      phone: contacts.phone,
      email: contacts.email,
    })
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.type, 'exhibitor'), isNull(contacts.deleted_at)));
  return row ?? null;
}

/** A company's key figures as everyone sees them. */
export type CompanyKpis = { leads: number; bookings: number; talks: number };
/** …and with its money, for managers and admins. */
export type CompanyMoneyKpis = CompanyKpis & { collected: string; booked: string; outstanding: string };

/**
 * §5.4: leads (follow-ups), talks (conversations of kind 'talk'), and the
 * non-cancelled bookings — with their collected, booked and outstanding money
 * for a viewer who may see it. One counter row (exhibitor_stats; zeros when
 * the company has no activity yet).
 */
export async function getCompanyKpis(db: DbOrTx, exhibitorId: string, viewer: MoneyViewer): Promise<CompanyMoneyKpis>;
export async function getCompanyKpis(db: DbOrTx, exhibitorId: string, viewer?: ActivityViewer): Promise<CompanyKpis>;
export async function getCompanyKpis(
  db: DbOrTx,
  exhibitorId: string,
  viewer: Viewer,
): Promise<CompanyKpis | CompanyMoneyKpis>;
export async function getCompanyKpis(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: Viewer,
): Promise<CompanyKpis | CompanyMoneyKpis> {
  const activity = { leads: exhibitorStats.leads, talks: exhibitorStats.talks, bookings: exhibitorStats.bookings };
  const where = eq(exhibitorStats.exhibitor_id, exhibitorId);
  if (!seesMoney(viewer)) {
    const [row] = await db.select(activity).from(exhibitorStats).where(where);
    return { leads: row?.leads ?? 0, talks: row?.talks ?? 0, bookings: row?.bookings ?? 0 };
  }
  const [row] = await db
    .select({ ...activity, collected: exhibitorStats.collected, booked: exhibitorStats.booked })
    .from(exhibitorStats)
    .where(where);
  const collected = row?.collected ?? '0.00';
  const booked = row?.booked ?? '0.00';
  return {
    leads: row?.leads ?? 0,
    talks: row?.talks ?? 0,
    bookings: row?.bookings ?? 0,
    collected,
    booked,
    outstanding: fromPaise(toPaise(booked) - toPaise(collected)),
  };
}

/**
 * Whether a read model may return money to this viewer. A call without a
 * viewer (a script, a benchmark written before viewers existed) reads as one
 * without money: the safe side.
 */
function seesMoney(viewer: Viewer | undefined): boolean {
  return viewer?.canSeeMoney === true;
}

/** A page of one of the dashboard's bounded tables: the rows on screen and how many there are in all. */
export type DashboardPage<R> = { rows: R[]; total: number; page: number; pageSize: number };
/** Paging and server-side sort of a dashboard table; each field falls back to the table's default. */
export type DashboardPageParams<S extends string> = {
  sort?: S;
  dir?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

function pageWindow(p: { page?: number; pageSize?: number } | undefined, defaultSize: number) {
  const pageSize = Math.min(100, Math.max(1, Math.floor(p?.pageSize ?? defaultSize) || defaultSize));
  const page = Math.max(1, Math.floor(p?.page ?? 1) || 1);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export type ContributingCampaign = { campaign_id: string; name: string; leads: number; bookings: number };
export type ContributingCampaignWithMoney = ContributingCampaign & { collected: string; booked: string };

export const CONTRIBUTING_CAMPAIGN_SORTS = ['name', 'leads', 'bookings', 'collected', 'booked'] as const;
export type ContributingCampaignSort = (typeof CONTRIBUTING_CAMPAIGN_SORTS)[number];
/** The sorts this viewer may use: by money only for a viewer who may see it (the order alone would rank by revenue). */
export const contributingCampaignSortsFor = (viewer: Viewer): readonly ContributingCampaignSort[] =>
  viewer.canSeeMoney
    ? CONTRIBUTING_CAMPAIGN_SORTS
    : CONTRIBUTING_CAMPAIGN_SORTS.filter((s) => s !== 'collected' && s !== 'booked');
/** The dashboard's default: most collected first for a viewer with money, otherwise most bookings. */
export const defaultContributingCampaignSort = (viewer: Viewer): ContributingCampaignSort =>
  viewer.canSeeMoney ? 'collected' : 'bookings';
export const CONTRIBUTING_CAMPAIGNS_PAGE_SIZE = 10;

/**
 * The campaigns behind this company's leads and bookings: per campaign, the
 * company's leads and its non-cancelled bookings (with their money for a
 * viewer who may see it). A campaign appears when it brought the company at
 * least one lead or booking; leads and bookings without a campaign are not
 * listed. One page (default: the top 10, most collected first with money,
 * otherwise most bookings first; ties by more leads, then name) and the number
 * of such campaigns. One statement on the company × campaign counters
 * (exhibitor_campaign_stats, read by its primary key's company prefix), the
 * count riding along as a window over them.
 */
export async function listContributingCampaigns(
  db: DbOrTx,
  exhibitorId: string,
  viewer: MoneyViewer,
  p?: DashboardPageParams<ContributingCampaignSort>,
): Promise<DashboardPage<ContributingCampaignWithMoney>>;
export async function listContributingCampaigns(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: ActivityViewer,
  p?: DashboardPageParams<ContributingCampaignSort>,
): Promise<DashboardPage<ContributingCampaign>>;
export async function listContributingCampaigns(
  db: DbOrTx,
  exhibitorId: string,
  viewer: Viewer,
  p?: DashboardPageParams<ContributingCampaignSort>,
): Promise<DashboardPage<ContributingCampaign> | DashboardPage<ContributingCampaignWithMoney>>;
export async function listContributingCampaigns(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: Viewer,
  p?: DashboardPageParams<ContributingCampaignSort>,
): Promise<DashboardPage<ContributingCampaign> | DashboardPage<ContributingCampaignWithMoney>> {
  const money = seesMoney(viewer);
  const asViewer: Viewer = money ? { canSeeMoney: true } : { canSeeMoney: false };
  const sort =
    p?.sort && contributingCampaignSortsFor(asViewer).includes(p.sort)
      ? p.sort
      : defaultContributingCampaignSort(asViewer);
  const dir = p?.dir ?? (sort === 'name' ? 'asc' : 'desc');
  const d = dir === 'asc' ? sql`asc` : sql`desc`;
  const { page, pageSize, offset } = pageWindow(p, CONTRIBUTING_CAMPAIGNS_PAGE_SIZE);
  // Ties by more bookings, more leads, then the name and id, so paging never repeats or skips a campaign.
  const key: Record<ContributingCampaignSort, SQL> = {
    name: sql`${campaigns.name} ${d}, ${campaigns.id} ${d}`,
    leads: sql`leads ${d}, bookings desc`,
    bookings: sql`bookings ${d}, leads desc`,
    collected: sql`collected ${d}, bookings desc, leads desc`,
    booked: sql`booked ${d}, bookings desc, leads desc`,
  };
  const ec = exhibitorCampaignStats;
  const rows = await rowsOf<{
    campaign_id: string;
    name: string;
    leads: unknown;
    bookings: unknown;
    collected?: unknown;
    booked?: unknown;
    total: unknown;
  }>(
    db,
    sql`select ${campaigns.id} as campaign_id, ${campaigns.name}, ${ec.leads} as leads, ${ec.bookings} as bookings
               ${money ? sql`, ${ec.collected} as collected, ${ec.booked} as booked` : sql``},
               count(*) over () as total
        from ${ec}
        join ${campaigns} on ${campaigns.id} = ${ec.campaign_id}
        where ${ec.exhibitor_id} = ${exhibitorId} and (${ec.leads} <> 0 or ${ec.bookings} <> 0)
        order by ${key[sort]}, ${campaigns.name} asc, ${campaigns.id} asc
        limit ${pageSize} offset ${offset}`,
  );
  const total = rows.length
    ? toCount(rows[0]!.total)
    : offset > 0
      ? await countContributingCampaigns(db, exhibitorId)
      : 0;
  const activity = (r: (typeof rows)[number]): ContributingCampaign => ({
    campaign_id: r.campaign_id,
    name: r.name,
    leads: toCount(r.leads),
    bookings: toCount(r.bookings),
  });
  if (!money) return { rows: rows.map(activity), total, page, pageSize };
  return {
    rows: rows.map((r) => ({ ...activity(r), collected: toMoney(r.collected), booked: toMoney(r.booked) })),
    total,
    page,
    pageSize,
  };
}

/** How many campaigns brought this company a lead or a booking (for a page past the end, which has no row to carry the count). */
async function countContributingCampaigns(db: DbOrTx, exhibitorId: string): Promise<number> {
  const ec = exhibitorCampaignStats;
  const [row] = await rowsOf<{ n: unknown }>(
    db,
    sql`select count(*) as n from ${ec} join ${campaigns} on ${campaigns.id} = ${ec.campaign_id}
        where ${ec.exhibitor_id} = ${exhibitorId} and (${ec.leads} <> 0 or ${ec.bookings} <> 0)`,
  );
  return toCount(row?.n);
}

export type StallPerformanceRow = {
  location_id: number;
  location: string;
  table_id: number;
  stall: string;
  talks: number;
  bookings: number;
};
export type StallPerformanceMoneyRow = StallPerformanceRow & { collected: string; booked: string };

export const STALL_PERFORMANCE_SORTS = ['location', 'talks', 'bookings', 'collected', 'booked'] as const;
export type StallPerformanceSort = (typeof STALL_PERFORMANCE_SORTS)[number];
/** The sorts this viewer may use: by money only for a viewer who may see it. */
export const stallPerformanceSortsFor = (viewer: Viewer): readonly StallPerformanceSort[] =>
  viewer.canSeeMoney
    ? STALL_PERFORMANCE_SORTS
    : STALL_PERFORMANCE_SORTS.filter((s) => s !== 'collected' && s !== 'booked');
/** The dashboard's default: the stalls that brought in the most revenue (collected) for a viewer with money, the most talks otherwise. */
export const defaultStallPerformanceSort = (viewer: Viewer): StallPerformanceSort =>
  viewer.canSeeMoney ? 'collected' : 'talks';
export const STALL_PERFORMANCE_PAGE_SIZE = 20;

/**
 * Stall-wise performance of one company (§3.4 getStallPerformance, corrected —
 * DESIGN.md): talks (conversations of kind 'talk') and non-cancelled bookings
 * per stall, from the company × stall read counters (exhibitor_stall_stats),
 * so a booking counts once however many talks carry its id, and the stall
 * totals add up to the company's totals (for the bookings and talks that have
 * a stall); their money for a viewer who may see it. Every stall with a talk
 * or a booking of this company counts; one page of them comes back (default:
 * the top 20 by collected with money, by talks without; ties by stall id), with
 * the total. By a figure, the page is cut from the company's counter rows (its
 * primary-key range) before a stall or location is joined, so only the 20 on
 * screen are; by location (then stall name) every row is joined to sort.
 * One statement for the page and its count (a window over the company's rows,
 * read in the same pass); a second only to count for a page past the end.
 */
export async function getCompanyStallPerformance(
  db: DbOrTx,
  exhibitorId: string,
  viewer: MoneyViewer,
  p?: DashboardPageParams<StallPerformanceSort>,
): Promise<DashboardPage<StallPerformanceMoneyRow>>;
export async function getCompanyStallPerformance(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: ActivityViewer,
  p?: DashboardPageParams<StallPerformanceSort>,
): Promise<DashboardPage<StallPerformanceRow>>;
export async function getCompanyStallPerformance(
  db: DbOrTx,
  exhibitorId: string,
  viewer: Viewer,
  p?: DashboardPageParams<StallPerformanceSort>,
): Promise<DashboardPage<StallPerformanceRow> | DashboardPage<StallPerformanceMoneyRow>>;
export async function getCompanyStallPerformance(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: Viewer,
  p?: DashboardPageParams<StallPerformanceSort>,
): Promise<DashboardPage<StallPerformanceRow> | DashboardPage<StallPerformanceMoneyRow>> {
  const money = seesMoney(viewer);
  const asViewer: Viewer = money ? { canSeeMoney: true } : { canSeeMoney: false };
  const sort =
    p?.sort && stallPerformanceSortsFor(asViewer).includes(p.sort) ? p.sort : defaultStallPerformanceSort(asViewer);
  const dir = p?.dir === 'asc' || p?.dir === 'desc' ? p.dir : sort === 'location' ? 'asc' : 'desc';
  const by = dir === 'asc' ? asc : desc;
  const { page, pageSize, offset } = pageWindow(p, STALL_PERFORMANCE_PAGE_SIZE);
  const a = exhibitorStallStats;
  const active = and(
    eq(a.exhibitor_id, exhibitorId),
    or(ne(a.talks, 0), ne(a.bookings, 0), ne(a.collected, '0'), ne(a.booked, '0')),
  );
  const select = {
    location_id: stalls.location_mngt_id,
    table_id: a.table_id,
    stall: stalls.table_name,
    talks: a.talks,
    bookings: a.bookings,
    collected: money ? a.collected : sql<null>`null`,
    booked: money ? a.booked : sql<null>`null`,
  };
  const pageQuery = async () => {
    if (sort === 'location') {
      const ranked = rankedLocations(db);
      return db
        .select({ ...select, location: ranked.loc_name, total: sql<unknown>`count(*) over ()` })
        .from(a)
        .innerJoin(stalls, eq(stalls.id, a.table_id))
        .innerJoin(ranked, eq(ranked.id, stalls.location_mngt_id))
        .where(active)
        .orderBy(by(ranked.rn), by(stalls.table_name), by(stalls.id))
        .limit(pageSize)
        .offset(offset);
    }
    // The page's (exhibitor, stall) keys first, off the counters alone; then their stalls and locations.
    const figure = { talks: a.talks, bookings: a.bookings, collected: a.collected, booked: a.booked }[sort];
    const top = db
      .select({
        table_id: a.table_id,
        figure: sql`${figure}`.as('figure'),
        // The count rides along: computed over the company's rows before the limit, in the same pass.
        total: sql<unknown>`count(*) over ()`.as('total'),
      })
      .from(a)
      .where(active)
      .orderBy(by(figure), asc(a.table_id))
      .limit(pageSize)
      .offset(offset)
      .as('top');
    return db
      .select({ ...select, location: locations.loc_name, total: top.total })
      .from(top)
      .innerJoin(a, and(eq(a.exhibitor_id, exhibitorId), eq(a.table_id, top.table_id)))
      .innerJoin(stalls, eq(stalls.id, a.table_id))
      .innerJoin(locations, eq(locations.id, stalls.location_mngt_id))
      .orderBy(by(sql`top.figure`), asc(top.table_id));
  };
  const rows = await pageQuery();
  // Every row carries the count; only a page past the end (no row) counts on its own.
  const total = rows.length
    ? toCount(rows[0]!.total)
    : offset > 0
      ? ((await db.select({ total: count() }).from(a).where(active))[0]?.total ?? 0)
      : 0;
  const activity = (r: (typeof rows)[number]): StallPerformanceRow => ({
    location_id: r.location_id,
    location: r.location,
    table_id: r.table_id,
    stall: r.stall,
    talks: r.talks,
    bookings: r.bookings,
  });
  if (!money) return { rows: rows.map(activity), total, page, pageSize };
  return {
    rows: rows.map((r) => ({ ...activity(r), collected: toMoney(r.collected), booked: toMoney(r.booked) })),
    total,
    page,
    pageSize,
  };
}

export type BookingsPoint = { period: string; bookings: number };
export type RevenuePoint = BookingsPoint & { collected: string; booked: string };

/**
 * Bookings (and, for a viewer who may see it, revenue) over time by the day
 * the sale was entered (bookings.created_at, not the exhibition day: DESIGN.md
 * invariant 12), non-cancelled bookings, oldest first. Periods are UTC (the
 * session zone): 'yyyy-mm' by month, the ISO week's Monday 'yyyy-mm-dd' by
 * week. Only periods with a booking appear, and only the latest
 * REVENUE_SERIES_MAX_POINTS of them (two years by month, one by week): the
 * chart has as many bars whatever the company's age.
 */
export const REVENUE_SERIES_MAX_POINTS = { month: 24, week: 52 } as const;

export async function getCompanyRevenueSeries(
  db: DbOrTx,
  exhibitorId: string,
  by: 'week' | 'month',
  viewer: MoneyViewer,
): Promise<RevenuePoint[]>;
export async function getCompanyRevenueSeries(
  db: DbOrTx,
  exhibitorId: string,
  by: 'week' | 'month',
  viewer?: ActivityViewer,
): Promise<BookingsPoint[]>;
export async function getCompanyRevenueSeries(
  db: DbOrTx,
  exhibitorId: string,
  by: 'week' | 'month',
  viewer: Viewer,
): Promise<BookingsPoint[] | RevenuePoint[]>;
export async function getCompanyRevenueSeries(
  db: DbOrTx,
  exhibitorId: string,
  by: 'week' | 'month',
  viewer?: Viewer,
): Promise<BookingsPoint[] | RevenuePoint[]> {
  const money = seesMoney(viewer);
  const at = bookings.created_at;
  const period =
    by === 'week'
      ? sql`date_format(${at} - interval weekday(${at}) day, '%Y-%m-%d')`
      : sql`date_format(${at}, '%Y-%m')`;
  const rows = await rowsOf<{ period: string; bookings: unknown; collected?: unknown; booked?: unknown }>(
    db,
    sql`select ${period} as period, count(*) as bookings${money ? sql`, coalesce(sum(${bookings.amount_paid}), 0) as collected, coalesce(sum(${bookings.price}), 0) as booked` : sql``}
        from ${bookings}
        where ${bookings.exhibitor_id} = ${exhibitorId} and ${bookings.cancelled_at} is null and ${at} is not null
        group by period
        order by period desc
        limit ${REVENUE_SERIES_MAX_POINTS[by]}`,
  );
  // Read newest first to cut at the limit; the chart is drawn oldest first.
  rows.reverse();
  if (!money) return rows.map((r) => ({ period: String(r.period), bookings: toCount(r.bookings) }));
  return rows.map((r) => ({
    period: String(r.period),
    bookings: toCount(r.bookings),
    collected: toMoney(r.collected),
    booked: toMoney(r.booked),
  }));
}

/* ------------------------------------------------------------------- timeline */

/** A timeline entry as everyone sees it: who, where, what came of it, and whether it carries a booking — no amounts. */
export type TimelineEntry = {
  id: string;
  conversation_date: Date;
  outcome: Outcome;
  kind: ConversationKind;
  /** Without money: withheld on entries that carry a booking (they describe the sale), and rupee figures masked in the rest. */
  notes: string | null;
  visitor_id: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  employee_id: string;
  employee_name: string;
  location_id: number | null;
  location_name: string | null;
  table_id: number | null;
  stall_name: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  follow_up_id: number | null;
  follow_up_status: Outcome | null;
  booking_id: string | null;
  booking_cancelled: boolean;
};
/** …and with the booking's money, for managers and admins. */
export type TimelineMoneyEntry = TimelineEntry & {
  booking_price: string | null;
  booking_amount_paid: string | null;
  booking_amount_status: AmountStatus | null;
};

export type TimelineFilters = {
  /** What a talk came to (talks only). */
  outcome?: Outcome;
  /** Talks, payments, cancellations, notes or imported entries. */
  kind?: ConversationKind;
  campaign_id?: string;
  location_id?: number;
  table_id?: number;
  employee_id?: string;
  /** yyyy-mm-dd, inclusive, a UTC day. */
  from?: string;
  /** yyyy-mm-dd, inclusive, a UTC day. */
  to?: string;
};

const visitor = alias(contacts, 'visitor');

/**
 * The index a timeline page reads, named rather than left to the optimizer,
 * which was seen to walk the global conversation_date index (every company's
 * rows) or intersect single-column indexes instead. Each starts with the
 * company; all but the stall one continue with conversation_date, so the page
 * comes out in order (InnoDB appends the primary key, id) and stops at the
 * limit. A company's rows at one stall are few, and sorted.
 */
type TimelineIndex =
  | 'conversations_exhibitor_id_conversation_date_index'
  | 'conversations_exhibitor_id_campaign_id_conversation_date_index'
  | 'conversations_exhibitor_id_employee_id_conversation_date_index'
  | 'conversations_exhibitor_id_location_id_conversation_date_index'
  | 'conversations_exhibitor_id_table_id_kind_index';

/**
 * The kinds that are a sliver of a timeline: a cancellation, a note or an imported row is one entry among
 * hundreds of talks and payments. Read in date order, a page of them walks most of the company's rows;
 * the (exhibitor_id, table_id, kind) index picks them out without reading a row and leaves only them to
 * sort. Talks and payments are dense enough that the date order finds a page after a few rows.
 */
const SPARSE_KINDS: readonly ConversationKind[] = ['cancellation', 'manual', 'import'];

function timelineIndex(f: TimelineFilters): TimelineIndex {
  if (f.table_id != null) return 'conversations_exhibitor_id_table_id_kind_index';
  if (f.kind && SPARSE_KINDS.includes(f.kind) && !f.campaign_id && !f.employee_id && f.location_id == null)
    return 'conversations_exhibitor_id_table_id_kind_index';
  if (f.campaign_id) return 'conversations_exhibitor_id_campaign_id_conversation_date_index';
  if (f.employee_id) return 'conversations_exhibitor_id_employee_id_conversation_date_index';
  if (f.location_id != null) return 'conversations_exhibitor_id_location_id_conversation_date_index';
  return 'conversations_exhibitor_id_conversation_date_index';
}

/** "₹60,000", "Rs. 1.2 lakh", "INR 5000": a rupee figure typed into a note. */
const RUPEE_FIGURE = /(?:₹|\bRs\.?|\bINR)\s*\d[\d,]*(?:\.\d+)?(?:\s*(?:lakhs?|crores?|k)\b)?/gi;

/**
 * What a viewer without money may read of an entry's notes: nothing on an
 * entry that carries a booking (the sale, a payment or a cancellation: the
 * booth and the services write the amounts there), and the rest with any
 * rupee figure masked (a visitor's budget is not revenue, but a figure is a
 * figure).
 */
export function notesWithoutMoney(notes: string | null, bookingId: string | null): string | null {
  if (notes === null || bookingId !== null) return null;
  return notes.replace(RUPEE_FIGURE, '(amount)');
}

/**
 * Conversations of a company with everything a timeline entry shows, newest
 * first — (conversation_date, id) descending, so rows sharing a timestamp keep
 * one order. The conversations are read from `index` in order and the rest
 * joined by primary key, for the `limit` rows only. The booking's amounts are
 * selected only for a viewer who may see them.
 */
async function timelineQuery(
  db: DbOrTx,
  index: TimelineIndex,
  where: SQL | undefined,
  limit: number,
  viewer: Viewer | undefined,
): Promise<TimelineEntry[] | TimelineMoneyEntry[]> {
  const columns = {
    id: conversations.id,
    conversation_date: conversations.conversation_date,
    outcome: conversations.outcome,
    kind: conversations.kind,
    notes: conversations.notes,
    visitor_id: conversations.visitor_id,
    visitor_name: visitor.name,
    visitor_phone: sql<string | null>`coalesce(${conversations.visitor_phone}, ${visitor.phone})`,
    employee_id: conversations.employee_id,
    employee_name: sql<string>`coalesce(${users.name}, '')`,
    location_id: conversations.location_id,
    location_name: locations.loc_name,
    table_id: conversations.table_id,
    stall_name: stalls.table_name,
    campaign_id: conversations.campaign_id,
    campaign_name: campaigns.name,
    follow_up_id: conversations.follow_up_id,
    follow_up_status: followUps.status,
    booking_id: conversations.booking_id,
    booking_cancelled: sql<boolean>`${bookings.cancelled_at} is not null`.mapWith((v) => Number(v) === 1),
  };
  const money = seesMoney(viewer);
  const rows = await db
    .select({
      ...columns,
      // For a viewer without money the amounts are not read at all (NULL in their place, dropped below).
      booking_price: money ? bookings.price : sql<null>`null`,
      booking_amount_paid: money ? bookings.amount_paid : sql<null>`null`,
      booking_amount_status: money ? bookings.amount_status : sql<null>`null`,
    })
    .from(conversations, { forceIndex: index })
    // Left joins only (employee_id is NOT NULL with a foreign key, so the user is always there):
    // the conversations stay the first table, read in index order and cut at the limit.
    .leftJoin(users, eq(users.id, conversations.employee_id))
    .leftJoin(visitor, eq(visitor.id, conversations.visitor_id))
    .leftJoin(locations, eq(locations.id, conversations.location_id))
    .leftJoin(stalls, eq(stalls.id, conversations.table_id))
    .leftJoin(campaigns, eq(campaigns.id, conversations.campaign_id))
    .leftJoin(followUps, eq(followUps.id, conversations.follow_up_id))
    .leftJoin(bookings, eq(bookings.id, conversations.booking_id))
    .where(where)
    .orderBy(desc(conversations.conversation_date), desc(conversations.id))
    .limit(limit);
  if (money) return rows;
  return rows.map((r): TimelineEntry => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the money keys are left out of the entry, not just emptied.
    const { booking_price, booking_amount_paid, booking_amount_status, ...entry } = r;
    return { ...entry, notes: notesWithoutMoney(r.notes, r.booking_id) };
  });
}

/** The 10 (or `limit`) latest conversations of a company, for the dashboard (§5.4). One query. */
export async function listRecentConversations(
  db: DbOrTx,
  exhibitorId: string,
  viewer: MoneyViewer,
  limit?: number,
): Promise<TimelineMoneyEntry[]>;
export async function listRecentConversations(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: ActivityViewer,
  limit?: number,
): Promise<TimelineEntry[]>;
export async function listRecentConversations(
  db: DbOrTx,
  exhibitorId: string,
  viewer: Viewer,
  limit?: number,
): Promise<TimelineEntry[] | TimelineMoneyEntry[]>;
export async function listRecentConversations(
  db: DbOrTx,
  exhibitorId: string,
  viewer?: Viewer,
  limit = 10,
): Promise<TimelineEntry[] | TimelineMoneyEntry[]> {
  return timelineQuery(
    db,
    'conversations_exhibitor_id_conversation_date_index',
    eq(conversations.exhibitor_id, exhibitorId),
    Math.max(1, Math.floor(limit) || 10),
    viewer,
  );
}

/** The keyset cursor: the last row's (conversation_date, id), url-safe. */
function encodeCursor(row: { conversation_date: Date; id: string }): string {
  return Buffer.from(`${row.conversation_date.getTime()}.${row.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | null | undefined): { date: Date; id: string } | null {
  if (!cursor) return null;
  const [ms = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (rest.length || !/^\d{1,15}$/.test(ms) || !LEGACY_ID_RE.test(id)) return null;
  const date = new Date(Number(ms));
  return Number.isNaN(date.getTime()) ? null : { date, id };
}

/**
 * A company's timeline (§3.1 getExhibitorTimeline, §5.2), newest first,
 * filtered, one page at a time by keyset on (conversation_date, id): the
 * cursor names the last row seen and the next page starts strictly after it,
 * so a page deep in the past costs what the first one does, and rows sharing a
 * timestamp are neither repeated nor lost. An invalid cursor reads the first
 * page. One query (it reads limit + 1 rows to know whether a next page exists).
 * The entries carry money only for a viewer who may see it.
 */
export type TimelinePageParams = {
  filters: TimelineFilters;
  cursor?: string | null;
  limit: number;
  /** Also the merges shown on this company's timeline (a visitor or company merged, kept as history), in the same order and pages; only without filters other than dates. */
  withMerges?: boolean;
};
/** A merge on a company's timeline: a visitor merged into another, or a company merged into this one. */
export type TimelineMerge = {
  id: string;
  at: Date;
  type: ContactType;
  survivor_id: string;
  survivor_name: string;
  merged_name: string;
  merged_by_name: string | null;
};
export type TimelinePage<E extends TimelineEntry = TimelineEntry> = {
  rows: E[];
  nextCursor: string | null;
  merges?: TimelineMerge[];
};
export async function listTimeline(
  db: DbOrTx,
  exhibitorId: string,
  p: TimelinePageParams,
  viewer: MoneyViewer,
): Promise<TimelinePage<TimelineMoneyEntry>>;
export async function listTimeline(
  db: DbOrTx,
  exhibitorId: string,
  p: TimelinePageParams,
  viewer?: ActivityViewer,
): Promise<TimelinePage>;
export async function listTimeline(
  db: DbOrTx,
  exhibitorId: string,
  p: TimelinePageParams,
  viewer: Viewer,
): Promise<TimelinePage | TimelinePage<TimelineMoneyEntry>>;
export async function listTimeline(
  db: DbOrTx,
  exhibitorId: string,
  p: TimelinePageParams,
  viewer?: Viewer,
): Promise<TimelinePage | TimelinePage<TimelineMoneyEntry>> {
  const f = p.filters;
  const limit = Math.min(500, Math.max(1, Math.floor(p.limit) || 1));
  const from = utcDay(f.from);
  const to = utcDay(f.to);
  const after = decodeCursor(p.cursor);
  const rows = await timelineQuery(
    db,
    timelineIndex(f),
    and(
      eq(conversations.exhibitor_id, exhibitorId),
      // An outcome is what a talk came to; a payment, cancellation or note carries its lead's status in the
      // same column, so the outcome filter keeps to talks.
      f.outcome ? and(eq(conversations.kind, 'talk'), eq(conversations.outcome, f.outcome)) : undefined,
      f.kind ? eq(conversations.kind, f.kind) : undefined,
      f.campaign_id ? eq(conversations.campaign_id, f.campaign_id) : undefined,
      f.location_id != null ? eq(conversations.location_id, f.location_id) : undefined,
      f.table_id != null ? eq(conversations.table_id, f.table_id) : undefined,
      f.employee_id ? eq(conversations.employee_id, f.employee_id) : undefined,
      from ? gte(conversations.conversation_date, from) : undefined,
      to ? lt(conversations.conversation_date, new Date(to.getTime() + 86_400_000)) : undefined,
      after
        ? or(
            lt(conversations.conversation_date, after.date),
            and(eq(conversations.conversation_date, after.date), lt(conversations.id, after.id)),
          )
        : undefined,
    ),
    limit + 1,
    viewer,
  );
  const page = rows.slice(0, limit);
  const onlyDates =
    !f.outcome && !f.kind && !f.campaign_id && f.location_id == null && f.table_id == null && !f.employee_id;
  if (!p.withMerges || !onlyDates)
    return { rows: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };

  // Merges join the keyset union: the next limit + 1 of each source after the cursor, interleaved in
  // (date, id) order and cut at the limit (merge ids are ULIDs like conversation ids). Two queries.
  const merges = await listTimelineMerges(db, exhibitorId, {
    from,
    to: to ? new Date(to.getTime() + 86_400_000) : null,
    after,
    limit: limit + 1,
  });
  const items = [
    ...rows.map((r) => ({ at: r.conversation_date, id: r.id, row: r })),
    ...merges.map((m) => ({ at: m.at, id: m.id, merge: m })),
  ];
  items.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const shown = items.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    rows: shown.flatMap((i) => ('row' in i && i.row ? [i.row] : [])),
    merges: shown.flatMap((i) => ('merge' in i && i.merge ? [i.merge] : [])),
    nextCursor: items.length > limit && last ? encodeCursor({ conversation_date: last.at, id: last.id }) : null,
  };
}

/** The merges on a company's timeline after a keyset position, newest first: (exhibitor_id, created_at, merge_id) index order. */
async function listTimelineMerges(
  db: DbOrTx,
  exhibitorId: string,
  p: { from: Date | null; to: Date | null; after: { date: Date; id: string } | null; limit: number },
): Promise<TimelineMerge[]> {
  const cmc = contactMergeCompanies;
  const rows = await db
    .select({
      id: contactMerges.id,
      at: cmc.created_at,
      type: contactMerges.type,
      survivor_id: contactMerges.survivor_id,
      survivor_name: contactMerges.survivor_name,
      merged_name: contactMerges.merged_name,
      merged_by_name: users.name,
    })
    .from(cmc)
    .innerJoin(contactMerges, eq(contactMerges.id, cmc.merge_id))
    .leftJoin(users, eq(users.id, contactMerges.merged_by))
    .where(
      and(
        eq(cmc.exhibitor_id, exhibitorId),
        p.from ? gte(cmc.created_at, p.from) : undefined,
        p.to ? lt(cmc.created_at, p.to) : undefined,
        p.after
          ? or(lt(cmc.created_at, p.after.date), and(eq(cmc.created_at, p.after.date), lt(cmc.merge_id, p.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(cmc.created_at), desc(cmc.merge_id))
    .limit(p.limit);
  return rows;
}

/**
 * The values the timeline can be filtered by: only those that occur in this
 * company's conversations, each by name — complete lists, as long as the
 * company's data (thousands of stalls for a big one), so the timeline page
 * does not render them: it searches (searchTimelineFilterOptions) and names
 * the chosen ones (getTimelineFilterChoices). Kept for scripts. Four queries. Campaigns, locations
 * and employees are semi-joins the optimizer runs either way round — reading
 * the company's rows once (a small company) or one index dive per candidate
 * (a big one). Stalls are the company's distinct stalls, read off
 * (exhibitor_id, table_id, kind): diving once for each of thousands of stalls
 * costs more than reading even the biggest company's rows.
 */
export async function listTimelineFilterOptions(
  db: DbOrTx,
  exhibitorId: string,
): Promise<{
  campaigns: { id: string; name: string }[];
  locations: { id: number; name: string }[];
  stalls: { id: number; name: string; location_id: number }[];
  employees: { id: string; name: string }[];
}> {
  const used = (
    col: typeof conversations.campaign_id | typeof conversations.location_id | typeof conversations.employee_id,
  ) => db.select({ v: col }).from(conversations).where(eq(conversations.exhibitor_id, exhibitorId));
  const ranked = rankedLocations(db);
  const usedStalls = db
    .selectDistinct({ v: conversations.table_id })
    .from(conversations)
    .where(and(eq(conversations.exhibitor_id, exhibitorId), isNotNull(conversations.table_id)))
    .as('d');
  const [campaignRows, locationRows, stallRows, employeeRows] = await Promise.all([
    db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(inArray(campaigns.id, used(conversations.campaign_id)))
      .orderBy(asc(campaigns.name), asc(campaigns.id)),
    db
      .select({ id: locations.id, name: locations.loc_name })
      .from(locations)
      .where(inArray(locations.id, used(conversations.location_id)))
      .orderBy(asc(locations.loc_name), asc(locations.id)),
    db
      .select({ id: stalls.id, name: stalls.table_name, location_id: stalls.location_mngt_id })
      .from(usedStalls)
      .innerJoin(stalls, eq(stalls.id, usedStalls.v))
      .innerJoin(ranked, eq(ranked.id, stalls.location_mngt_id))
      .orderBy(asc(ranked.rn), asc(stalls.table_name), asc(stalls.id)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, used(conversations.employee_id)))
      .orderBy(asc(users.name), asc(users.id)),
  ]);
  return { campaigns: campaignRows, locations: locationRows, stalls: stallRows, employees: employeeRows };
}

/* ------------------------------------------------- timeline filter type-aheads */

/** The timeline filters searched on the server as one types (each list is long for a big company). */
export const TIMELINE_SEARCH_FIELDS = ['campaign', 'stall', 'employee'] as const;
export type TimelineSearchField = (typeof TIMELINE_SEARCH_FIELDS)[number];
/** One choice of a type-ahead filter: the value the URL carries, and what the viewer reads. */
export type TimelineFilterOption = { value: string; label: string };
export const TIMELINE_SEARCH_LIMIT = 15;

/**
 * The first `limit` campaigns, stalls or employees that occur in this
 * company's conversations and whose name contains `q` (case-insensitive by
 * the column's collation; every one when `q` is empty). Campaigns and
 * employees by name; stalls by hall, then name, labelled with their hall
 * (`T-12 (Hall A)`) and matched by stall name, hall name or that label. The
 * candidates are read in that order and each is checked with one dive into a
 * (exhibitor_id, column, …) index of conversations, stopping at the limit.
 * One query (stalls: two, the halls' names read apart).
 */
export async function searchTimelineFilterOptions(
  db: DbOrTx,
  exhibitorId: string,
  field: TimelineSearchField,
  q: string,
  limit = TIMELINE_SEARCH_LIMIT,
): Promise<TimelineFilterOption[]> {
  const n = Math.min(50, Math.max(1, Math.floor(limit) || TIMELINE_SEARCH_LIMIT));
  const text = q.trim();
  const used = (
    col: typeof conversations.campaign_id | typeof conversations.table_id | typeof conversations.employee_id,
    id: SQL,
  ) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(conversations)
        .where(and(eq(conversations.exhibitor_id, exhibitorId), eq(col, id))),
    );
  if (field === 'campaign') {
    const rows = await db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(
        and(
          text ? like(campaigns.name, containsPattern(text)) : undefined,
          used(conversations.campaign_id, sql`${campaigns.id}`),
        ),
      )
      .orderBy(asc(campaigns.name), asc(campaigns.id))
      .limit(n);
    return rows.map((r) => ({ value: r.id, label: r.name }));
  }
  if (field === 'employee') {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(
        and(
          text ? like(users.name, containsPattern(text)) : undefined,
          used(conversations.employee_id, sql`${users.id}`),
        ),
      )
      .orderBy(asc(users.name), asc(users.id))
      .limit(n);
    return rows.map((r) => ({ value: r.id, label: r.name }));
  }
  // Stalls by hall, then name: the order of the stalls' (location, name) index, so the walk stops after
  // `limit` stalls this company used, with no join to sort (the halls, a couple of dozen, are read apart).
  const halls = await db.select({ id: locations.id, name: locations.loc_name }).from(locations);
  const hallName = new Map(halls.map((h) => [h.id, h.name]));
  // "T-12 (Hall A)", a label as listed, is looked up by both parts; other text by stall or hall name.
  const labelled = /^(.*) \((.*)\)$/.exec(text);
  const stallText = labelled ? labelled[1]!.trim() : text;
  const hallText = labelled ? labelled[2]!.trim() : text;
  const matchingHalls = text
    ? halls.filter((h) => h.name.toLowerCase().includes(hallText.toLowerCase())).map((h) => h.id)
    : [];
  // A whole label names its stall exactly ("T-1 (Hall A)" is not T-10).
  const byName = !stallText
    ? undefined
    : labelled
      ? eq(stalls.table_name, stallText)
      : like(stalls.table_name, containsPattern(stallText));
  const byHall = matchingHalls.length ? inArray(stalls.location_mngt_id, matchingHalls) : undefined;
  const textMatch = !text
    ? undefined
    : labelled
      ? byHall
        ? and(byName, byHall)
        : sql`false`
      : byHall
        ? or(byName, byHall)
        : byName;
  const rows = await db
    .select({ id: stalls.id, name: stalls.table_name, location_id: stalls.location_mngt_id })
    .from(stalls)
    .where(and(textMatch, used(conversations.table_id, sql`${stalls.id}`)))
    .orderBy(asc(stalls.location_mngt_id), asc(stalls.table_name))
    .limit(n);
  return rows.map((r) => ({ value: String(r.id), label: stallLabel(r.name, hallName.get(r.location_id) ?? '') }));
}

const stallLabel = (stall: string, location: string) => `${stall} (${location})`;

/**
 * The names of the timeline's chosen campaign, stall and employee (the URL
 * carries their ids), and the locations to choose from: those in this
 * company's conversations (a location is one of a couple of dozen halls, so
 * the list stays short). At most four small queries, each by primary key or
 * one index dive per location.
 */
export async function getTimelineFilterChoices(
  db: DbOrTx,
  exhibitorId: string,
  f: Pick<TimelineFilters, 'campaign_id' | 'table_id' | 'employee_id'>,
): Promise<{
  campaign: TimelineFilterOption | null;
  stall: TimelineFilterOption | null;
  employee: TimelineFilterOption | null;
  locations: { id: number; name: string }[];
}> {
  const [campaign, stall, employee, locationRows] = await Promise.all([
    f.campaign_id
      ? db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(eq(campaigns.id, f.campaign_id))
      : [],
    f.table_id != null
      ? db
          .select({ id: stalls.id, name: stalls.table_name, location: locations.loc_name })
          .from(stalls)
          .innerJoin(locations, eq(locations.id, stalls.location_mngt_id))
          .where(eq(stalls.id, f.table_id))
      : [],
    f.employee_id ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, f.employee_id)) : [],
    db
      .select({ id: locations.id, name: locations.loc_name })
      .from(locations)
      .where(
        exists(
          db
            .select({ one: sql`1` })
            .from(conversations)
            .where(and(eq(conversations.exhibitor_id, exhibitorId), eq(conversations.location_id, locations.id))),
        ),
      )
      .orderBy(asc(locations.loc_name), asc(locations.id)),
  ]);
  const c = campaign[0];
  const s = stall[0];
  const e = employee[0];
  return {
    campaign: c ? { value: c.id, label: c.name } : null,
    stall: s ? { value: String(s.id), label: stallLabel(s.name, s.location) } : null,
    employee: e ? { value: e.id, label: e.name } : null,
    locations: locationRows,
  };
}
