/**
 * The read counters of the company views (db/schema/stats.ts) against their
 * source rows. The services move them (./counters.ts); the views
 * `<table>_recount` (drizzle/0006_hardening.sql, 0012 for exhibitor_campaign_stats) are the one definition of
 * what they should hold, used here and by the large seed.
 */
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';

import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import { exhibitorCampaignStats, exhibitorStallStats, exhibitorStats, stallStats } from '@/db/schema';
import { toPaise } from '@/lib/money';

export type ReadStatsTable = 'exhibitor_stats' | 'stall_stats' | 'exhibitor_stall_stats' | 'exhibitor_campaign_stats';
type Spec = { table: MySqlTable; keys: MySqlColumn[]; counts: MySqlColumn[]; money: MySqlColumn[]; last?: MySqlColumn };

const e = exhibitorStats;
const st = stallStats;
const es = exhibitorStallStats;
const ec = exhibitorCampaignStats;
const READ_STATS: Spec[] = [
  {
    table: e,
    keys: [e.exhibitor_id],
    counts: [e.leads, e.talks, e.bookings],
    money: [e.collected, e.booked],
    last: e.last_conversation_at,
  },
  { table: st, keys: [st.table_id], counts: [st.talks, st.bookings], money: [st.collected, st.booked] },
  {
    table: es,
    keys: [es.exhibitor_id, es.table_id],
    counts: [es.talks, es.bookings],
    money: [es.collected, es.booked],
  },
  {
    table: ec,
    keys: [ec.exhibitor_id, ec.campaign_id],
    counts: [ec.leads, ec.bookings],
    money: [ec.collected, ec.booked],
  },
];

export type ReadStatsDrift = { table: ReadStatsTable; key: string; field: string; stored: string; actual: string };

/*
 * A counter table is compared with its recount, a table of the same columns: `s` is the
 * stored row and `r` the recounted one, each column named once from the schema.
 */
type Side = 's' | 'r';
const name = (t: MySqlTable) => getTableName(t) as ReadStatsTable;
const col = (side: Side, c: MySqlColumn) => sql`${sql.identifier(side)}.${sql.identifier(c.name)}`;
const list = (cs: MySqlColumn[], f: (c: MySqlColumn) => SQL) => sql.join(cs.map(f), sql`, `);
const bare = (c: MySqlColumn) => sql`${sql.identifier(c.name)}`;
const fieldsOf = (s: Spec) => [...s.counts, ...s.money, ...(s.last ? [s.last] : [])];
const columns = (s: Spec) => [...s.keys, ...fieldsOf(s)];
const on = (s: Spec) =>
  sql.join(
    s.keys.map((k) => sql`${col('s', k)} = ${col('r', k)}`),
    sql` and `,
  );
/** Stored values that differ from the recount (a missing recount row means zeros and no date). */
const differs = (s: Spec) =>
  sql.join(
    [...s.counts, ...s.money]
      .map((c) => sql`${col('s', c)} <> coalesce(${col('r', c)}, 0)`)
      .concat(s.last ? [sql`not (${col('s', s.last)} <=> ${col('r', s.last)})`] : []),
    sql` or `,
  );
/** A recount row worth storing (a company with nothing but zeros needs no row). */
const nonEmpty = (s: Spec) =>
  sql.join(
    [...s.counts, ...s.money]
      .map((c) => sql`${col('r', c)} <> 0`)
      .concat(s.last ? [sql`${col('r', s.last)} is not null`] : []),
    sql` or `,
  );
/** The view that recounts a counter table from the source rows (drizzle/0006_hardening.sql). */
const recountView = (s: Spec) => sql.identifier(`${name(s.table)}_recount`);

/**
 * The recount of `table` once, into a keyed temporary table of the caller's
 * connection (the views aggregate a million rows; the comparison reads the
 * result twice), named `<table>_recounted`.
 */
async function recountInto(tx: DbOrTx, s: Spec): Promise<SQL> {
  const temp = sql`${sql.identifier(`${name(s.table)}_recounted`)}`;
  await tx.execute(sql`drop temporary table if exists ${temp}`);
  await tx.execute(
    sql`create temporary table ${temp} (primary key (${list(s.keys, bare)})) as select * from ${recountView(s)}`,
  );
  return temp;
}

async function findDrifts(db: DbOrTx, s: Spec, recount: SQL): Promise<ReadStatsDrift[]> {
  const table = name(s.table);
  const fields = fieldsOf(s);
  const pick = (side: Side) =>
    list(fields, (c) => sql`${col(side, c)} as ${sql.identifier(`${side === 's' ? 'stored' : 'actual'}_${c.name}`)}`);
  const key = list(s.keys, (k) => sql`coalesce(${col('s', k)}, ${col('r', k)}) as ${sql.identifier(`k_${k.name}`)}`);
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${key}, ${pick('s')}, ${pick('r')} from ${s.table} s left join ${recount} r on ${on(s)} where ${differs(s)}
        union all
        select ${key}, ${pick('s')}, ${pick('r')} from ${recount} r left join ${s.table} s on ${on(s)} where ${col('s', s.keys[0]!)} is null and (${nonEmpty(s)})`,
  );
  const drifts: ReadStatsDrift[] = [];
  for (const row of rows) {
    const keyText = s.keys.map((k) => String(row[`k_${k.name}`])).join('/');
    for (const { name: c } of s.counts) {
      const [stored, actual] = [Number(row[`stored_${c}`] ?? 0), Number(row[`actual_${c}`] ?? 0)];
      if (stored !== actual)
        drifts.push({ table, key: keyText, field: c, stored: String(stored), actual: String(actual) });
    }
    for (const { name: c } of s.money) {
      const [stored, actual] = [String(row[`stored_${c}`] ?? '0.00'), String(row[`actual_${c}`] ?? '0.00')];
      if (toPaise(stored) !== toPaise(actual)) drifts.push({ table, key: keyText, field: c, stored, actual });
    }
    if (s.last) {
      const c = s.last.name;
      const [stored, actual] = [row[`stored_${c}`], row[`actual_${c}`]];
      const text = (v: unknown) =>
        v === null || v === undefined ? 'none' : v instanceof Date ? v.toISOString() : String(v);
      if (text(stored) !== text(actual))
        drifts.push({ table, key: keyText, field: c, stored: text(stored), actual: text(actual) });
    }
  }
  return drifts;
}

/**
 * Recounts every read counter from the source rows and returns what differs;
 * with `fix` also sets the drifted rows to the recount, in one transaction that
 * first locks the counter rows, so a booth write either committed before the
 * recount or adds its delta after the repair. (A write that creates the first
 * counter row of a company during a repair may need a second run.)
 */
export async function reconcileReadStats(db: DbOrTx, { fix }: { fix: boolean }): Promise<ReadStatsDrift[]> {
  // One transaction either way: the temporary tables live on its connection.
  return db.transaction(async (tx) => {
    const drifts: ReadStatsDrift[] = [];
    for (const s of READ_STATS) {
      if (fix) await tx.execute(sql`select 1 from ${s.table} for update`);
      const recount = await recountInto(tx, s);
      const found = await findDrifts(tx, s, recount);
      drifts.push(...found);
      if (!fix || !found.length) {
        await tx.execute(sql`drop temporary table ${recount}`);
        continue;
      }
      await tx.execute(sql`update ${s.table} s left join ${recount} r on ${on(s)}
        set ${list(fieldsOf(s), (c) => (c === s.last ? sql`${col('s', c)} = ${col('r', c)}` : sql`${col('s', c)} = coalesce(${col('r', c)}, 0)`))}
        where ${differs(s)}`);
      await tx.execute(sql`insert into ${s.table} (${list(columns(s), bare)})
        select ${list(columns(s), (c) => col('r', c))} from ${recount} r left join ${s.table} s on ${on(s)}
        where ${col('s', s.keys[0]!)} is null and (${nonEmpty(s)})`);
      await tx.execute(sql`drop temporary table ${recount}`);
    }
    return drifts;
  });
}

/** Empties the counter tables and fills them from the recount: after a bulk load that wrote rows without the services (the large seed). */
export async function refillReadStats(db: DbOrTx): Promise<void> {
  for (const s of READ_STATS) {
    const cols = list(columns(s), bare);
    await db.execute(sql`delete from ${s.table}`);
    await db.execute(sql`insert into ${s.table} (${cols}) select ${cols} from ${recountView(s)}`);
  }
}
