/**
 * Migrating an old Paridharan database forward in place: our
 * migrations on the old shape, the backfill (dry run, real run, second run,
 * interrupted run), the report, hand resolutions and the old write shapes.
 * Every expected outcome is worked out by hand from tests/helpers/legacy-fixture.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, type Db } from '@/db';
import { runBackfill } from '@/db/legacy/backfill';
import { createLegacyBooking, createLegacyFollowUp } from '@/db/legacy/old-write-shapes';
import { listUnresolved } from '@/db/legacy/resolutions';
import { resolveByHand } from '@/db/legacy/resolve';
import { locationKey, stallKey } from '@/db/legacy/stall-match';
import { migrateDatabase } from '@/db/migrate';
import { getCompanyKpis, listCompanies } from '@/db/queries/companies';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { reconcileReadStats } from '@/db/services/read-stats';
import { MONEY_VIEWER } from '@/lib/viewer';
import { dropDatabase } from '@/scripts/local-db';

import { B, buildOldShapeDatabase, C, K1, U1 } from './helpers/legacy-fixture';

const derivedUrl = (suffix: string) => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = `${u.pathname}_${suffix}`;
  return u.toString();
};
const urls = { straight: derivedUrl('legacy_a'), interrupted: derivedUrl('legacy_b') };
const pools: ReturnType<typeof createPool>[] = [];
const open = (url: string) => {
  const pool = createPool(url, 3);
  pools.push(pool);
  return createDb(pool);
};
async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const [r] = (await db.execute(query)) as unknown as [T[]];
  return r;
}
/** outcome / reason / value per "entity row field". */
async function decisions(db: Db) {
  const list = await rows<{
    entity: string;
    row_id: string;
    field: string;
    outcome: string;
    reason: string | null;
    value: string | null;
  }>(
    db,
    sql`select entity, row_id, field, outcome, reason, value from legacy_resolutions order by entity, row_id, field`,
  );
  return Object.fromEntries(list.map((r) => [`${r.entity} ${r.row_id} ${r.field}`, r]));
}
/** The data the backfill writes, without the random ids of new timeline rows. */
async function snapshot(db: Db) {
  return {
    contacts: await rows(db, sql`select id, phone from contacts order by id`),
    followUps: await rows(
      db,
      sql`select id, phone, visitor_id, exhibitor_id, conversation_id is not null as linked from follow_ups order by id`,
    ),
    bookings: await rows(
      db,
      sql`select id, phone, visitor_id, exhibitor_id, location_id, table_id, price, amount_paid, conversation_id is not null as linked from bookings order by id`,
    ),
    recipients: await rows(db, sql`select id, phone from campaign_recipients order by id`),
    conversations: await rows(
      db,
      sql`select exhibitor_id, kind, follow_up_id, booking_id, conversation_date from conversations order by exhibitor_id, conversation_date`,
    ),
    decisions: Object.values(await decisions(db)).map(({ value, ...d }) => ({
      ...d,
      value: d.field === 'conversation' ? (value ? 'set' : null) : value,
    })),
  };
}

let db: Db;
beforeAll(async () => {
  await buildOldShapeDatabase(urls.straight);
  await migrateDatabase(urls.straight);
  db = open(urls.straight);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await Promise.all(Object.values(urls).map((u) => dropDatabase(u)));
});

describe('our migrations on the old shape', () => {
  it('keep every row, convert the money, keep what did not convert, and the app reads the result', async () => {
    const [counts] = await rows<Record<string, number>>(
      db,
      sql`select (select count(*) from contacts) as contacts, (select count(*) from follow_ups) as follow_ups, (select count(*) from bookings) as bookings,
                 (select count(*) from campaign_recipients) as recipients, (select count(*) from location_mngt_table_details) as stalls`,
    );
    expect(Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)]))).toEqual({
      contacts: 6,
      follow_ups: 5,
      bookings: 8,
      recipients: 3,
      stalls: 7,
    });
    const money = await rows<{
      id: string;
      price: string | null;
      price_text: string | null;
      amount_paid: string | null;
      amount_paid_text: string | null;
      booking_date: string;
    }>(
      db,
      sql`select id, price, price_text, amount_paid, amount_paid_text, cast(booking_date as char) as booking_date from bookings order by id`,
    );
    expect(money.map((m) => [m.price, m.price_text, m.amount_paid, m.amount_paid_text])).toEqual([
      ['50000.00', '50,000', '50000.00', '50,000'],
      ['125000.00', '₹ 1,25,000', '25000.00', '25000'],
      ['40000.00', '40000', '45000.00', '45000'],
      [null, '1.5 lakh', '0.00', '0'], // not an amount: NULL beside its text, never 0
      [null, null, null, null],
      [null, '', null, ''],
      ['30000.00', '30000', '0.00', '0'],
      ['45000.50', 'Rs. 45000.50/-', '45000.50', 'Rs. 45000.50/-'],
    ]);
    expect(money[6]!.booking_date).toBe('0000-00-00'); // kept as it was
    // Latin-1 text came through the character-set conversion intact.
    const [jose] = await rows<{ name: string }>(db, sql`select name from contacts where id = ${C.jose}`);
    expect(jose!.name).toBe('José Fernandes');
    // The application's queries run on it.
    const list = await listCompanies(db, { sort: 'name', dir: 'asc', page: 1, pageSize: 10 }, MONEY_VIEWER);
    expect(list.rows.map((r) => r.name)).toEqual(['Kohinoor Crafts']);
    // Running the migrations again changes nothing.
    await migrateDatabase(urls.straight);
  });
});

describe('the backfill', () => {
  it('dry run: reports what it would do and keeps nothing', async () => {
    const before = await snapshot(db);
    const dry = await runBackfill(db, { dryRun: true, batchSize: 3 });
    expect(dry.dryRun).toBe(true);
    expect(dry.changedRows).toBeGreaterThan(0);
    expect(
      dry.counts.find((c) => c.entity === 'booking' && c.field === 'location_id' && c.outcome === 'resolved')?.rows,
    ).toBe(5);
    expect(await snapshot(db)).toEqual(before);
    expect(before.decisions).toEqual([]);
  });

  it('resolves what one rule allows, and says why for the rest', async () => {
    const result = await runBackfill(db, { batchSize: 3 });
    expect(result.stopped).toBe(false);
    const d = await decisions(db);
    const outcome = (key: string) => [d[key]?.outcome, d[key]?.value ?? d[key]?.reason];
    // Phones: E.164, or unresolved when not a phone; a recipient that would collide with another stays as typed.
    expect(outcome(`contact ${C.asha} phone`)).toEqual(['resolved', '+919876543210']);
    expect(outcome(`contact ${C.noPhone} phone`)).toEqual(['unresolved', 'Not a valid phone number.']);
    expect(outcome('follow_up 3 phone')).toEqual(['unresolved', 'Not a valid phone number.']);
    expect(outcome('recipient 1 phone')).toEqual([
      'unresolved',
      'Becomes +919876543210, which this campaign already has: kept as typed.',
    ]);
    expect(outcome('recipient 3 phone')).toEqual(['resolved', '+919876543212']);
    // Visitors: exactly one contact with the phone; a company's own phone makes the row the company's.
    expect(outcome('follow_up 1 visitor_id')).toEqual(['resolved', C.asha]);
    expect(outcome('follow_up 2 visitor_id')).toEqual(['ambiguous', '2 contacts share this phone.']);
    expect(outcome('follow_up 3 visitor_id')).toEqual([
      'unresolved',
      'The phone is not valid, so no contact can be matched.',
    ]);
    expect(outcome('follow_up 4 exhibitor_id')).toEqual(['resolved', C.kohinoor]);
    expect(outcome('follow_up 5 visitor_id')).toEqual(['unresolved', 'No contact has this phone.']);
    expect(outcome(`booking ${B.b2} exhibitor_id`)).toEqual(['resolved', C.kohinoor]);
    expect(outcome(`booking ${B.b4} visitor_id`)).toEqual(['resolved', C.jose]);
    expect(outcome(`booking ${B.b5} visitor_id`)).toEqual(['unresolved', 'No phone.']);
    // Locations: case and spaces ignored, nothing looser.
    expect(outcome(`booking ${B.b2} location_id`)).toEqual(['resolved', '2']);
    expect(outcome(`booking ${B.b4} location_id`)).toEqual(['ambiguous', '2 locations have this name.']);
    expect(outcome(`booking ${B.b7} location_id`)).toEqual(['unresolved', 'No location given.']);
    expect(outcome(`booking ${B.b8} location_id`)).toEqual(['unresolved', 'No location has this name.']);
    // Stalls of that location: "12" means the one stall numbered 12 there; "7" could be B-7 or A-7.
    expect(outcome(`booking ${B.b1} table_id`)).toEqual(['resolved', '1']);
    expect(outcome(`booking ${B.b2} table_id`)).toEqual(['resolved', '5']);
    expect(outcome(`booking ${B.b3} table_id`)).toEqual([
      'unresolved',
      'T-12 is already sold for 2025-02-14 to another booking: left unlinked.',
    ]);
    expect(outcome(`booking ${B.b4} table_id`)).toEqual([
      'unresolved',
      'The location is not known, so the stall cannot be matched.',
    ]);
    expect(outcome(`booking ${B.b5} table_id`)).toEqual([
      'ambiguous',
      '2 stalls of this location could be meant (A-7, B-7).',
    ]);
    expect(outcome(`booking ${B.b6} table_id`)).toEqual([
      'unresolved',
      'A stall of this name exists, but not in this location.',
    ]);
    expect(outcome(`booking ${B.b7} table_id`)).toEqual(['unresolved', 'No stall given.']);
    // Amounts: reported, never rewritten.
    expect(outcome(`booking ${B.b3} amounts`)).toEqual([
      'unresolved',
      '₹45,000.00 paid is more than the price ₹40,000.00.',
    ]);
    expect(outcome(`booking ${B.b4} amounts`)).toEqual([
      'unresolved',
      'The price "1.5 lakh" is not an amount (kept as text).',
    ]);
    expect(outcome(`booking ${B.b5} amounts`)).toEqual(['unresolved', 'No price.']);
    expect(d[`booking ${B.b1} amounts`]).toBeUndefined();
    expect(d[`booking ${B.b8} amounts`]).toBeUndefined();
    // A user who no longer exists: reported, row kept.
    expect(outcome('follow_up 5 employee_id')).toEqual([
      'unresolved',
      'The employee no longer exists (the row is kept).',
    ]);
    // Timelines: rows of a known company are imported, linked both ways; the others say why not.
    expect(d['follow_up 4 conversation']?.outcome).toBe('resolved');
    expect(d[`booking ${B.b2} conversation`]?.outcome).toBe('resolved');
    expect(outcome('follow_up 1 conversation')).toEqual([
      'unresolved',
      'No company is known for this lead, so it is on no company’s timeline.',
    ]);
    const timeline = await rows<{
      kind: string;
      follow_up_id: number | null;
      booking_id: string | null;
      fu_link: string | null;
      b_link: string | null;
      id: string;
    }>(
      db,
      sql`select x.id, x.kind, x.follow_up_id, x.booking_id, f.conversation_id as fu_link, b.conversation_id as b_link
          from conversations x left join follow_ups f on f.id = x.follow_up_id left join bookings b on b.id = x.booking_id
          where x.exhibitor_id = ${C.kohinoor} order by x.conversation_date`,
    );
    expect(timeline.map((t) => [t.kind, t.follow_up_id, t.booking_id, t.fu_link ?? t.b_link])).toEqual([
      ['import', 4, null, timeline[0]!.id],
      ['import', null, B.b2, timeline[1]!.id],
    ]);
    // Counters recounted: the campaign's two sent messages; the company's lead and booking.
    expect(await reconcileCampaignCounters(db, { fix: false })).toEqual([]);
    expect(await reconcileReadStats(db, { fix: false })).toEqual([]);
    const [campaign] = await rows<{ sent: number }>(
      db,
      sql`select total_messages_sent as sent from campaigns where id = ${K1}`,
    );
    expect(Number(campaign!.sent)).toBe(2);
    expect(await getCompanyKpis(db, C.kohinoor, MONEY_VIEWER)).toEqual({
      leads: 1,
      talks: 0,
      bookings: 1,
      collected: '25000.00',
      booked: '125000.00',
      outstanding: '100000.00',
    });
    // The report lists every ambiguous and unresolved row.
    const report = await listUnresolved(db, { limit: 1000 });
    expect(report.length).toBe(Object.values(d).filter((r) => r.outcome !== 'resolved').length);
    expect(report.find((r) => r.row_id === B.b4 && r.field === 'amounts')).toMatchObject({ original: '1.5 lakh' });
    // Paged two at a time, the report holds the same rows once each, in the same order.
    const paged: typeof report = [];
    for (let after = null as (typeof report)[number] | null; ;) {
      const page = await listUnresolved(db, { after, limit: 2 });
      paged.push(...page);
      if (page.length < 2) break;
      after = page[page.length - 1]!;
    }
    expect(paged).toEqual(report);
  });

  it('a second run changes nothing', async () => {
    const before = await snapshot(db);
    const again = await runBackfill(db, { batchSize: 3 });
    expect(again.changedRows).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a run killed part-way continues correctly and ends where an uninterrupted run ends', async () => {
    await buildOldShapeDatabase(urls.interrupted);
    await migrateDatabase(urls.interrupted);
    const other = open(urls.interrupted);
    const first = await runBackfill(other, { batchSize: 2, stopAfterBatches: 4 });
    expect(first.stopped).toBe(true);
    const second = await runBackfill(other, { batchSize: 2, stopAfterBatches: 11 });
    expect(second.stopped).toBe(true);
    const last = await runBackfill(other, { batchSize: 2 });
    expect(last.stopped).toBe(false);
    expect(await snapshot(other)).toEqual(await snapshot(db));
  });

  it('keeps a hand resolution, and builds on it', async () => {
    // B4's location was ambiguous: an admin picks location 3; the next run then finds its stall T-1 there.
    await resolveByHand(db, U1, { entity: 'booking', row_id: B.b4, field: 'location_id', value: '3' });
    // B5 "7" was ambiguous: the admin picks B-7 (stall 3).
    await resolveByHand(db, U1, { entity: 'booking', row_id: B.b5, field: 'table_id', value: '3' });
    await expect(
      resolveByHand(db, U1, { entity: 'booking', row_id: B.b3, field: 'table_id', value: '1' }),
    ).rejects.toMatchObject({ code: 'STALL_TAKEN' });
    await expect(
      resolveByHand(db, U1, { entity: 'booking', row_id: B.b6, field: 'table_id', value: '5' }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await expect(
      resolveByHand(db, U1, { entity: 'follow_up', row_id: '2', field: 'exhibitor_id', value: C.ravi }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await resolveByHand(db, U1, { entity: 'follow_up', row_id: '2', field: 'visitor_id', value: C.raviAgain });
    await runBackfill(db, { batchSize: 3 });
    const d = await decisions(db);
    expect([d[`booking ${B.b4} location_id`]?.outcome, d[`booking ${B.b4} location_id`]?.value]).toEqual([
      'by_hand',
      '3',
    ]);
    expect([d[`booking ${B.b4} table_id`]?.outcome, d[`booking ${B.b4} table_id`]?.value]).toEqual(['resolved', '7']);
    expect([d[`booking ${B.b5} table_id`]?.outcome, d[`booking ${B.b5} table_id`]?.value]).toEqual(['by_hand', '3']);
    expect([d['follow_up 2 visitor_id']?.outcome, d['follow_up 2 visitor_id']?.value]).toEqual([
      'by_hand',
      C.raviAgain,
    ]);
    const [b5] = await rows<{ table_id: number }>(db, sql`select table_id from bookings where id = ${B.b5}`);
    expect(Number(b5!.table_id)).toBe(3);
  });
});

describe('backward compatibility (§7) on the migrated database', () => {
  it('the old write shapes work and the old queries return the right rows', async () => {
    const fu = await createLegacyFollowUp(db, {
      phone: '98765 43210',
      status: 'busy',
      comment: 'Old screen',
      employee_id: U1,
    });
    const booking = await createLegacyBooking(db, {
      phone: '9876543210',
      booking_date: '2025-03-01',
      booking_location: 'PRAGATI MAIDAN',
      table_no: 'T-13',
      price: '50000.00',
      employee_id: U1,
    });
    const byPhone = await rows<{ id: number }>(
      db,
      sql`select id from follow_ups where phone = '+919876543210' order by id`,
    );
    expect(byPhone.map((r) => Number(r.id))).toEqual([1, fu]);
    // The column's collation ignores case, as the old app's did: the new booking typed in capitals is found too.
    const byLocation = await rows<{ id: string }>(
      db,
      sql`select id from bookings where booking_location = 'Pragati Maidan' order by id`,
    );
    expect(byLocation.map((r) => r.id)).toEqual([B.b1, B.b3, B.b5, B.b6, booking]);
    const [b] = await rows<{ location_id: number; table_id: number }>(
      db,
      sql`select location_id, table_id from bookings where id = ${booking}`,
    );
    expect([Number(b!.location_id), Number(b!.table_id)]).toEqual([1, 2]);
  });
});

describe('matching keys', () => {
  it('read stall and location names the way people typed them, and nothing looser', () => {
    expect(['T-12', 't12', 'T 12', 'Table 12', 'table-12', 'Stall No. 12'].map(stallKey)).toEqual([
      't12',
      't12',
      't12',
      't12',
      't12',
      't12',
    ]);
    expect(stallKey('12')).toBe('12');
    expect(stallKey('B-7')).toBe('b7');
    expect(stallKey('Table H2-11')).toBe(stallKey('H2-11'));
    expect(locationKey('  HITEX   Hyderabad ')).toBe('hitex hyderabad');
  });
});
