/**
 * The steps of the legacy backfill, one per entity and field: what is still
 * to do (count and select, in id order after a cursor) and what a batch of
 * those rows becomes (apply: the new links and the decisions recorded).
 * db/legacy/backfill.ts runs them in this order, in batches.
 */
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';

import type { DbOrTx, Tx } from '@/db';
import { rowsOf } from '@/db/rows';
import {
  bookings,
  campaignRecipients,
  contacts,
  conversations,
  followUps,
  legacyResolutions,
  locations,
  stalls,
  users,
  type LegacyEntity,
  type LegacyField,
  type LegacyOutcome,
  type Outcome,
} from '@/db/schema';
import { audit } from '@/db/services/audit';
import { countedChange, countInserted, type CountedRows } from '@/db/services/counters';
import { isDuplicateKeyError } from '@/lib/errors';
import { amountStatus, formatINR, toPaise } from '@/lib/money';
import { normalisePhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

import { indexStalls, locationKey, matchStall, stallKey } from './stall-match';

type Id = string | number;

/** One step: the rows still to do, the next batch of them, and what a batch becomes (returns the rows of state it changed). */
export type Step<R extends { id: Id }> = {
  /** The progress label, "table: field". */
  name: string;
  count: SQL;
  select: (after: Id | null, limit: number) => SQL;
  apply: (tx: Tx, rows: R[]) => Promise<number>;
};

/** What runs a step (the driver): in batches, on the database or inside the dry run's one transaction. */
export type StepRunner = {
  /** Where reads outside a batch go. */
  on: DbOrTx;
  step<R extends { id: Id }>(step: Step<R>): Promise<void>;
};

/** All the steps, in order. The location and stall steps read the locations and stalls once, when they start. */
export async function backfillSteps(run: StepRunner): Promise<void> {
  for (const target of PHONE_TARGETS) await run.step(phoneStep(target));
  for (const target of LEAD_TABLES) await run.step(visitorStep(target));
  const places = await loadPlaces(run.on);
  await run.step(locationStep(places));
  await run.step(stallStep(places));
  await run.step(amountsStep(await hasAmountText(run.on)));
  for (const target of LEAD_TABLES) await run.step(employeeStep(target));
  for (const timeline of TIMELINES) await run.step(timelineStep(timeline));
}

/* ------------------------------------------------------------ shared */

type Decision = {
  entity: LegacyEntity;
  row_id: string;
  field: LegacyField;
  outcome: Exclude<LegacyOutcome, 'by_hand'>;
  reason?: string | null;
  original?: string | null;
  value?: string | null;
};

const E164 = '^\\+[1-9][0-9]{6,14}$';
const isE164 = (phone: string) => new RegExp(E164).test(phone);

/** The rows of `id` after the cursor (none: from the start). */
const after = (id: MySqlColumn, cursor: Id | null) => (cursor === null ? sql`` : sql` and ${id} > ${cursor}`);

/**
 * Records decisions; a field resolved by hand keeps its row. Assignments run left to right, so `outcome` goes last: the others test the old one.
 * The batch's changes (its resolved decisions: each wrote its value to the row) are one audit row, in the batch's transaction.
 */
async function record(tx: Tx, decisions: Decision[]): Promise<void> {
  if (!decisions.length) return;
  const changes = decisions.filter((d) => d.outcome === 'resolved');
  if (changes.length) {
    const at = new Date();
    await audit(
      tx,
      {
        action: 'legacy.backfilled',
        entity: 'legacy_batch',
        entityId: ulid(at.getTime()),
        after: {
          entity: changes[0]!.entity,
          fields: [...new Set(changes.map((d) => d.field))],
          count: changes.length,
          rows: changes.map((d) => ({
            id: d.row_id,
            field: d.field,
            original: d.original ?? null,
            value: d.value ?? null,
          })),
        },
      },
      at,
    );
  }
  const r = legacyResolutions;
  const values = sql.join(
    decisions.map(
      (d) =>
        sql`(${d.entity}, ${d.row_id}, ${d.field}, ${d.outcome}, ${d.reason?.slice(0, 255) ?? null}, ${d.original?.slice(0, 255) ?? null}, ${d.value?.slice(0, 255) ?? null})`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into ${r} (${r.entity}, ${r.row_id}, ${r.field}, ${r.outcome}, ${r.reason}, ${r.original}, ${r.value}) values ${values}
    on duplicate key update
      ${r.reason} = if(${r.outcome} = 'by_hand', ${r.reason}, values(${r.reason})),
      ${r.original} = if(${r.outcome} = 'by_hand', ${r.original}, coalesce(${r.original}, values(${r.original}))),
      ${r.value} = if(${r.outcome} = 'by_hand', ${r.value}, values(${r.value})),
      ${r.outcome} = if(${r.outcome} = 'by_hand', ${r.outcome}, values(${r.outcome}))`);
}

/** Sets `column` per id (only where it is still NULL, unless told), one statement (ids and values from our own reads). */
async function setColumn(
  tx: Tx,
  table: { id: MySqlColumn },
  column: MySqlColumn,
  pairs: [Id, string | number][],
  onlyIfNull = true,
): Promise<number> {
  if (!pairs.length) return 0;
  const rows = sql.join(
    pairs.map(([id, v], i) => (i === 0 ? sql`select ${id} as id, ${v} as v` : sql`select ${id}, ${v}`)),
    sql` union all `,
  );
  await tx.execute(
    sql`update ${column.table} join (${rows}) s on s.id = ${table.id} set ${column} = s.v${onlyIfNull ? sql` where ${column} is null` : sql``}`,
  );
  return pairs.length;
}

/* ------------------------------------------------------------ phones → E.164 */

type PhoneTarget = {
  entity: LegacyEntity;
  table: typeof contacts | typeof followUps | typeof bookings | typeof campaignRecipients;
  unique?: string;
};
const PHONE_TARGETS: PhoneTarget[] = [
  { entity: 'contact', table: contacts },
  { entity: 'follow_up', table: followUps },
  { entity: 'booking', table: bookings },
  { entity: 'recipient', table: campaignRecipients, unique: 'campaign_recipients_campaign_id_phone_unique' },
];

function phoneStep({ entity, table: t, unique }: PhoneTarget): Step<{ id: Id; phone: string }> {
  const todo = sql`${t.phone} is not null and ${t.phone} <> '' and ${t.phone} not regexp ${E164}`;
  return {
    name: `${getTableName(t)}: phones`,
    count: sql`select count(*) as n from ${t} where ${todo}`,
    select: (cursor, limit) =>
      sql`select ${t.id}, ${t.phone} from ${t} where ${todo}${after(t.id, cursor)} order by ${t.id} limit ${limit}`,
    apply: async (tx, rows) => {
      let changed = 0;
      const decisions: Decision[] = [];
      const bulk: [Id, string][] = [];
      for (const r of rows) {
        const e164 = normalisePhone(r.phone);
        const base = { entity, row_id: String(r.id), field: 'phone' as const, original: r.phone };
        if (!e164) {
          decisions.push({ ...base, outcome: 'unresolved', reason: 'Not a valid phone number.' });
          continue;
        }
        if (!unique) {
          // No unique rule on this phone: one statement for the whole batch.
          bulk.push([r.id, e164]);
          decisions.push({ ...base, outcome: 'resolved', value: e164 });
          continue;
        }
        try {
          await tx.execute(sql`update ${t} set ${t.phone} = ${e164} where ${t.id} = ${r.id}`);
          changed++;
          decisions.push({ ...base, outcome: 'resolved', value: e164 });
        } catch (error) {
          if (!isDuplicateKeyError(error, unique)) throw error;
          decisions.push({
            ...base,
            outcome: 'unresolved',
            reason: `Becomes ${e164}, which this campaign already has: kept as typed.`,
          });
        }
      }
      changed += await setColumn(tx, t, t.phone, bulk, false);
      await record(tx, decisions);
      return changed;
    },
  };
}

/* ------------------------------------------------------------ visitor_id (or exhibitor_id) by phone */

type LeadTable = { entity: 'follow_up' | 'booking'; table: typeof followUps | typeof bookings };
const LEAD_TABLES: LeadTable[] = [
  { entity: 'follow_up', table: followUps },
  { entity: 'booking', table: bookings },
];

/** The contacts (not deleted) with each phone: how many, and the first's id and type. */
async function ownersOf(tx: Tx, phones: string[]): Promise<Map<string, { n: number; id: string; type: string }>> {
  const owners = new Map<string, { n: number; id: string; type: string }>();
  if (!phones.length) return owners;
  const c = contacts;
  for (const o of await rowsOf<{ phone: string; n: unknown; id: string; type: string }>(
    tx,
    sql`select ${c.phone}, count(*) as n, min(${c.id}) as id, min(${c.type}) as type from ${c} where ${c.deleted_at} is null and ${c.phone} in (${sql.join(
      phones.map((p) => sql`${p}`),
      sql`, `,
    )}) group by ${c.phone}`,
  ))
    owners.set(o.phone, { n: Number(o.n), id: o.id, type: o.type });
  return owners;
}

function visitorStep({ entity, table: t }: LeadTable): Step<{ id: Id; phone: string | null }> {
  const todo = sql`${t.visitor_id} is null and ${t.exhibitor_id} is null`;
  return {
    name: `${getTableName(t)}: visitor`,
    count: sql`select count(*) as n from ${t} where ${todo}`,
    select: (cursor, limit) =>
      sql`select ${t.id}, ${t.phone} from ${t} where ${todo}${after(t.id, cursor)} order by ${t.id} limit ${limit}`,
    apply: async (tx, rows) => {
      let changed = 0;
      const owners = await ownersOf(tx, [
        ...new Set(rows.map((r) => r.phone).filter((p): p is string => !!p && isE164(p))),
      ]);
      const decisions: Decision[] = [];
      const visitors: [Id, string][] = [];
      const companies: [Id, string][] = [];
      for (const r of rows) {
        const base = { entity, row_id: String(r.id), field: 'visitor_id' as const, original: r.phone };
        if (!r.phone) decisions.push({ ...base, outcome: 'unresolved', reason: 'No phone.' });
        else if (!isE164(r.phone))
          decisions.push({
            ...base,
            outcome: 'unresolved',
            reason: 'The phone is not valid, so no contact can be matched.',
          });
        else {
          const o = owners.get(r.phone);
          if (!o) decisions.push({ ...base, outcome: 'unresolved', reason: 'No contact has this phone.' });
          else if (o.n > 1)
            decisions.push({ ...base, outcome: 'ambiguous', reason: `${o.n} contacts share this phone.` });
          else if (o.type === 'exhibitor') {
            // The one contact with this phone is a company: the row is that company's own (its timeline), not a visitor's.
            companies.push([r.id, o.id]);
            decisions.push({ ...base, field: 'exhibitor_id', outcome: 'resolved', value: o.id });
          } else {
            visitors.push([r.id, o.id]);
            decisions.push({ ...base, outcome: 'resolved', value: o.id });
          }
        }
      }
      changed += await setColumn(tx, t, t.visitor_id, visitors);
      // A row that becomes a company's counts for it from now on (its lead, or its booking and money).
      const counted: CountedRows =
        entity === 'follow_up'
          ? { followUps: companies.map(([id]) => Number(id)) }
          : { bookings: companies.map(([id]) => String(id)) };
      await countedChange(tx, counted, async () => {
        for (const [id, company] of companies) {
          try {
            await tx.execute(
              sql`update ${t} set ${t.exhibitor_id} = ${company} where ${t.id} = ${id} and ${t.exhibitor_id} is null`,
            );
            changed++;
          } catch (error) {
            if (!isDuplicateKeyError(error, 'follow_ups_open_lead_unique')) throw error;
            const i = decisions.findIndex((d) => d.row_id === String(id) && d.field === 'exhibitor_id');
            decisions[i] = {
              ...decisions[i]!,
              outcome: 'unresolved',
              value: null,
              reason: 'This company already has another open lead with this phone: left unlinked.',
            };
          }
        }
      });
      await record(tx, decisions);
      return changed;
    },
  };
}

/* ------------------------------------------------------------ location_id and table_id of bookings */

type Places = { locationsByName: Map<string, number[]>; stallIndex: ReturnType<typeof indexStalls> };

async function loadPlaces(on: DbOrTx): Promise<Places> {
  const locationsByName = new Map<string, number[]>();
  for (const l of await on.select({ id: locations.id, name: locations.loc_name }).from(locations)) {
    locationsByName.set(locationKey(l.name), [...(locationsByName.get(locationKey(l.name)) ?? []), Number(l.id)]);
  }
  const stallIndex = indexStalls(
    await on.select({ id: stalls.id, location_id: stalls.location_mngt_id, name: stalls.table_name }).from(stalls),
  );
  return { locationsByName, stallIndex };
}

function locationStep({ locationsByName }: Places): Step<{ id: string; booking_location: string | null }> {
  const b = bookings;
  return {
    name: 'bookings: location',
    count: sql`select count(*) as n from ${b} where ${b.location_id} is null`,
    select: (cursor, limit) =>
      sql`select ${b.id}, ${b.booking_location} from ${b} where ${b.location_id} is null${after(b.id, cursor)} order by ${b.id} limit ${limit}`,
    apply: async (tx, rows) => {
      const decisions: Decision[] = [];
      const sets: [string, number][] = [];
      for (const r of rows) {
        const base = {
          entity: 'booking' as const,
          row_id: r.id,
          field: 'location_id' as const,
          original: r.booking_location,
        };
        const key = r.booking_location ? locationKey(r.booking_location) : '';
        const found = key ? (locationsByName.get(key) ?? []) : [];
        if (!key) decisions.push({ ...base, outcome: 'unresolved', reason: 'No location given.' });
        else if (!found.length)
          decisions.push({ ...base, outcome: 'unresolved', reason: 'No location has this name.' });
        else if (found.length > 1)
          decisions.push({ ...base, outcome: 'ambiguous', reason: `${found.length} locations have this name.` });
        else {
          sets.push([r.id, found[0]!]);
          decisions.push({ ...base, outcome: 'resolved', value: String(found[0]) });
        }
      }
      const changed = await setColumn(tx, b, b.location_id, sets);
      await record(tx, decisions);
      return changed;
    },
  };
}

function stallStep({
  stallIndex,
}: Places): Step<{ id: string; location_id: number | null; table_no: string | null; booking_date: string }> {
  const b = bookings;
  return {
    name: 'bookings: stall',
    count: sql`select count(*) as n from ${b} where ${b.table_id} is null`,
    select: (cursor, limit) =>
      sql`select ${b.id}, ${b.location_id}, ${b.table_no}, cast(${b.booking_date} as char) as booking_date from ${b} where ${b.table_id} is null${after(b.id, cursor)} order by ${b.id} limit ${limit}`,
    apply: async (tx, rows) => {
      let changed = 0;
      const decisions: Decision[] = [];
      const links: { r: (typeof rows)[number]; stall: { id: number; name: string } }[] = [];
      for (const r of rows) {
        const base = { entity: 'booking' as const, row_id: r.id, field: 'table_id' as const, original: r.table_no };
        const typed = r.table_no ?? '';
        if (!stallKey(typed)) {
          decisions.push({ ...base, outcome: 'unresolved', reason: 'No stall given.' });
          continue;
        }
        if (r.location_id === null) {
          decisions.push({
            ...base,
            outcome: 'unresolved',
            reason: 'The location is not known, so the stall cannot be matched.',
          });
          continue;
        }
        const match = matchStall(stallIndex, r.location_id, typed);
        if (match.kind === 'none') {
          decisions.push({
            ...base,
            outcome: 'unresolved',
            reason: match.elsewhere
              ? 'A stall of this name exists, but not in this location.'
              : 'No stall of this location has this name.',
          });
          continue;
        }
        if (match.kind === 'many') {
          const names = match.stalls.map((s) => s.name).join(', ');
          decisions.push({
            ...base,
            outcome: 'ambiguous',
            reason:
              match.by === 'name'
                ? `${match.stalls.length} stalls of this location have this name (${names}).`
                : `${match.stalls.length} stalls of this location could be meant (${names}).`,
          });
          continue;
        }
        links.push({ r, stall: match.stall });
      }
      // A booking linked to its stall counts for the stall (and the company's stall) from now on.
      await countedChange(tx, { bookings: links.map(({ r }) => r.id) }, async () => {
        for (const { r, stall } of links) {
          const base = { entity: 'booking' as const, row_id: r.id, field: 'table_id' as const, original: r.table_no };
          try {
            await tx.execute(sql`update ${b} set ${b.table_id} = ${stall.id} where ${b.id} = ${r.id}`);
            changed++;
            decisions.push({ ...base, outcome: 'resolved', value: String(stall.id) });
          } catch (error) {
            if (!isDuplicateKeyError(error, 'bookings_stall_date_unique')) throw error;
            decisions.push({
              ...base,
              outcome: 'unresolved',
              reason: `${stall.name} is already sold for ${r.booking_date} to another booking: left unlinked.`,
            });
          }
        }
      });
      await record(tx, decisions);
      return changed;
    },
  };
}

/* ------------------------------------------------------------ amounts: checked and reported, never rewritten */

/** Whether the adopted bookings kept the money the old app typed as text (price_text, amount_paid_text: columns our schema does not have). */
async function hasAmountText(on: DbOrTx): Promise<boolean> {
  const [row] = await rowsOf<{ n: unknown }>(
    on,
    sql`select count(*) as n from information_schema.columns where table_schema = database() and table_name = ${getTableName(bookings)} and column_name = 'price_text'`,
  );
  return Number(row!.n) > 0;
}

type AmountRow = {
  id: string;
  price: string | null;
  amount_paid: string | null;
  amount_status: string | null;
  price_text: string | null;
  amount_paid_text: string | null;
};

function amountsStep(hasText: boolean): Step<AmountRow> {
  const b = bookings;
  // Named as text: they exist only in an adopted database, not in the schema.
  const textCols = hasText
    ? sql.raw('price_text, amount_paid_text')
    : sql`null as price_text, null as amount_paid_text`;
  return {
    name: 'bookings: amounts',
    count: sql`select count(*) as n from ${b}`,
    select: (cursor, limit) =>
      sql`select ${b.id}, ${b.price}, ${b.amount_paid}, ${b.amount_status}, ${textCols} from ${b} where 1 = 1${after(b.id, cursor)} order by ${b.id} limit ${limit}`,
    apply: async (tx, rows) => {
      const decisions: Decision[] = [];
      for (const r of rows) {
        const problems = amountProblems(r);
        if (problems.length)
          decisions.push({
            entity: 'booking',
            row_id: r.id,
            field: 'amounts',
            outcome: 'unresolved',
            reason: problems.join(' '),
            original: r.price_text ?? r.price,
          });
      }
      await record(tx, decisions);
      return 0;
    },
  };
}

function amountProblems(r: AmountRow): string[] {
  const problems: string[] = [];
  if (r.price === null)
    problems.push(r.price_text?.trim() ? `The price "${r.price_text}" is not an amount (kept as text).` : 'No price.');
  if (r.amount_paid === null && r.amount_paid_text?.trim())
    problems.push(`The amount paid "${r.amount_paid_text}" is not an amount (kept as text).`);
  if (r.price !== null) {
    const price = toPaise(r.price);
    const paid = toPaise(r.amount_paid ?? '0');
    const derived = amountStatus(price, paid);
    if (paid > price) problems.push(`${formatINR(r.amount_paid)} paid is more than the price ${formatINR(r.price)}.`);
    if (r.amount_status !== derived && (r.amount_paid !== null || r.amount_status !== null))
      problems.push(`The status says ${r.amount_status ?? 'nothing'}; the amounts say ${derived}.`);
  }
  return problems;
}

/* ------------------------------------------------------------ employee_id: rows of users who are gone, reported */

function employeeStep({ entity, table: t }: LeadTable): Step<{ id: Id; employee_id: string }> {
  const gone = sql`not exists (select 1 from ${users} where ${users.id} = ${t.employee_id})`;
  return {
    name: `${getTableName(t)}: employees`,
    count: sql`select count(*) as n from ${t} where ${gone}`,
    select: (cursor, limit) =>
      sql`select ${t.id}, ${t.employee_id} from ${t} where ${gone}${after(t.id, cursor)} order by ${t.id} limit ${limit}`,
    apply: async (tx, rows) => {
      await record(
        tx,
        rows.map((r) => ({
          entity,
          row_id: String(r.id),
          field: 'employee_id' as const,
          outcome: 'unresolved' as const,
          reason: 'The employee no longer exists (the row is kept).',
          original: r.employee_id,
        })),
      );
      return 0;
    },
  };
}

/* ------------------------------------------------------------ conversation: an old lead or booking of a known company on its timeline */

type TimelineRow = {
  id: Id;
  exhibitor_id: string | null;
  visitor_id: string | null;
  phone: string | null;
  employee_id: string;
  location_id: number | null;
  table_id: number | null;
  campaign_id: string | null;
  outcome: Outcome;
  notes: string | null;
  price: string | null;
  amount_paid: string | null;
  at: string | null;
};

type Timeline = {
  entity: 'follow_up' | 'booking';
  table: typeof followUps | typeof bookings;
  what: string;
  /** The entry's link back to the row. */
  link: (id: Id) => { follow_up_id: number } | { booking_id: string };
  columns: SQL;
  notes: (r: TimelineRow) => string | null;
};

const TIMELINES: Timeline[] = [
  {
    entity: 'follow_up',
    table: followUps,
    what: 'lead',
    link: (id) => ({ follow_up_id: Number(id) }),
    columns: sql`${followUps.status} as outcome, ${followUps.comment} as notes, null as price, null as amount_paid`,
    notes: (r) => r.notes,
  },
  {
    entity: 'booking',
    table: bookings,
    what: 'booking',
    link: (id) => ({ booking_id: String(id) }),
    columns: sql`'materialised' as outcome, null as notes, ${bookings.price}, ${bookings.amount_paid}`,
    notes: (r) =>
      `Imported booking${r.price !== null ? `: ${formatINR(r.amount_paid ?? '0')} of ${formatINR(r.price)} paid` : ''}.`,
  },
];

function timelineStep(tl: Timeline): Step<TimelineRow> {
  const t = tl.table;
  return {
    name: `${getTableName(t)}: timeline`,
    count: sql`select count(*) as n from ${t} where ${t.conversation_id} is null`,
    select: (cursor, limit) =>
      sql`select ${t.id}, ${t.exhibitor_id}, ${t.visitor_id}, ${t.phone}, ${t.employee_id}, ${t.location_id}, ${t.table_id}, ${t.campaign_id}, ${tl.columns},
                 cast(coalesce(nullif(${t.created_at}, 0), nullif(${t.updated_at}, 0)) as char) as at
          from ${t} where ${t.conversation_id} is null${after(t.id, cursor)} order by ${t.id} limit ${limit}`,
    apply: async (tx, rows) => {
      let changed = 0;
      const decisions: Decision[] = [];
      const inserted: string[] = [];
      for (const r of rows) {
        const base = { entity: tl.entity, row_id: String(r.id), field: 'conversation' as const };
        if (!r.exhibitor_id) {
          decisions.push({
            ...base,
            outcome: 'unresolved',
            reason: `No company is known for this ${tl.what}, so it is on no company’s timeline.`,
          });
          continue;
        }
        if (!r.at) {
          decisions.push({ ...base, outcome: 'unresolved', reason: `The ${tl.what} has no date.` });
          continue;
        }
        const id = ulid(Date.parse(`${r.at.replace(' ', 'T')}Z`) || Date.now());
        await tx.insert(conversations).values({
          id,
          exhibitor_id: r.exhibitor_id,
          visitor_id: r.visitor_id,
          visitor_phone: r.phone,
          employee_id: r.employee_id,
          location_id: r.location_id,
          table_id: r.table_id,
          campaign_id: r.campaign_id,
          outcome: r.outcome,
          kind: 'import',
          notes: tl.notes(r),
          // As the old row has it (text in the session's UTC), so an odd stored moment is kept exactly.
          conversation_date: sql`${r.at}`,
          ...tl.link(r.id),
        });
        await tx.execute(sql`update ${t} set ${t.conversation_id} = ${id} where ${t.id} = ${r.id}`);
        changed++;
        inserted.push(id);
        decisions.push({ ...base, outcome: 'resolved', value: id });
      }
      // The imported entries are conversations of their company (its last conversation may be one).
      await countInserted(tx, { conversations: inserted });
      await record(tx, decisions);
      return changed;
    },
  };
}
