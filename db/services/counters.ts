/**
 * The one place the cache counters move (DESIGN.md invariant 7): the campaign
 * counters (`campaign_stats`, sharded by company) and the read counters of the
 * company views (`exhibitor_stats`, `stall_stats`, `exhibitor_stall_stats`,
 * `exhibitor_campaign_stats`, db/schema/stats.ts).
 *
 * Every write flow that inserts, updates or deletes a follow-up, a conversation
 * or a booking describes what its rows add or take away as `CounterMove`s and
 * calls `moveCounters` inside its own transaction, so a rolled-back write moves
 * nothing and a reader sees in the code what a write changes. The moves are
 * summed per counter row and written with one statement per counter table (a
 * multi-row INSERT … ON DUPLICATE KEY UPDATE), rows in key order and tables in
 * one order, so concurrent writers lock them in the same order. No foreign key
 * points at a counter table, so a flow moves its counters last, after its
 * inserts, and holds their row locks only until its commit.
 *
 * What counts — the same rules as the recount views (drizzle/0006) and the
 * campaign reconcile (./campaign-counters.ts):
 *   a follow-up      → one lead of its company, of its campaign and of
 *                      company × campaign
 *   a talk           → one talk of its company, its stall and company × stall
 *   any conversation → the company's last conversation (the greatest date)
 *   a booking not cancelled → one booking and its amount paid (collected /
 *                      revenue) and price (booked) for its company, its
 *                      stall, company × stall, its campaign and company × campaign
 *
 * `npm run counters:reconcile` recounts all of them from the source rows;
 * `npm run counters:fold` (foldCampaignStats) folds the campaign shards back
 * into one row per campaign.
 */
import { and, asc, gt, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';

import type { Db, DbOrTx } from '@/db';
import { retryingDeadlocks } from '@/db/pool';
import { executeTogether, rowsOf, toDate } from '@/db/rows';
import {
  bookings,
  CAMPAIGN_STATS_SHARDS,
  campaignStats,
  conversations,
  exhibitorCampaignStats,
  exhibitorStallStats,
  exhibitorStats,
  followUps,
  stallStats,
  type ConversationKind,
} from '@/db/schema';
import { fromPaise, toPaise } from '@/lib/money';

export { reconcileCampaignCounters, type CounterDrift } from './campaign-counters';
export { reconcileReadStats, refillReadStats, type ReadStatsDrift } from './read-stats';

/**
 * What a written row adds to (or, negative, takes from) the counters. The
 * company part applies when `exhibitorId` is set, the stall parts when
 * `tableId` is, the campaign part when `campaignId` is, company × campaign
 * when both are.
 */
export type CounterMove = {
  exhibitorId: string | null;
  tableId?: number | null;
  campaignId?: string | null;
  /** Follow-ups: the company's and the campaign's leads (never per stall). */
  leads?: number;
  /** Conversations of kind 'talk' (the campaigns count no talks). */
  talks?: number;
  /** Bookings not cancelled, with their amount paid and price in paise. */
  bookings?: number;
  collected?: bigint;
  booked?: bigint;
  /** A conversation's date, of any kind: the company's last conversation is the greatest seen. */
  lastConversationAt?: Date | null;
};

type Sums = { leads: number; talks: number; bookings: number; collected: bigint; booked: bigint; last: Date | null };
const zero = (): Sums => ({ leads: 0, talks: 0, bookings: 0, collected: 0n, booked: 0n, last: null });
const moves = (s: Sums) => s.leads !== 0 || s.talks !== 0 || s.bookings !== 0 || s.collected !== 0n || s.booked !== 0n;

function add(
  into: Map<string, Sums>,
  key: string,
  m: CounterMove,
  parts: { leads: boolean; talks: boolean; last: boolean },
) {
  const s = into.get(key) ?? zero();
  if (parts.leads) s.leads += m.leads ?? 0;
  if (parts.talks) s.talks += m.talks ?? 0;
  s.bookings += m.bookings ?? 0;
  s.collected += m.collected ?? 0n;
  s.booked += m.booked ?? 0n;
  const last = parts.last ? m.lastConversationAt : null;
  if (last && (!s.last || last > s.last)) s.last = last;
  into.set(key, s);
}

/** The moves summed per counter row, without the rows that do not move (sorted by key: the lock order). */
function sum(list: CounterMove[]) {
  const company = new Map<string, Sums>();
  const stall = new Map<string, Sums>();
  const companyStall = new Map<string, Sums>();
  const campaign = new Map<string, Sums>();
  const companyCampaign = new Map<string, Sums>();
  for (const m of list) {
    const table = m.tableId ?? null;
    if (m.exhibitorId) add(company, m.exhibitorId, m, { leads: true, talks: true, last: true });
    if (table !== null) {
      add(stall, String(table).padStart(20, '0'), m, { leads: false, talks: true, last: false });
      if (m.exhibitorId)
        add(companyStall, `${m.exhibitorId}\t${String(table).padStart(20, '0')}`, m, {
          leads: false,
          talks: true,
          last: false,
        });
    }
    if (m.campaignId)
      add(campaign, `${m.campaignId}\t${String(campaignShard(m.exhibitorId)).padStart(2, '0')}`, m, {
        leads: true,
        talks: false,
        last: false,
      });
    if (m.campaignId && m.exhibitorId)
      add(companyCampaign, `${m.exhibitorId}\t${m.campaignId}`, m, { leads: true, talks: false, last: false });
  }
  const moving = (map: Map<string, Sums>, keepLast = false) =>
    [...map].filter(([, s]) => moves(s) || (keepLast && s.last)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    company: moving(company, true),
    stall: moving(stall),
    companyStall: moving(companyStall),
    campaign: moving(campaign),
    companyCampaign: moving(companyCampaign),
  };
}

/**
 * The campaign_stats row a company's moves go to: a stable hash of its id, so the entries of
 * different companies for one campaign mostly lock different rows (readers sum the shards).
 */
export function campaignShard(exhibitorId: string | null | undefined): number {
  let h = 0;
  for (const ch of exhibitorId ?? '') h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h % CAMPAIGN_STATS_SHARDS;
}

const bare = (c: MySqlColumn) => sql.identifier(c.name);
const list = (cs: MySqlColumn[]) => sql.join(cs.map(bare), sql`, `);
const money = (paise: bigint) => fromPaise(paise);
/** `column = column + values(column)` for each counted column: a delta added to what is stored. */
const addValues = (cs: MySqlColumn[]) =>
  sql.join(
    cs.map((c) => sql`${bare(c)} = ${bare(c)} + values(${bare(c)})`),
    sql`, `,
  );

/** One multi-row INSERT … ON DUPLICATE KEY UPDATE: a row is created on its first move. */
function upsertSql(table: MySqlTable, columns: MySqlColumn[], rows: SQL[], update: SQL): SQL | null {
  if (!rows.length) return null;
  return sql`insert into ${table} (${list(columns)}) values ${sql.join(rows, sql`, `)} on duplicate key update ${update}`;
}

async function upsert(tx: DbOrTx, table: MySqlTable, columns: MySqlColumn[], rows: SQL[], update: SQL) {
  const statement = upsertSql(table, columns, rows, update);
  if (statement) await tx.execute(statement);
}

const e = exhibitorStats;
const st = stallStats;
const es = exhibitorStallStats;
const cs = campaignStats;
const ec = exhibitorCampaignStats;

/**
 * Moves the counters by `list`, in the caller's transaction: at most one
 * statement per counter table, all sent in one round trip on MariaDB
 * (executeTogether). Call it after the flow's inserts and updates,
 * as late as possible: the counter rows stay locked until the commit.
 */
export async function moveCounters(tx: DbOrTx, list: CounterMove[]): Promise<void> {
  await executeTogether(tx, counterStatements(list));
}

/** The statements of moveCounters, for a flow that sends them together with its own (executeTogether). */
export function counterStatements(list: CounterMove[]): SQL[] {
  if (!list.length) return [];
  const s = sum(list);
  const campaignCounts = [cs.leads, cs.bookings, cs.revenue, cs.booked];
  const last = bare(e.last_conversation_at);
  const stallCounts = [st.talks, st.bookings, st.collected, st.booked];
  const companyStallCounts = [es.talks, es.bookings, es.collected, es.booked];
  const companyCampaignCounts = [ec.leads, ec.bookings, ec.collected, ec.booked];
  const statements = [
    upsertSql(
      cs,
      [cs.campaign_id, cs.shard, ...campaignCounts],
      s.campaign.map(([key, v]) => {
        const [campaignId, shard] = key.split('\t') as [string, string];
        return sql`(${campaignId}, ${Number(shard)}, ${v.leads}, ${v.bookings}, ${money(v.collected)}, ${money(v.booked)})`;
      }),
      addValues(campaignCounts),
    ),
    upsertSql(
      e,
      [e.exhibitor_id, e.leads, e.talks, e.bookings, e.collected, e.booked, e.last_conversation_at],
      s.company.map(
        ([id, v]) =>
          sql`(${id}, ${v.leads}, ${v.talks}, ${v.bookings}, ${money(v.collected)}, ${money(v.booked)}, ${v.last})`,
      ),
      sql`${addValues([e.leads, e.talks, e.bookings, e.collected, e.booked])},
        ${last} = greatest(coalesce(${last}, values(${last})), coalesce(values(${last}), ${last}))`,
    ),
    upsertSql(
      st,
      [st.table_id, ...stallCounts],
      s.stall.map(
        ([key, v]) => sql`(${Number(key)}, ${v.talks}, ${v.bookings}, ${money(v.collected)}, ${money(v.booked)})`,
      ),
      addValues(stallCounts),
    ),
    upsertSql(
      es,
      [es.exhibitor_id, es.table_id, ...companyStallCounts],
      s.companyStall.map(([key, v]) => {
        const [exhibitorId, table] = key.split('\t') as [string, string];
        return sql`(${exhibitorId}, ${Number(table)}, ${v.talks}, ${v.bookings}, ${money(v.collected)}, ${money(v.booked)})`;
      }),
      addValues(companyStallCounts),
    ),
    upsertSql(
      ec,
      [ec.exhibitor_id, ec.campaign_id, ...companyCampaignCounts],
      s.companyCampaign.map(([key, v]) => {
        const [exhibitorId, campaignId] = key.split('\t') as [string, string];
        return sql`(${exhibitorId}, ${campaignId}, ${v.leads}, ${v.bookings}, ${money(v.collected)}, ${money(v.booked)})`;
      }),
      addValues(companyCampaignCounts),
    ),
  ];
  // Tables in this order for every writer (their rows are in key order within each).
  return statements.filter((x): x is SQL => x !== null);
}

/** The moves that take `list` back (a deleted row, or a row's state before an update). The last conversation cannot be lowered by a delta. */
export const negate = (list: CounterMove[]): CounterMove[] =>
  list.map((m) => ({
    exhibitorId: m.exhibitorId,
    tableId: m.tableId,
    campaignId: m.campaignId,
    leads: -(m.leads ?? 0),
    talks: -(m.talks ?? 0),
    bookings: -(m.bookings ?? 0),
    collected: -(m.collected ?? 0n),
    booked: -(m.booked ?? 0n),
  }));

/** Source rows by id: what a flow that writes rows in bulk, or by a generic UPDATE, counts. */
export type CountedRows = { followUps?: number[]; conversations?: string[]; bookings?: string[] };

const ids = <T>(xs: T[] | undefined) =>
  sql.join(
    (xs ?? []).map((x) => sql`${x}`),
    sql`, `,
  );

type SourceRow = {
  exhibitor_id: string | null;
  table_id: number | string | null;
  campaign_id: string | null;
  n: number | string;
  paid: string | null;
  price: string | null;
  at: unknown;
};

/**
 * What the rows contribute to the counters as they are stored now, one
 * statement per table named (`lock`: a locking read, so the rows cannot change
 * before the caller's own change of them): for a generic change, the moves
 * before it (negated) and after it together move the counters by the difference.
 */
export async function movesOfRows(tx: DbOrTx, rows: CountedRows, lock = false): Promise<CounterMove[]> {
  const forUpdate = lock ? sql` for update` : sql``;
  const found: CounterMove[] = [];
  const read = async (query: SQL, toMove: (r: SourceRow) => CounterMove) => {
    for (const r of await rowsOf<SourceRow>(tx, sql`${query}${forUpdate}`)) found.push(toMove(r));
  };
  const base = (r: SourceRow) => ({
    exhibitorId: r.exhibitor_id,
    tableId: r.table_id === null ? null : Number(r.table_id),
    campaignId: r.campaign_id,
  });
  const f = followUps;
  if (rows.followUps?.length)
    await read(
      sql`select ${f.exhibitor_id} as exhibitor_id, null as table_id, ${f.campaign_id} as campaign_id, 1 as n, null as paid, null as price, null as at
          from ${f} where ${f.id} in (${ids(rows.followUps)})`,
      (r) => ({ ...base(r), leads: 1 }),
    );
  const cv = conversations;
  if (rows.conversations?.length)
    await read(
      sql`select ${cv.exhibitor_id} as exhibitor_id, if(${cv.kind} = 'talk', ${cv.table_id}, null) as table_id, null as campaign_id,
            ${cv.kind} = 'talk' as n, null as paid, null as price, ${cv.conversation_date} as at
          from ${cv} where ${cv.id} in (${ids(rows.conversations)})`,
      (r) => ({ ...base(r), talks: Number(r.n), lastConversationAt: toDate(r.at) }),
    );
  const b = bookings;
  if (rows.bookings?.length)
    await read(
      sql`select ${b.exhibitor_id} as exhibitor_id, ${b.table_id} as table_id, ${b.campaign_id} as campaign_id, 1 as n,
            ${b.amount_paid} as paid, ${b.price} as price, null as at
          from ${b} where ${b.id} in (${ids(rows.bookings)}) and ${b.cancelled_at} is null`,
      (r) => ({ ...base(r), bookings: 1, collected: toPaise(r.paid ?? '0'), booked: toPaise(r.price ?? '0') }),
    );
  return found;
}

/** Counts rows a flow has just inserted without describing them itself (a bulk or generic insert). */
export async function countInserted(tx: DbOrTx, rows: CountedRows): Promise<void> {
  await moveCounters(tx, await movesOfRows(tx, rows));
}

/**
 * Runs a generic change of existing rows (an UPDATE of a link by the legacy
 * backfill or an admin's hand resolution) and moves the counters by what it
 * changed: the rows' contribution before (read with a lock) is taken away,
 * after is added, in one move.
 */
export async function countedChange<T>(tx: DbOrTx, rows: CountedRows, change: () => Promise<T>): Promise<T> {
  const before = await movesOfRows(tx, rows, true);
  const result = await change();
  await moveCounters(tx, [...negate(before), ...(await movesOfRows(tx, rows))]);
  return result;
}

/**
 * A company merged into another: its read counters are added to the survivor's
 * and its own rows go (it has nothing left to count, and no last
 * conversation). Call it after its rows were re-pointed, in the same
 * transaction. Two statements per table; the stall and campaign counters do not change.
 */
export async function moveCompanyCounters(tx: DbOrTx, fromId: string, toId: string): Promise<void> {
  // The source rows are read under an alias, so the stored columns (qualified) are the target's.
  const from = (cs: MySqlColumn[]) =>
    sql.join(
      cs.map((c) => sql`src.${bare(c)}`),
      sql`, `,
    );
  const addFrom = (cs: MySqlColumn[]) =>
    sql.join(
      cs.map((c) => sql`${c} = ${c} + values(${bare(c)})`),
      sql`, `,
    );
  const companyCounts = [e.leads, e.talks, e.bookings, e.collected, e.booked];
  const last = e.last_conversation_at;
  await tx.execute(sql`insert into ${e} (${list([e.exhibitor_id, ...companyCounts, last])})
    select ${toId}, ${from([...companyCounts, last])} from ${e} src where src.${bare(e.exhibitor_id)} = ${fromId}
    on duplicate key update ${addFrom(companyCounts)},
      ${last} = greatest(coalesce(${last}, values(${bare(last)})), coalesce(values(${bare(last)}), ${last}))`);
  await tx.execute(sql`delete from ${e} where ${e.exhibitor_id} = ${fromId}`);
  const stallCounts = [es.talks, es.bookings, es.collected, es.booked];
  await tx.execute(sql`insert into ${es} (${list([es.exhibitor_id, es.table_id, ...stallCounts])})
    select ${toId}, ${from([es.table_id, ...stallCounts])} from ${es} src where src.${bare(es.exhibitor_id)} = ${fromId}
    on duplicate key update ${addFrom(stallCounts)}`);
  await tx.execute(sql`delete from ${es} where ${es.exhibitor_id} = ${fromId}`);
  const campaignCounts = [ec.leads, ec.bookings, ec.collected, ec.booked];
  await tx.execute(sql`insert into ${ec} (${list([ec.exhibitor_id, ec.campaign_id, ...campaignCounts])})
    select ${toId}, ${from([ec.campaign_id, ...campaignCounts])} from ${ec} src where src.${bare(ec.exhibitor_id)} = ${fromId}
    on duplicate key update ${addFrom(campaignCounts)}`);
  await tx.execute(sql`delete from ${ec} where ${ec.exhibitor_id} = ${fromId}`);
}

/** The moves of one talk (any conversation kind; only a talk counts as one). */
export function conversationMove(row: {
  exhibitorId: string | null;
  tableId?: number | null;
  kind: ConversationKind;
  at: Date;
}): CounterMove {
  const talk = row.kind === 'talk';
  return {
    exhibitorId: row.exhibitorId,
    tableId: talk ? (row.tableId ?? null) : null,
    talks: talk ? 1 : 0,
    lastConversationAt: row.at,
  };
}

/** The moves of one booking not cancelled (amounts as DECIMAL strings); `sign` -1 takes it away (a cancellation). */
export function bookingMove(
  row: {
    exhibitorId: string | null;
    tableId: number | null;
    campaignId: string | null;
    price: string | null;
    amountPaid: string | null;
  },
  sign: 1 | -1 = 1,
): CounterMove {
  const s = BigInt(sign);
  return {
    exhibitorId: row.exhibitorId,
    tableId: row.tableId,
    campaignId: row.campaignId,
    bookings: sign,
    collected: s * toPaise(row.amountPaid ?? '0'),
    booked: s * toPaise(row.price ?? '0'),
  };
}

/** Campaigns folded per transaction: their shard rows stay locked only that long. */
const FOLD_BATCH = 50;

/**
 * Folds each campaign's counter shards into its shard 0: the sums stay what
 * they were, the rows a reader sums shrink to one per campaign (the campaign
 * list summed 4,776 rows of 300 campaigns, ~19 ms; folded ~6 ms). Booth
 * entries then spread over the shards again, so run it when the halls are
 * quiet (`npm run counters:fold`, nightly; the large seed ends with it).
 *
 * Safe beside live writes (READ COMMITTED): a batch locks the rows it folds
 * (FOR UPDATE), adds exactly those rows' values — read under the lock, summed
 * in integer paise — to shard 0, and deletes exactly those rows. A write
 * waiting on one of them goes on after the commit into a fresh row; a row
 * created meanwhile is not folded and still counts. A batch chosen as a
 * deadlock's victim is retried.
 */
export async function foldCampaignStats(db: Db): Promise<{ campaigns: number; rows: number }> {
  let after = '';
  let folded = { campaigns: 0, rows: 0 };
  for (;;) {
    const batch = await db
      .selectDistinct({ id: cs.campaign_id })
      .from(cs)
      .where(and(gt(cs.campaign_id, after), ne(cs.shard, 0)))
      .orderBy(asc(cs.campaign_id))
      .limit(FOLD_BATCH);
    if (!batch.length) return folded;
    after = batch[batch.length - 1]!.id;
    const ids = batch.map((b) => b.id);
    const rows = await retryingDeadlocks(() => db.transaction((tx) => foldBatch(tx, ids)));
    folded = { campaigns: folded.campaigns + ids.length, rows: folded.rows + rows };
  }
}

async function foldBatch(tx: DbOrTx, ids: string[]): Promise<number> {
  const rows = await tx
    .select()
    .from(cs)
    .where(and(inArray(cs.campaign_id, ids), ne(cs.shard, 0)))
    .orderBy(asc(cs.campaign_id), asc(cs.shard))
    .for('update');
  if (!rows.length) return 0;
  const sums = new Map<string, { leads: number; bookings: number; revenue: bigint; booked: bigint }>();
  for (const r of rows) {
    const s = sums.get(r.campaign_id) ?? { leads: 0, bookings: 0, revenue: 0n, booked: 0n };
    s.leads += r.leads;
    s.bookings += r.bookings;
    s.revenue += toPaise(r.revenue);
    s.booked += toPaise(r.booked);
    sums.set(r.campaign_id, s);
  }
  const counts = [cs.leads, cs.bookings, cs.revenue, cs.booked];
  await upsert(
    tx,
    cs,
    [cs.campaign_id, cs.shard, ...counts],
    [...sums].map(([id, s]) => sql`(${id}, 0, ${s.leads}, ${s.bookings}, ${money(s.revenue)}, ${money(s.booked)})`),
    addValues(counts),
  );
  await tx.execute(sql`
    delete from ${cs} where (${list([cs.campaign_id, cs.shard])}) in (${sql.join(
      rows.map((r) => sql`(${r.campaign_id}, ${r.shard})`),
      sql`, `,
    )})`);
  return rows.length;
}
