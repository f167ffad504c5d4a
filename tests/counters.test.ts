/**
 * Every counter equals its recount, whatever the writes (DESIGN.md invariant 7):
 * fast-check builds random sequences of booth talks of each outcome (with and
 * without a booking, a campaign, a visitor), replays, payments, cancellations,
 * manual notes, contact merges, old write shapes, legacy backfills and hand
 * resolutions, runs them through the services on a real database of its own,
 * and after each sequence compares the campaign counters and the four read
 * counter tables (company × campaign too) with their recount. Refusals (a stall already sold, a payment
 * over the price…) are part of the sequences: a refused write moves nothing.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, type Db } from '@/db';
import { runBackfill } from '@/db/legacy/backfill';
import { createLegacyBooking, createLegacyFollowUp } from '@/db/legacy/old-write-shapes';
import { HAND_FIELDS, resolveByHand } from '@/db/legacy/resolve';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf, useCompoundStatements } from '@/db/rows';
import {
  bookings,
  campaignRecipients,
  campaigns,
  contacts,
  exhibitorCampaignStats,
  locations,
  stalls,
  users,
} from '@/db/schema';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { mergeContacts } from '@/db/services/contact-merge';
import { reconcileCampaignCounters, reconcileReadStats } from '@/db/services/counters';
import { recordEntry, recordManualNote, type EntryInput } from '@/db/services/entries';
import { DomainError } from '@/lib/errors';
import { fromPaise } from '@/lib/money';
import { ulid } from '@/lib/ulid';
import { createDatabase, dropDatabase } from '@/scripts/local-db';

import { uniquePhone } from './helpers/factories';

// A database of its own: the recount covers every row, so no other test file's rows may be in it.
const url = (() => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = `${u.pathname}_counters`;
  return u.toString();
})();
let pool: ReturnType<typeof createPool>;
let db: Db;
let employeeId: string;

beforeAll(async () => {
  await dropDatabase(url);
  await createDatabase(url);
  await migrateDatabase(url);
  pool = createPool(url, 4);
  db = createDb(pool);
  employeeId = ulid();
  await db
    .insert(users)
    .values({ id: employeeId, name: 'Counter Emp', email: 'counters@t.test', password: 'x', role: 'employee' });
});

afterAll(async () => {
  await pool?.end();
  await dropDatabase(url);
});

const COMPANIES = 3;
const PHONES = 4; // 0 and 1 saved visitors, 2 and 3 unknown to the contacts
const STALLS = 3;
const DAYS = ['2031-01-05', '2031-01-06'];

/** One sequence's own small world: companies (with phones, for the backfill), visitors, a location, a campaign. */
async function world() {
  const tag = ulid().slice(-6);
  const companies = Array.from({ length: COMPANIES }, () => ({ id: ulid(), phone: uniquePhone() }));
  const phones = Array.from({ length: PHONES }, () => uniquePhone());
  const visitors = phones.slice(0, 2).map(() => ulid());
  await db
    .insert(contacts)
    .values([
      ...companies.map((c, i) => ({ id: c.id, type: 'exhibitor' as const, name: `Co ${tag} ${i}`, phone: c.phone })),
      ...visitors.map((id, i) => ({ id, type: 'visitor' as const, name: `Visitor ${tag} ${i}`, phone: phones[i]! })),
    ]);
  const locationName = `Hall ${tag}`;
  const [loc] = await db.insert(locations).values({ loc_name: locationName });
  const stallNames = Array.from({ length: STALLS }, (_, i) => `T-${i + 1}`);
  await db
    .insert(stalls)
    .values(stallNames.map((table_name) => ({ location_mngt_id: loc.insertId, table_name, price: '30000.00' })));
  const stallIds = (
    await rowsOf<{ id: number }>(
      db,
      sql`select ${stalls.id} as id from ${stalls} where ${stalls.location_mngt_id} = ${loc.insertId} order by ${stalls.id}`,
    )
  ).map((r) => Number(r.id));
  // A campaign that messaged phones 0 and 2 ten days ago (inside the 30-day window of every talk below).
  const campaignId = ulid();
  const sentAt = new Date(Date.now() - 10 * 86_400_000);
  await db.insert(campaigns).values({
    id: campaignId,
    name: `Campaign ${tag}`,
    status: 'sent',
    sent_at: sentAt,
    total_messages_sent: 2,
    total_recipients: 2,
  });
  await db.insert(campaignRecipients).values(
    [phones[0]!, phones[2]!].map((phone) => ({
      campaign_id: campaignId,
      phone,
      status: 'sent' as const,
      sent_at: sentAt,
    })),
  );
  return { companies, phones, visitors, locationName, stallNames, stallIds, campaignId };
}
type World = Awaited<ReturnType<typeof world>>;

const hoursAgo = fc.integer({ min: 0, max: 120 });
const money = fc.integer({ min: 1, max: 4 }).map((n) => n * 10_000_00); // paise
const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('talk' as const),
      company: fc.nat(COMPANIES - 1),
      phone: fc.nat(PHONES - 1),
      stall: fc.nat(STALLS), // STALLS: no stall
      outcome: fc.constantFrom('busy' as const, 'interested' as const, 'materialised' as const),
      bookingStall: fc.nat(STALLS - 1),
      day: fc.nat(DAYS.length - 1),
      price: money,
      paidShare: fc.constantFrom(0, 1, 2), // none, half, all
      campaign: fc.constantFrom('rule' as const, 'none' as const, 'chosen' as const),
      newVisitor: fc.boolean(),
      hoursAgo,
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('replay' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('pay' as const), booking: fc.nat(), amount: money, hoursAgo }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), booking: fc.nat(), hoursAgo }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('note' as const),
      company: fc.nat(COMPANIES - 1),
      phone: fc.nat(PHONES - 1),
      hoursAgo,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('merge' as const),
      type: fc.constantFrom('visitor' as const, 'exhibitor' as const),
      swap: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('legacyLead' as const),
      owner: fc.nat(COMPANIES), // COMPANIES: a visitor's phone
      outcome: fc.constantFrom('busy' as const, 'interested' as const, 'materialised' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('legacyBooking' as const),
      owner: fc.nat(COMPANIES),
      // exact: linked to its stall at once; spaced: only the backfill's looser match finds the location; none: no location
      place: fc.constantFrom('exact' as const, 'spaced' as const, 'none' as const),
      stall: fc.nat(STALLS - 1),
      day: fc.nat(DAYS.length - 1),
      price: money,
      paidShare: fc.constantFrom(0, 1, 2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('backfill' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('resolve' as const),
      row: fc.nat(),
      field: fc.constantFrom(...HAND_FIELDS.filter((f) => f === 'exhibitor_id' || f === 'table_id')),
      value: fc.nat(COMPANIES - 1),
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const paid = (price: number, share: number) => fromPaise(BigInt((price * share) / 2));
const at = (h: number) => new Date(Date.now() - h * 3_600_000);

/** Runs one operation through its service; a refusal (DomainError) is an outcome like any other. */
async function run(w: World, o: Op, state: { entries: EntryInput[]; bookings: string[]; legacy: LegacyRow[] }) {
  switch (o.k) {
    case 'talk': {
      const input: EntryInput = {
        idempotency_key: ulid(),
        exhibitor_id: w.companies[o.company]!.id,
        phone: w.phones[o.phone]!,
        table_id: o.stall < STALLS ? w.stallIds[o.stall]! : null,
        outcome: o.outcome,
        campaign_id: o.campaign === 'rule' ? undefined : o.campaign === 'none' ? null : w.campaignId,
        new_visitor_name: o.newVisitor ? 'Walk-in' : null,
        at: at(o.hoursAgo),
        booking:
          o.outcome === 'materialised'
            ? {
                table_id: w.stallIds[o.bookingStall]!,
                booking_date: DAYS[o.day]!,
                price: fromPaise(BigInt(o.price)),
                amount_paid: paid(o.price, o.paidShare),
              }
            : null,
      };
      state.entries.push(input);
      const r = await recordEntry(db, employeeId, input);
      if (r.booking) state.bookings.push(r.booking.id);
      return;
    }
    case 'replay': {
      const last = state.entries.at(-1);
      if (last) expect((await recordEntry(db, employeeId, last)).replayed).toBe(true);
      return;
    }
    case 'pay': {
      const id = state.bookings[o.booking % Math.max(1, state.bookings.length)];
      if (id)
        await recordPayment(db, employeeId, {
          idempotency_key: ulid(),
          booking_id: id,
          amount: fromPaise(BigInt(o.amount / 4)),
          at: at(o.hoursAgo),
        });
      return;
    }
    case 'cancel': {
      const id = state.bookings[o.booking % Math.max(1, state.bookings.length)];
      if (id) await cancelBooking(db, employeeId, { idempotency_key: ulid(), booking_id: id, at: at(o.hoursAgo) });
      return;
    }
    case 'note':
      await recordManualNote(db, employeeId, {
        idempotency_key: ulid(),
        exhibitor_id: w.companies[o.company]!.id,
        phone: w.phones[o.phone]!,
        notes: 'Called back',
        at: at(o.hoursAgo),
      });
      return;
    case 'merge': {
      const [a, b] = o.type === 'visitor' ? w.visitors : [w.companies[0]!.id, w.companies[1]!.id];
      await mergeContacts(db, employeeId, {
        idempotency_key: ulid(),
        type: o.type,
        survivor_id: o.swap ? b! : a!,
        merged_id: o.swap ? a! : b!,
      });
      return;
    }
    case 'legacyLead': {
      const phone = o.owner < COMPANIES ? w.companies[o.owner]!.phone : w.phones[0]!;
      const id = await createLegacyFollowUp(db, { phone, status: o.outcome, employee_id: employeeId });
      state.legacy.push({ entity: 'follow_up', id: String(id) });
      return;
    }
    case 'legacyBooking': {
      const phone = o.owner < COMPANIES ? w.companies[o.owner]!.phone : w.phones[1]!;
      const id = await createLegacyBooking(db, {
        phone,
        booking_date: DAYS[o.day]!,
        booking_location:
          o.place === 'exact' ? w.locationName : o.place === 'spaced' ? w.locationName.replace(' ', '   ') : null,
        table_no: w.stallNames[o.stall]!.replace('-', ' '),
        price: fromPaise(BigInt(o.price)),
        amount_paid: paid(o.price, o.paidShare),
        employee_id: employeeId,
      });
      state.legacy.push({ entity: 'booking', id });
      state.bookings.push(id);
      return;
    }
    case 'backfill': {
      const result = await runBackfill(db, { batchSize: 3 });
      // The batches moved every counter: the recount at the end had nothing to repair.
      expect(result.countersRepaired).toBe(0);
      return;
    }
    case 'resolve': {
      const row = state.legacy[o.row % Math.max(1, state.legacy.length)];
      if (!row || (row.entity === 'follow_up' && o.field === 'table_id')) return;
      await resolveByHand(db, employeeId, {
        entity: row.entity,
        row_id: row.id,
        field: o.field,
        value: o.field === 'exhibitor_id' ? w.companies[o.value]!.id : String(w.stallIds[o.value % STALLS]!),
      });
      return;
    }
  }
}
type LegacyRow = { entity: 'follow_up' | 'booking'; id: string };

/** What differs from the recount; a drift found is repaired before failing, so a shrunk sequence starts clean. */
async function drifts() {
  const found = [
    ...(await reconcileCampaignCounters(db, { fix: false })),
    ...(await reconcileReadStats(db, { fix: false })),
  ];
  if (found.length) {
    await reconcileCampaignCounters(db, { fix: true });
    await reconcileReadStats(db, { fix: true });
  }
  return found;
}

/** Two companies sell the same stall for the same day to a messaged visitor (the second is refused), then a payment. */
const sale = (company: number): Op => ({
  k: 'talk',
  company,
  phone: 0,
  stall: 0,
  outcome: 'materialised',
  bookingStall: 0,
  day: 0,
  price: 20_000_00,
  paidShare: 1,
  campaign: 'rule',
  newVisitor: false,
  hoursAgo: 2,
});
const reachesEveryPath: Op[] = [sale(0), sale(1), { k: 'pay', booking: 0, amount: 10_000_00, hoursAgo: 1 }];

// The counter statements go to the server together as one compound statement on MariaDB, one by one elsewhere (db/rows.ts): both paths.
describe.each([
  { path: 'sent together, as on MariaDB', together: true, numRuns: 40 },
  { path: 'sent one by one, as on MySQL', together: false, numRuns: 15 },
])('writes with their counter statements $path', ({ together, numRuns }) => {
  beforeAll(() => useCompoundStatements(together));
  afterAll(() => useCompoundStatements(null));

  it('every counter equals its recount after any sequence of writes', { timeout: 600_000 }, async () => {
    const refusals = new Map<string, number>();
    let ops = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (sequence) => {
        const w = await world();
        const state = { entries: [] as EntryInput[], bookings: [] as string[], legacy: [] as LegacyRow[] };
        for (const o of sequence) {
          ops++;
          try {
            await run(w, o, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
          }
        }
        expect(await drifts()).toEqual([]);
      }),
      // No shrinking: a sequence is at most 12 writes, and each shrink step re-runs them on the real database.
      // The first run is a fixed sequence that reaches the paths the checks below ask for, whatever the random ones draw.
      { numRuns, endOnFailure: true, examples: [[reachesEveryPath]] },
    );
    // The sequences reached the interesting paths: some writes were refused, and bookings were sold and moved.
    expect(ops).toBeGreaterThan(40);
    expect(refusals.size).toBeGreaterThan(0);
    const [sold] = await rowsOf<{ n: number | string }>(db, sql`select count(*) as n from ${bookings}`);
    expect(Number(sold!.n)).toBeGreaterThan(0);
    // …and campaigns brought companies leads or bookings: the company × campaign counters were compared too.
    const [pairs] = await rowsOf<{ n: number | string }>(
      db,
      sql`select count(*) as n from ${exhibitorCampaignStats} where ${exhibitorCampaignStats.leads} > 0 or ${exhibitorCampaignStats.bookings} > 0`,
    );
    expect(Number(pairs!.n)).toBeGreaterThan(0);
  });
});
