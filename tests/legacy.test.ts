import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, db, type Db } from '@/db';
import { runBackfill } from '@/db/legacy/backfill';
import { createLegacyBooking, createLegacyFollowUp } from '@/db/legacy/old-write-shapes';
import { indexStalls, matchStall } from '@/db/legacy/stall-match';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf } from '@/db/rows';
import { bookings, followUps } from '@/db/schema';
import { ulid } from '@/lib/ulid';
import { dropDatabase } from '@/scripts/local-db';

import { makeLocation, makeUser } from './helpers/factories';
import { buildStallNamesDatabase, STALL_CASES, stallCaseId } from './helpers/legacy-fixture';

const employee = async () => (await makeUser({ name: 'Old App' })).id;

describe('old callers keep working (§7)', () => {
  it('a follow-up with only phone and status is stored, found by the old phone query', async () => {
    const emp = await employee();
    const id = await createLegacyFollowUp(db, {
      phone: '098765 11111',
      status: 'busy',
      comment: 'call later',
      employee_id: emp,
    });
    const rows = await db
      .select({ id: followUps.id, exhibitor_id: followUps.exhibitor_id })
      .from(followUps)
      .where(eq(followUps.phone, '+919876511111'));
    expect(rows).toContainEqual({ id, exhibitor_id: null });
  });

  it('a booking with only location and stall strings is stored, found by the old booking_location query, and still sold once', async () => {
    const emp = await employee();
    const name = `Mumbai ${ulid().slice(-6)}`;
    const loc = await makeLocation({ name, stalls: ['Table 1'], event: null });
    const id = await createLegacyBooking(db, {
      phone: '9876522222',
      booking_date: '2027-03-01',
      booking_location: ` ${name.toUpperCase()} `,
      table_no: 'table 1',
      price: '50000',
      amount_paid: '50000',
      employee_id: emp,
    });
    const [b] = await db
      .select()
      .from(bookings)
      .where(eq(bookings.booking_location, ` ${name.toUpperCase()} `));
    expect(b).toMatchObject({
      id,
      location_id: loc.locationId,
      table_id: loc.stallIds[0],
      amount_status: 'paid',
      price: '50000.00',
      table_no: 'table 1',
    });
    await expect(
      createLegacyBooking(db, {
        phone: '9876533333',
        booking_date: '2027-03-01',
        booking_location: name,
        table_no: 'Table 1',
        price: '50000',
        employee_id: emp,
      }),
    ).rejects.toMatchObject({ code: 'STALL_TAKEN' });
    // A location the strings do not name exactly stays as text only.
    const other = await createLegacyBooking(db, {
      phone: '9876544444',
      booking_date: '2027-03-01',
      booking_location: 'Somewhere else',
      table_no: 'T-9',
      price: '1000',
      employee_id: emp,
    });
    const [o] = await db
      .select({ location_id: bookings.location_id, amount_status: bookings.amount_status })
      .from(bookings)
      .where(eq(bookings.id, other));
    expect(o).toEqual({ location_id: null, amount_status: 'unpaid' });
  });

  it('refuses an old-shape booking paid above its price', async () => {
    const emp = await employee();
    await expect(
      createLegacyBooking(db, {
        phone: '9876555555',
        booking_date: '2027-03-01',
        price: '100',
        amount_paid: '200',
        employee_id: emp,
      }),
    ).rejects.toMatchObject({ code: 'PAYMENT_EXCEEDS_PRICE' });
  });
});

describe('legacy stall matching: the exact name wins, numbers only without one', () => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = `${u.pathname}_stalls`;
  const url = u.toString();
  const pool = createPool(url, 2);
  let old: Db;
  beforeAll(async () => {
    await buildStallNamesDatabase(url);
    await migrateDatabase(url);
    old = createDb(pool);
  });
  afterAll(async () => {
    await pool.end();
    await dropDatabase(url);
  });

  // Worked out by hand from the rule. Stalls: Hall Both 1 `T-5`, 2 `Stall 5`; Hall One 3 `T-5`; Hall Twins 4 `T-5`, 5 `T5`.
  const bothByNumber = ['ambiguous', '2 stalls of this location could be meant (Stall 5, T-5).'];
  const expected: Record<(typeof STALL_CASES)[number][0], Record<string, string[]>> = {
    'Hall Both': {
      'T-5': ['resolved', '1'],
      't 5': ['resolved', '1'],
      t5: ['resolved', '1'],
      ' T – 5 ': ['resolved', '1'], // an en dash and stray spaces are still the name T-5
      'Stall 5': ['resolved', '2'],
      'stall-5': ['resolved', '2'],
      // No stall is named so: both T-5 and Stall 5 are "number 5".
      'Table 5': bothByNumber,
      '5': bothByNumber,
      'Stall No. 5': bothByNumber,
    },
    'Hall One': {
      'Table 5': ['resolved', '3'],
      '5': ['resolved', '3'],
      'Stall 5': ['resolved', '3'],
      't 5': ['resolved', '3'],
      'T-6': ['unresolved', 'No stall of this location has this name.'],
    },
    'Hall Twins': {
      // Two stalls have the name exactly (ignoring the dash): still ambiguous.
      'T-5': ['ambiguous', '2 stalls of this location have this name (T-5, T5).'],
      't 5': ['ambiguous', '2 stalls of this location have this name (T-5, T5).'],
      'Table 5': ['ambiguous', '2 stalls of this location could be meant (T-5, T5).'],
    },
  };

  it('links each booking by the rule and says why for the rest', async () => {
    const result = await runBackfill(old, { batchSize: 4 });
    expect(result.stopped).toBe(false);
    const decided = await rowsOf<{ row_id: string; outcome: string; reason: string | null; value: string | null }>(
      old,
      sql`select row_id, outcome, reason, value from legacy_resolutions where entity = 'booking' and field = 'table_id'`,
    );
    const byRow = new Map(decided.map((d) => [d.row_id, [d.outcome, d.value ?? d.reason]]));
    const linked = new Map(
      (await rowsOf<{ id: string; table_id: unknown }>(old, sql`select id, table_id from bookings`)).map((b) => [
        b.id,
        b.table_id === null ? null : String(b.table_id),
      ]),
    );
    const seen = STALL_CASES.map(([location, typed], i) => ({
      location,
      typed,
      decision: byRow.get(stallCaseId(i)),
      table_id: linked.get(stallCaseId(i)),
    }));
    const want = STALL_CASES.map(([location, typed]) => {
      const decision = expected[location][typed]!;
      return { location, typed, decision, table_id: decision[0] === 'resolved' ? decision[1] : null };
    });
    expect(seen).toEqual(want);
  });

  it('tells a match by name from one by number', () => {
    const index = indexStalls([
      { id: 1, location_id: 1, name: 'T-5' },
      { id: 2, location_id: 1, name: 'Stall 5' },
      { id: 3, location_id: 2, name: 'T-5' },
    ]);
    expect(matchStall(index, 1, 'T 5')).toMatchObject({ kind: 'one', by: 'name', stall: { id: 1 } });
    expect(matchStall(index, 2, 'Table 5')).toMatchObject({ kind: 'one', by: 'number', stall: { id: 3 } });
    expect(matchStall(index, 1, '05')).toMatchObject({ kind: 'many', by: 'number' });
    expect(matchStall(index, 2, 'Stall 05')).toEqual({ kind: 'none', elsewhere: false });
    expect(matchStall(index, 3, 'Stall 5')).toEqual({ kind: 'none', elsewhere: true });
  });
});
