/**
 * The read counters of the company views (db/schema/stats.ts, moved by the
 * services through db/services/counters.ts): after every kind of write
 * they equal a recount, their values are worked out by hand, and the
 * reconcile finds and repairs drift (a hand-run UPDATE moves nothing).
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { createLegacyBooking, createLegacyFollowUp } from '@/db/legacy/old-write-shapes';
import { resolveByHand } from '@/db/legacy/resolve';
import { bookings, exhibitorStallStats, exhibitorStats, stallStats } from '@/db/schema';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { recordEntry, recordManualNote, type EntryInput } from '@/db/services/entries';
import { reconcileReadStats } from '@/db/services/read-stats';
import { ulid } from '@/lib/ulid';

import { makeConversation, makeExhibitor, makeLocation, makeUser } from './helpers/factories';

async function world() {
  const tag = ulid().slice(-8);
  const employee = await makeUser({ name: `Emp ${tag}`, email: `stats-${tag}@t.test` });
  const exhibitor = await makeExhibitor({ name: `Stats Co ${tag}`, company_name: null, phone: null });
  const location = await makeLocation({
    name: `Stats Hall ${tag}`,
    stalls: [
      { name: 'S-1', price: '50000.00' },
      { name: 'S-2', price: '75000.00' },
    ],
    event: null,
  });
  const [stall1, stall2] = location.stallIds as [number, number];
  const digits = BigInt('0x' + Buffer.from(tag).toString('hex')) % 10_000_000n;
  const phone = (n: number) => `+9197${digits.toString().padStart(7, '0')}${n}`.slice(0, 13);
  return {
    tag,
    employeeId: employee.id,
    exhibitorId: exhibitor.id,
    location: location.name,
    locationId: location.locationId,
    stall1,
    stall2,
    phone,
  };
}
type World = Awaited<ReturnType<typeof world>>;

const talk = (w: World, n: number, over: Partial<EntryInput> = {}): EntryInput => ({
  idempotency_key: ulid(),
  exhibitor_id: w.exhibitorId,
  phone: w.phone(n),
  table_id: w.stall1,
  outcome: 'interested',
  campaign_id: null,
  ...over,
});

async function company(w: World) {
  const [row] = await db.select().from(exhibitorStats).where(eq(exhibitorStats.exhibitor_id, w.exhibitorId));
  return row
    ? {
        leads: row.leads,
        talks: row.talks,
        bookings: row.bookings,
        collected: row.collected,
        booked: row.booked,
        last: row.last_conversation_at,
      }
    : null;
}
async function stall(id: number) {
  const [row] = await db.select().from(stallStats).where(eq(stallStats.table_id, id));
  return row ? { talks: row.talks, bookings: row.bookings, collected: row.collected, booked: row.booked } : null;
}
async function companyStall(w: World, id: number) {
  const [row] = await db
    .select()
    .from(exhibitorStallStats)
    .where(sql`${exhibitorStallStats.exhibitor_id} = ${w.exhibitorId} and ${exhibitorStallStats.table_id} = ${id}`);
  return row ? { talks: row.talks, bookings: row.bookings, collected: row.collected, booked: row.booked } : null;
}
/** No counter anywhere differs from its recount (other test files write concurrently; each of their writes commits with its counters). */
async function expectNoDrift() {
  expect(await reconcileReadStats(db, { fix: false })).toEqual([]);
}

describe('read counters follow every write', () => {
  it('booth talks, a sale, a payment, a cancellation and a manual note', async () => {
    const w = await world();
    const t1 = new Date('2026-03-01T10:00:00Z');
    await recordEntry(db, w.employeeId, talk(w, 1, { at: t1 }));
    // The same visitor again: the lead continues (still 1 lead), a second talk.
    await recordEntry(db, w.employeeId, talk(w, 1, { outcome: 'busy', at: new Date('2026-03-01T11:00:00Z') }));
    expect(await company(w)).toEqual({
      leads: 1,
      talks: 2,
      bookings: 0,
      collected: '0.00',
      booked: '0.00',
      last: new Date('2026-03-01T11:00:00Z'),
    });
    expect(await stall(w.stall1)).toEqual({ talks: 2, bookings: 0, collected: '0.00', booked: '0.00' });

    // A sale of stall 2 made while talking at stall 1: the talk counts for stall 1, the booking for stall 2.
    const s = await recordEntry(
      db,
      w.employeeId,
      talk(w, 2, {
        outcome: 'materialised',
        booking: { table_id: w.stall2, booking_date: '2099-02-01', price: '75000.00', amount_paid: '20000.00' },
        at: new Date('2026-03-02T09:00:00Z'),
      }),
    );
    await recordPayment(db, w.employeeId, {
      idempotency_key: ulid(),
      booking_id: s.booking!.id,
      amount: '15000.50',
      at: new Date('2026-03-03T09:00:00Z'),
    });
    expect(await company(w)).toEqual({
      leads: 2,
      talks: 3,
      bookings: 1,
      collected: '35000.50',
      booked: '75000.00',
      last: new Date('2026-03-03T09:00:00Z'),
    });
    expect(await stall(w.stall1)).toEqual({ talks: 3, bookings: 0, collected: '0.00', booked: '0.00' });
    expect(await stall(w.stall2)).toEqual({ talks: 0, bookings: 1, collected: '35000.50', booked: '75000.00' });
    expect(await companyStall(w, w.stall2)).toEqual({
      talks: 0,
      bookings: 1,
      collected: '35000.50',
      booked: '75000.00',
    });

    // A manual note is a conversation (last date moves) but not a talk.
    await recordManualNote(db, w.employeeId, {
      idempotency_key: ulid(),
      exhibitor_id: w.exhibitorId,
      phone: w.phone(1),
      notes: 'Called back',
      at: new Date('2026-03-04T09:00:00Z'),
    });
    await cancelBooking(db, w.employeeId, {
      idempotency_key: ulid(),
      booking_id: s.booking!.id,
      at: new Date('2026-03-05T09:00:00Z'),
    });
    expect(await company(w)).toEqual({
      leads: 2,
      talks: 3,
      bookings: 0,
      collected: '0.00',
      booked: '0.00',
      last: new Date('2026-03-05T09:00:00Z'),
    });
    expect(await stall(w.stall2)).toEqual({ talks: 0, bookings: 0, collected: '0.00', booked: '0.00' });
    await expectNoDrift();
  });

  it('a refused write moves nothing', async () => {
    const w = await world();
    await recordEntry(
      db,
      w.employeeId,
      talk(w, 1, {
        outcome: 'materialised',
        booking: { booking_date: '2099-03-01', price: '50000.00', amount_paid: '50000.00' },
      }),
    );
    const before = [await company(w), await stall(w.stall1)];
    await expect(
      recordEntry(
        db,
        w.employeeId,
        talk(w, 2, {
          outcome: 'materialised',
          booking: { booking_date: '2099-03-01', price: '50000.00', amount_paid: '1.00' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'STALL_TAKEN' });
    expect([await company(w), await stall(w.stall1)]).toEqual(before);
  });

  it('the old write shapes and hand resolutions', async () => {
    const w = await world();
    // A legacy follow-up has no company: no company counter moves.
    const leadId = await createLegacyFollowUp(db, {
      phone: w.phone(3),
      status: 'interested',
      employee_id: w.employeeId,
    });
    // A legacy booking names the location and stall in text: the stall's counters move.
    const id = await createLegacyBooking(db, {
      phone: w.phone(3),
      booking_date: '2099-04-01',
      booking_location: ` ${w.location.toUpperCase()} `,
      table_no: 's-1',
      price: '40000.00',
      amount_paid: '10000.00',
      employee_id: w.employeeId,
    });
    expect(await stall(w.stall1)).toEqual({ talks: 0, bookings: 1, collected: '10000.00', booked: '40000.00' });
    expect(await company(w)).toBeNull();
    // An admin links it to the company and moves it to the other stall of its location, by hand.
    await resolveByHand(db, w.employeeId, {
      entity: 'booking',
      row_id: id,
      field: 'exhibitor_id',
      value: w.exhibitorId,
    });
    expect(await companyStall(w, w.stall1)).toEqual({
      talks: 0,
      bookings: 1,
      collected: '10000.00',
      booked: '40000.00',
    });
    await resolveByHand(db, w.employeeId, {
      entity: 'booking',
      row_id: id,
      field: 'table_id',
      value: String(w.stall2),
    });
    expect(await stall(w.stall1)).toEqual({ talks: 0, bookings: 0, collected: '0.00', booked: '0.00' });
    expect(await companyStall(w, w.stall1)).toEqual({ talks: 0, bookings: 0, collected: '0.00', booked: '0.00' });
    expect(await companyStall(w, w.stall2)).toEqual({
      talks: 0,
      bookings: 1,
      collected: '10000.00',
      booked: '40000.00',
    });
    expect(await company(w)).toMatchObject({ bookings: 1, collected: '10000.00', booked: '40000.00' });
    // An imported conversation (the factory counts it as the backfill does) and the lead given to the company by hand.
    await makeConversation({
      employeeId: w.employeeId,
      exhibitorId: w.exhibitorId,
      over: {
        table_id: w.stall2,
        outcome: 'materialised',
        kind: 'import',
        conversation_date: new Date('2025-01-01T00:00:00Z'),
      },
    });
    await resolveByHand(db, w.employeeId, {
      entity: 'follow_up',
      row_id: String(leadId),
      field: 'exhibitor_id',
      value: w.exhibitorId,
    });
    expect(await company(w)).toEqual({
      leads: 1,
      talks: 0,
      bookings: 1,
      collected: '10000.00',
      booked: '40000.00',
      last: new Date('2025-01-01T00:00:00Z'),
    });
    await expectNoDrift();
  });

  it('a hand-run UPDATE moves nothing (no triggers): the reconcile finds it and repairs it', async () => {
    const w = await world();
    const r = await recordEntry(
      db,
      w.employeeId,
      talk(w, 4, {
        outcome: 'materialised',
        booking: { booking_date: '2099-05-01', price: '50000.00', amount_paid: '20000.00' },
      }),
    );
    await db.update(bookings).set({ table_id: w.stall2 }).where(eq(bookings.id, r.booking!.id));
    expect(await stall(w.stall1)).toMatchObject({ bookings: 1 });
    const drifts = (await reconcileReadStats(db, { fix: false })).filter((d) =>
      [String(w.stall1), String(w.stall2), `${w.exhibitorId}/${w.stall1}`, `${w.exhibitorId}/${w.stall2}`].includes(
        d.key,
      ),
    );
    expect(drifts).toEqual(
      expect.arrayContaining([
        { table: 'stall_stats', key: String(w.stall1), field: 'bookings', stored: '1', actual: '0' },
        { table: 'stall_stats', key: String(w.stall2), field: 'bookings', stored: '0', actual: '1' },
      ]),
    );
    await reconcileReadStats(db, { fix: true });
    await expectNoDrift();
  });
});

describe('reconcile', () => {
  it('finds a drifted counter and repairs it', async () => {
    const w = await world();
    await recordEntry(db, w.employeeId, talk(w, 1));
    await db
      .update(exhibitorStats)
      .set({ leads: 7, collected: '99.99' })
      .where(eq(exhibitorStats.exhibitor_id, w.exhibitorId));
    await db.delete(stallStats).where(eq(stallStats.table_id, w.stall1));
    const found = await reconcileReadStats(db, { fix: false });
    expect(found).toEqual(
      expect.arrayContaining([
        { table: 'exhibitor_stats', key: w.exhibitorId, field: 'leads', stored: '7', actual: '1' },
        { table: 'exhibitor_stats', key: w.exhibitorId, field: 'collected', stored: '99.99', actual: '0.00' },
        { table: 'stall_stats', key: String(w.stall1), field: 'talks', stored: '0', actual: '1' },
      ]),
    );
    await reconcileReadStats(db, { fix: true });
    expect(await company(w)).toMatchObject({ leads: 1, talks: 1, collected: '0.00' });
    expect(await stall(w.stall1)).toEqual({ talks: 1, bookings: 0, collected: '0.00', booked: '0.00' });
    await expectNoDrift();
  });
});
