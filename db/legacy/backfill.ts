/**
 * The legacy backfill (issue 6; design document §6.2, done conservatively):
 * brings the old rows of an adopted database into the new links.
 *
 *   phones        → E.164 (India by default) in place; the typed text is kept in legacy_resolutions.original
 *   visitor_id    → the one contact with that phone (follow-ups and bookings); two or more: ambiguous;
 *                   when that one contact is a company, the row is the company's (exhibitor_id)
 *   location_id   → the location whose name equals booking_location, ignoring case and spaces
 *   table_id      → a stall of that same location (db/legacy/stall-match.ts): the stall of exactly that
 *                   name (ignoring case, spaces, dashes) wins; only without one, `Table 12` ≈ `T-12`, and
 *                   `12` is the one stall numbered 12 there; a stall sold twice on one date keeps NULL
 *   amounts       → price / amount paid / amount_status checked; inconsistent rows reported, not rewritten
 *   employee_id   → rows of users who no longer exist reported (kept)
 *   conversation  → each old follow-up and booking of a known company gets a timeline entry
 *                   (kind 'import'), linked both ways; without a company it is reported
 *   counters      → campaign and read counters recounted at the end
 *
 * Every rule leaves an ambiguous match NULL and records why. A field an admin
 * resolved by hand is never touched again. Batches of rows in id order, each
 * in its own transaction, so a killed run continues where it stopped; the
 * selection of each step is "still to do", so a second run changes nothing.
 * A dry run does the same inside one transaction and rolls it back.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { Db, DbOrTx, Tx } from '@/db';
import { rowsOf } from '@/db/rows';
import { legacyResolutions, type LegacyEntity, type LegacyField, type LegacyOutcome } from '@/db/schema';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { reconcileReadStats } from '@/db/services/read-stats';
import { isDuplicateKeyError } from '@/lib/errors';
import { formatINR, toPaise } from '@/lib/money';
import { normalisePhone } from '@/lib/phone';
import { indexStalls, locationKey, matchStall, stallKey } from './stall-match';

export { locationKey, stallKey } from './stall-match';

export type BackfillProgress = { step: string; done: number; total: number };
export type BackfillOptions = {
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (p: BackfillProgress) => void;
  /** Stop after this many batches in all (a test's stand-in for a killed run). */
  stopAfterBatches?: number;
};
export type BackfillCount = { entity: LegacyEntity; field: LegacyField; outcome: LegacyOutcome; rows: number };
export type BackfillResult = { dryRun: boolean; changedRows: number; counts: BackfillCount[]; stopped: boolean; ms: number; rowsSeen: number };

type Decision = { entity: LegacyEntity; row_id: string; field: LegacyField; outcome: Exclude<LegacyOutcome, 'by_hand'>; reason?: string | null; original?: string | null; value?: string | null };

const E164 = '^\\+[1-9][0-9]{6,14}$';
class Stop extends Error {}
class DryRunRollback extends Error {}


/** Records decisions; a field resolved by hand keeps its row. Returns how many rows of the state changed. */
async function record(tx: Tx, decisions: Decision[]) {
  if (!decisions.length) return;
  const values = sql.join(
    decisions.map(
      (d) =>
        sql`(${d.entity}, ${d.row_id}, ${d.field}, ${d.outcome}, ${d.reason?.slice(0, 255) ?? null}, ${d.original?.slice(0, 255) ?? null}, ${d.value?.slice(0, 255) ?? null})`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into ${legacyResolutions} (entity, row_id, field, outcome, reason, original, value) values ${values}
    on duplicate key update
      reason = if(outcome = 'by_hand', reason, values(reason)),
      original = if(outcome = 'by_hand', original, coalesce(original, values(original))),
      value = if(outcome = 'by_hand', value, values(value)),
      outcome = if(outcome = 'by_hand', outcome, values(outcome))`);
}

export async function runBackfill(db: Db, options: BackfillOptions = {}): Promise<BackfillResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const dryRun = options.dryRun ?? false;
  let batches = 0;
  let changedRows = 0;
  let rowsSeen = 0;
  let stopped = false;

  // One transaction per batch; a dry run runs every batch in one transaction it rolls back.
  const run = async (): Promise<BackfillResult> => {
    if (dryRun) {
      let result: BackfillResult | null = null;
      try {
        await db.transaction(async (tx) => {
          await body(tx);
          result = await finish(tx);
          throw new DryRunRollback();
        });
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      return result!;
    }
    await body(null);
    return finish(db);
  };

  /** Runs `fn` over the rows of `select` (ordered by `id`, after the cursor) in batches. */
  async function inBatches<R extends { id: string | number }>(
    outerTx: Tx | null,
    step: string,
    count: SQL,
    select: (after: string | number | null, limit: number) => SQL,
    fn: (tx: Tx, rows: R[]) => Promise<void>,
  ) {
    const [countRow] = await rowsOf<{ n: unknown }>(outerTx ?? db, count);
    const total = Number(countRow?.n ?? 0);
    let done = 0;
    let after: string | number | null = null;
    options.onProgress?.({ step, done, total });
    for (;;) {
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) {
        stopped = true;
        throw new Stop();
      }
      const batch = async (tx: Tx) => {
        const rows = await rowsOf<R>(tx, select(after, batchSize));
        if (rows.length) await fn(tx, rows);
        return rows;
      };
      const rows = outerTx ? await batch(outerTx) : await db.transaction(batch);
      batches++;
      if (!rows.length) break;
      rowsSeen += rows.length;
      after = rows[rows.length - 1]!.id;
      done += rows.length;
      options.onProgress?.({ step, done: Math.min(done, total), total });
      if (rows.length < batchSize) break;
    }
  }
  const cursor = (column: string, after: string | number | null) => (after === null ? sql`` : sql` and ${sql.raw(column)} > ${after}`);

  async function body(outerTx: Tx | null) {
    /* ----------------------------------------------------------- phones */
    const phoneSteps: { entity: LegacyEntity; table: string; unique?: string }[] = [
      { entity: 'contact', table: 'contacts' },
      { entity: 'follow_up', table: 'follow_ups' },
      { entity: 'booking', table: 'bookings' },
      { entity: 'recipient', table: 'campaign_recipients', unique: 'campaign_recipients_campaign_id_phone_unique' },
    ];
    for (const p of phoneSteps) {
      const t = sql.raw(p.table);
      const todo = sql`x.phone is not null and x.phone <> '' and x.phone not regexp ${E164}`;
      await inBatches<{ id: string | number; phone: string }>(
        outerTx,
        `${p.table}: phones`,
        sql`select count(*) as n from ${t} x where ${todo}`,
        (after, limit) => sql`select x.id, x.phone from ${t} x where ${todo}${cursor('x.id', after)} order by x.id limit ${limit}`,
        async (tx, rows) => {
          const decisions: Decision[] = [];
          const bulk: [string | number, string][] = [];
          for (const r of rows) {
            const e164 = normalisePhone(r.phone);
            const base = { entity: p.entity, row_id: String(r.id), field: 'phone' as const, original: r.phone };
            if (!e164) {
              decisions.push({ ...base, outcome: 'unresolved', reason: 'Not a valid phone number.' });
              continue;
            }
            if (!p.unique) {
              // No unique rule on this phone: one statement for the whole batch.
              bulk.push([r.id, e164]);
              decisions.push({ ...base, outcome: 'resolved', value: e164 });
              continue;
            }
            try {
              await tx.execute(sql`update ${t} set phone = ${e164} where id = ${r.id}`);
              changedRows++;
              decisions.push({ ...base, outcome: 'resolved', value: e164 });
            } catch (error) {
              if (!p.unique || !isDuplicateKeyError(error, p.unique)) throw error;
              decisions.push({ ...base, outcome: 'unresolved', reason: `Becomes ${e164}, which this campaign already has: kept as typed.` });
            }
          }
          changedRows += await setColumn(tx, p.table, 'phone', bulk, false);
          await record(tx, decisions);
        },
      );
    }

    /* ------------------------------------------------------- visitor_id */
    for (const [entity, table] of [
      ['follow_up', 'follow_ups'],
      ['booking', 'bookings'],
    ] as const) {
      const t = sql.raw(table);
      await inBatches<{ id: string | number; phone: string | null }>(
        outerTx,
        `${table}: visitor`,
        sql`select count(*) as n from ${t} x where x.visitor_id is null and x.exhibitor_id is null`,
        (after, limit) => sql`select x.id, x.phone from ${t} x where x.visitor_id is null and x.exhibitor_id is null${cursor('x.id', after)} order by x.id limit ${limit}`,
        async (tx, rows) => {
          const phones = [...new Set(rows.map((r) => r.phone).filter((p): p is string => !!p && new RegExp(E164).test(p)))];
          const owners = new Map<string, { n: number; id: string; type: string }>();
          if (phones.length) {
            for (const o of await rowsOf<{ phone: string; n: unknown; id: string; type: string }>(
              tx,
              sql`select phone, count(*) as n, min(id) as id, min(type) as type from contacts where deleted_at is null and phone in (${sql.join(phones.map((p) => sql`${p}`), sql`, `)}) group by phone`,
            ))
              owners.set(o.phone, { n: Number(o.n), id: o.id, type: o.type });
          }
          const decisions: Decision[] = [];
          const sets: { id: string | number; visitor: string }[] = [];
          const companies: [string | number, string][] = [];
          for (const r of rows) {
            const base = { entity, row_id: String(r.id), field: 'visitor_id' as const, original: r.phone };
            if (!r.phone) decisions.push({ ...base, outcome: 'unresolved', reason: 'No phone.' });
            else if (!new RegExp(E164).test(r.phone)) decisions.push({ ...base, outcome: 'unresolved', reason: 'The phone is not valid, so no contact can be matched.' });
            else {
              const o = owners.get(r.phone);
              if (!o) decisions.push({ ...base, outcome: 'unresolved', reason: 'No contact has this phone.' });
              else if (o.n > 1) decisions.push({ ...base, outcome: 'ambiguous', reason: `${o.n} contacts share this phone.` });
              else if (o.type === 'exhibitor') {
                // The one contact with this phone is a company: the row is that company's own (its timeline), not a visitor's.
                companies.push([r.id, o.id]);
                decisions.push({ ...base, field: 'exhibitor_id', outcome: 'resolved', value: o.id });
              } else {
                sets.push({ id: r.id, visitor: o.id });
                decisions.push({ ...base, outcome: 'resolved', value: o.id });
              }
            }
          }
          changedRows += await setColumn(tx, table, 'visitor_id', sets.map((s) => [s.id, s.visitor]));
          for (const [id, company] of companies) {
            try {
              await tx.execute(sql`update ${t} set exhibitor_id = ${company} where id = ${id} and exhibitor_id is null`);
              changedRows++;
            } catch (error) {
              if (!isDuplicateKeyError(error, 'follow_ups_open_lead_unique')) throw error;
              const i = decisions.findIndex((d) => d.row_id === String(id) && d.field === 'exhibitor_id');
              decisions[i] = { ...decisions[i]!, outcome: 'unresolved', value: null, reason: 'This company already has another open lead with this phone: left unlinked.' };
            }
          }
          await record(tx, decisions);
        },
      );
    }

    /* ------------------------------------------------- location and stall */
    const locs = await rowsOf<{ id: number; name: string }>(outerTx ?? db, sql`select id, loc_name as name from location_mngt`);
    const byName = new Map<string, number[]>();
    for (const l of locs) byName.set(locationKey(l.name), [...(byName.get(locationKey(l.name)) ?? []), Number(l.id)]);
    const stallIndex = indexStalls(
      await rowsOf<{ id: number; location_id: number; name: string }>(outerTx ?? db, sql`select id, location_mngt_id as location_id, table_name as name from location_mngt_table_details`),
    );

    await inBatches<{ id: string; booking_location: string | null }>(
      outerTx,
      'bookings: location',
      sql`select count(*) as n from bookings x where x.location_id is null`,
      (after, limit) => sql`select x.id, x.booking_location from bookings x where x.location_id is null${cursor('x.id', after)} order by x.id limit ${limit}`,
      async (tx, rows) => {
        const decisions: Decision[] = [];
        const sets: [string, number][] = [];
        for (const r of rows) {
          const base = { entity: 'booking' as const, row_id: r.id, field: 'location_id' as const, original: r.booking_location };
          const key = r.booking_location ? locationKey(r.booking_location) : '';
          const found = key ? (byName.get(key) ?? []) : [];
          if (!key) decisions.push({ ...base, outcome: 'unresolved', reason: 'No location given.' });
          else if (!found.length) decisions.push({ ...base, outcome: 'unresolved', reason: 'No location has this name.' });
          else if (found.length > 1) decisions.push({ ...base, outcome: 'ambiguous', reason: `${found.length} locations have this name.` });
          else {
            sets.push([r.id, found[0]!]);
            decisions.push({ ...base, outcome: 'resolved', value: String(found[0]) });
          }
        }
        changedRows += await setColumn(tx, 'bookings', 'location_id', sets);
        await record(tx, decisions);
      },
    );

    await inBatches<{ id: string; location_id: number | null; table_no: string | null; booking_date: string }>(
      outerTx,
      'bookings: stall',
      sql`select count(*) as n from bookings x where x.table_id is null`,
      (after, limit) =>
        sql`select x.id, x.location_id, x.table_no, cast(x.booking_date as char) as booking_date from bookings x where x.table_id is null${cursor('x.id', after)} order by x.id limit ${limit}`,
      async (tx, rows) => {
        const decisions: Decision[] = [];
        for (const r of rows) {
          const base = { entity: 'booking' as const, row_id: r.id, field: 'table_id' as const, original: r.table_no };
          const typed = r.table_no ?? '';
          if (!stallKey(typed)) {
            decisions.push({ ...base, outcome: 'unresolved', reason: 'No stall given.' });
            continue;
          }
          if (r.location_id === null) {
            decisions.push({ ...base, outcome: 'unresolved', reason: 'The location is not known, so the stall cannot be matched.' });
            continue;
          }
          const match = matchStall(stallIndex, r.location_id, typed);
          if (match.kind === 'none') {
            decisions.push({ ...base, outcome: 'unresolved', reason: match.elsewhere ? 'A stall of this name exists, but not in this location.' : 'No stall of this location has this name.' });
            continue;
          }
          if (match.kind === 'many') {
            const names = match.stalls.map((s) => s.name).join(', ');
            decisions.push({
              ...base,
              outcome: 'ambiguous',
              reason: match.by === 'name' ? `${match.stalls.length} stalls of this location have this name (${names}).` : `${match.stalls.length} stalls of this location could be meant (${names}).`,
            });
            continue;
          }
          const stall = match.stall;
          try {
            await tx.execute(sql`update bookings set table_id = ${stall.id} where id = ${r.id}`);
            changedRows++;
            decisions.push({ ...base, outcome: 'resolved', value: String(stall.id) });
          } catch (error) {
            if (!isDuplicateKeyError(error, 'bookings_stall_date_unique')) throw error;
            decisions.push({ ...base, outcome: 'unresolved', reason: `${stall.name} is already sold for ${r.booking_date} to another booking: left unlinked.` });
          }
        }
        await record(tx, decisions);
      },
    );

    /* ------------------------------------------------------------ amounts */
    const hasText = (await rowsOf<{ n: unknown }>(outerTx ?? db, sql`select count(*) as n from information_schema.columns where table_schema = database() and table_name = 'bookings' and column_name = 'price_text'`))[0]!;
    const textCols = Number(hasText.n) ? sql`x.price_text, x.amount_paid_text` : sql`null as price_text, null as amount_paid_text`;
    await inBatches<{ id: string; price: string | null; amount_paid: string | null; amount_status: string | null; price_text: string | null; amount_paid_text: string | null }>(
      outerTx,
      'bookings: amounts',
      sql`select count(*) as n from bookings`,
      (after, limit) => sql`select x.id, x.price, x.amount_paid, x.amount_status, ${textCols} from bookings x where 1 = 1${cursor('x.id', after)} order by x.id limit ${limit}`,
      async (tx, rows) => {
        const decisions: Decision[] = [];
        for (const r of rows) {
          const problems: string[] = [];
          if (r.price === null) problems.push(r.price_text?.trim() ? `The price "${r.price_text}" is not an amount (kept as text).` : 'No price.');
          if (r.amount_paid === null && r.amount_paid_text?.trim()) problems.push(`The amount paid "${r.amount_paid_text}" is not an amount (kept as text).`);
          if (r.price !== null) {
            const price = toPaise(r.price);
            const paid = toPaise(r.amount_paid ?? '0');
            const derived = paid <= 0n ? 'unpaid' : paid < price ? 'partial' : 'paid';
            if (paid > price) problems.push(`${formatINR(r.amount_paid)} paid is more than the price ${formatINR(r.price)}.`);
            if (r.amount_status !== derived && (r.amount_paid !== null || r.amount_status !== null)) problems.push(`The status says ${r.amount_status ?? 'nothing'}; the amounts say ${derived}.`);
          }
          if (problems.length) decisions.push({ entity: 'booking', row_id: r.id, field: 'amounts', outcome: 'unresolved', reason: problems.join(' '), original: r.price_text ?? r.price });
        }
        await record(tx, decisions);
      },
    );

    /* --------------------------------------------------------- employees */
    for (const [entity, table] of [
      ['follow_up', 'follow_ups'],
      ['booking', 'bookings'],
    ] as const) {
      const t = sql.raw(table);
      const gone = sql`not exists (select 1 from users u where u.id = x.employee_id)`;
      await inBatches<{ id: string | number; employee_id: string }>(
        outerTx,
        `${table}: employees`,
        sql`select count(*) as n from ${t} x where ${gone}`,
        (after, limit) => sql`select x.id, x.employee_id from ${t} x where ${gone}${cursor('x.id', after)} order by x.id limit ${limit}`,
        async (tx, rows) =>
          record(
            tx,
            rows.map((r) => ({ entity, row_id: String(r.id), field: 'employee_id' as const, outcome: 'unresolved' as const, reason: 'The employee no longer exists (the row is kept).', original: r.employee_id })),
          ),
      );
    }

    /* ------------------------------------------------------ conversations */
    // An old lead or booking of a known company becomes an 'import' entry of its timeline, linked both ways.
    type TimelineRow = {
      id: string | number;
      exhibitor_id: string | null;
      visitor_id: string | null;
      phone: string | null;
      employee_id: string;
      location_id: number | null;
      table_id: number | null;
      campaign_id: string | null;
      outcome: string;
      notes: string | null;
      price: string | null;
      amount_paid: string | null;
      at: string | null;
    };
    const timelines = [
      {
        entity: 'follow_up' as const,
        table: 'follow_ups',
        what: 'lead',
        link: 'follow_up_id',
        columns: sql`x.status as outcome, x.comment as notes, null as price, null as amount_paid`,
        notes: (r: TimelineRow) => r.notes,
      },
      {
        entity: 'booking' as const,
        table: 'bookings',
        what: 'booking',
        link: 'booking_id',
        columns: sql`'materialised' as outcome, null as notes, x.price, x.amount_paid`,
        notes: (r: TimelineRow) => `Imported booking${r.price !== null ? `: ${formatINR(r.amount_paid ?? '0')} of ${formatINR(r.price)} paid` : ''}.`,
      },
    ];
    for (const tl of timelines) {
      const t = sql.raw(tl.table);
      await inBatches<TimelineRow>(
        outerTx,
        `${tl.table}: timeline`,
        sql`select count(*) as n from ${t} x where x.conversation_id is null`,
        (after, limit) =>
          sql`select x.id, x.exhibitor_id, x.visitor_id, x.phone, x.employee_id, x.location_id, x.table_id, x.campaign_id, ${tl.columns},
                     cast(coalesce(nullif(x.created_at, 0), nullif(x.updated_at, 0)) as char) as at
              from ${t} x where x.conversation_id is null${cursor('x.id', after)} order by x.id limit ${limit}`,
        async (tx, rows) => {
          const decisions: Decision[] = [];
          for (const r of rows) {
            const base = { entity: tl.entity, row_id: String(r.id), field: 'conversation' as const };
            if (!r.exhibitor_id) {
              decisions.push({ ...base, outcome: 'unresolved', reason: `No company is known for this ${tl.what}, so it is on no company’s timeline.` });
              continue;
            }
            if (!r.at) {
              decisions.push({ ...base, outcome: 'unresolved', reason: `The ${tl.what} has no date.` });
              continue;
            }
            const id = ulid(Date.parse(`${r.at.replace(' ', 'T')}Z`) || Date.now());
            await tx.execute(sql`
              insert into conversations (id, exhibitor_id, visitor_id, visitor_phone, employee_id, location_id, table_id, campaign_id, outcome, kind, notes, conversation_date, ${sql.raw(tl.link)})
              values (${id}, ${r.exhibitor_id}, ${r.visitor_id}, ${r.phone}, ${r.employee_id}, ${r.location_id}, ${r.table_id}, ${r.campaign_id}, ${r.outcome}, 'import', ${tl.notes(r)}, ${r.at}, ${r.id})`);
            await tx.execute(sql`update ${t} set conversation_id = ${id} where id = ${r.id}`);
            changedRows++;
            decisions.push({ ...base, outcome: 'resolved', value: id });
          }
          await record(tx, decisions);
        },
      );
    }
  }

  async function finish(on: DbOrTx): Promise<BackfillResult> {
    if (!dryRun && !stopped) {
      options.onProgress?.({ step: 'counters', done: 0, total: 1 });
      await reconcileCampaignCounters(on, { fix: true });
      await reconcileReadStats(on, { fix: true });
      options.onProgress?.({ step: 'counters', done: 1, total: 1 });
    }
    return { dryRun, changedRows, counts: await countResolutions(on), stopped, ms: Date.now() - started, rowsSeen };
  }

  try {
    return await run();
  } catch (error) {
    if (error instanceof Stop) return { dryRun, changedRows, counts: await countResolutions(db), stopped: true, ms: Date.now() - started, rowsSeen };
    throw error;
  }
}

/** Sets `column` of `table` per id (only where it is still NULL, unless told), one statement (ids and values from our own reads). */
async function setColumn(tx: Tx, table: string, column: string, pairs: [string | number, string | number][], onlyIfNull = true): Promise<number> {
  if (!pairs.length) return 0;
  const t = sql.raw(table);
  const c = sql.raw(column);
  const rows = sql.join(
    pairs.map(([id, v], i) => (i === 0 ? sql`select ${id} as id, ${v} as v` : sql`select ${id}, ${v}`)),
    sql` union all `,
  );
  await tx.execute(sql`update ${t} x join (${rows}) s on s.id = x.id set x.${c} = s.v${onlyIfNull ? sql` where x.${c} is null` : sql``}`);
  return pairs.length;
}

/** The report's counts: per entity, field and outcome. */
export async function countResolutions(db: DbOrTx): Promise<BackfillCount[]> {
  const rows = await rowsOf<{ entity: LegacyEntity; field: LegacyField; outcome: LegacyOutcome; n: unknown }>(
    db,
    sql`select entity, field, outcome, count(*) as n from legacy_resolutions group by entity, field, outcome order by entity, field, outcome`,
  );
  return rows.map((r) => ({ entity: r.entity, field: r.field, outcome: r.outcome, rows: Number(r.n) }));
}
