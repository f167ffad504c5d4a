/**
 * The read counters of the company views (db/schema/stats.ts) against their
 * source rows. The triggers of drizzle/0003_read_stats_triggers.sql keep them;
 * the views `<table>_recount` there are the one definition of what they should
 * hold, used here, by that migration and by the large seed.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import { toPaise } from '@/lib/money';

type Spec = { keys: string[]; counts: string[]; money: string[]; last?: string };

export const READ_STATS: Record<'exhibitor_stats' | 'stall_stats' | 'exhibitor_stall_stats', Spec> = {
  exhibitor_stats: { keys: ['exhibitor_id'], counts: ['leads', 'talks', 'bookings'], money: ['collected', 'booked'], last: 'last_conversation_at' },
  stall_stats: { keys: ['table_id'], counts: ['talks', 'bookings'], money: ['collected', 'booked'] },
  exhibitor_stall_stats: { keys: ['exhibitor_id', 'table_id'], counts: ['talks', 'bookings'], money: ['collected', 'booked'] },
};
export type ReadStatsTable = keyof typeof READ_STATS;

export type ReadStatsDrift = { table: ReadStatsTable; key: string; field: string; stored: string; actual: string };

const raw = (s: string) => sql.raw(s);
const list = (xs: string[], f: (x: string) => string) => raw(xs.map(f).join(', '));
const columns = (s: Spec) => [...s.keys, ...s.counts, ...s.money, ...(s.last ? [s.last] : [])];
const on = (s: Spec) => raw(s.keys.map((k) => `s.${k} = r.${k}`).join(' and '));
/** Stored values that differ from the recount (a missing recount row means zeros and no date). */
const differs = (s: Spec) =>
  raw(
    [...s.counts, ...s.money].map((c) => `s.${c} <> coalesce(r.${c}, 0)`).concat(s.last ? [`not (s.${s.last} <=> r.${s.last})`] : []).join(' or '),
  );
/** A recount row worth storing (a company with nothing but zeros needs no row). */
const nonEmpty = (s: Spec, alias: string) =>
  raw([...s.counts, ...s.money].map((c) => `${alias}.${c} <> 0`).concat(s.last ? [`${alias}.${s.last} is not null`] : []).join(' or '));


/**
 * The recount of `table` once, into a keyed temporary table of the caller's
 * connection (the views aggregate a million rows; the comparison reads the
 * result twice), named `<table>_recounted`.
 */
async function recountInto(tx: DbOrTx, table: ReadStatsTable): Promise<SQL> {
  const name = raw(`${table}_recounted`);
  await tx.execute(sql`drop temporary table if exists ${name}`);
  await tx.execute(sql`create temporary table ${name} (primary key (${list(READ_STATS[table].keys, (k) => k)})) as select * from ${raw(`${table}_recount`)}`);
  return name;
}

async function findDrifts(db: DbOrTx, table: ReadStatsTable, recount: SQL): Promise<ReadStatsDrift[]> {
  const s = READ_STATS[table];
  const t = raw(table);
  const fields = [...s.counts, ...s.money, ...(s.last ? [s.last] : [])];
  const pick = (from: 's' | 'r') => list(fields, (c) => `${from}.${c} as ${from === 's' ? 'stored' : 'actual'}_${c}`);
  const key = list(s.keys, (k) => `coalesce(s.${k}, r.${k}) as k_${k}`);
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${key}, ${pick('s')}, ${pick('r')} from ${t} s left join ${recount} r on ${on(s)} where ${differs(s)}
        union all
        select ${key}, ${pick('s')}, ${pick('r')} from ${recount} r left join ${t} s on ${on(s)} where s.${raw(s.keys[0]!)} is null and (${nonEmpty(s, 'r')})`,
  );
  const drifts: ReadStatsDrift[] = [];
  for (const row of rows) {
    const keyText = s.keys.map((k) => String(row[`k_${k}`])).join('/');
    for (const c of s.counts) {
      const [stored, actual] = [Number(row[`stored_${c}`] ?? 0), Number(row[`actual_${c}`] ?? 0)];
      if (stored !== actual) drifts.push({ table, key: keyText, field: c, stored: String(stored), actual: String(actual) });
    }
    for (const c of s.money) {
      const [stored, actual] = [String(row[`stored_${c}`] ?? '0.00'), String(row[`actual_${c}`] ?? '0.00')];
      if (toPaise(stored) !== toPaise(actual)) drifts.push({ table, key: keyText, field: c, stored, actual });
    }
    if (s.last) {
      const [stored, actual] = [row[`stored_${s.last}`], row[`actual_${s.last}`]];
      const text = (v: unknown) => (v === null || v === undefined ? 'none' : v instanceof Date ? v.toISOString() : String(v));
      if (text(stored) !== text(actual)) drifts.push({ table, key: keyText, field: s.last, stored: text(stored), actual: text(actual) });
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
    for (const table of Object.keys(READ_STATS) as ReadStatsTable[]) {
      const s = READ_STATS[table];
      const t = raw(table);
      if (fix) await tx.execute(sql`select 1 from ${t} for update`);
      const recount = await recountInto(tx, table);
      const found = await findDrifts(tx, table, recount);
      drifts.push(...found);
      if (!fix || !found.length) {
        await tx.execute(sql`drop temporary table ${recount}`);
        continue;
      }
      const fields = [...s.counts, ...s.money, ...(s.last ? [s.last] : [])];
      await tx.execute(sql`update ${t} s left join ${recount} r on ${on(s)}
        set ${list(fields, (c) => (c === s.last ? `s.${c} = r.${c}` : `s.${c} = coalesce(r.${c}, 0)`))}
        where ${differs(s)}`);
      await tx.execute(sql`insert into ${t} (${list(columns(s), (c) => c)})
        select ${list(columns(s), (c) => `r.${c}`)} from ${recount} r left join ${t} s on ${on(s)}
        where s.${raw(s.keys[0]!)} is null and (${nonEmpty(s, 'r')})`);
      await tx.execute(sql`drop temporary table ${recount}`);
    }
    return drifts;
  });
}

/** Empties the counter tables and fills them from the recount: after a bulk load that paused the triggers (the large seed). */
export async function refillReadStats(db: DbOrTx): Promise<void> {
  for (const table of Object.keys(READ_STATS) as ReadStatsTable[]) {
    const cols = list(columns(READ_STATS[table]), (c) => c);
    await db.execute(sql`delete from ${raw(table)}`);
    await db.execute(sql`insert into ${raw(table)} (${cols}) select ${cols} from ${raw(`${table}_recount`)}`);
  }
}
