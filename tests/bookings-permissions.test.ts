/**
 * Who may cancel a booking (DESIGN.md "Roles"): the employee who recorded it,
 * or a manager or admin. Anyone else is refused and nothing is written — not
 * the cancellation, not the timeline entry, not the counters, not the key.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { bookings, contacts, conversations, idempotencyKeys } from '@/db/schema';
import { cancelBooking, mayCancel, recordPayment } from '@/db/services/bookings';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';

import { campaignTotals, errorOf, makeUser, makeWorld, recordTalk, uniquePhone } from './helpers/factories';

/** A booking recorded by the world's employee through the booth service, so counters and timeline are real. */
async function bookedWorld() {
  const w = await makeWorld();
  const entry = await recordTalk(w.employee.id, {
    exhibitor_id: w.exhibitor.id,
    phone: uniquePhone(),
    table_id: w.location.stallIds[0]!,
    campaign_id: w.campaign.id,
    outcome: 'materialised',
    notes: 'Signed for the corner stall',
    booking: { booking_date: '2027-01-12', price: '50000.00', amount_paid: '20000.00' },
  });
  return { ...w, bookingId: entry.booking!.id };
}

async function state(w: Awaited<ReturnType<typeof bookedWorld>>) {
  const [b] = await db
    .select({ cancelled_at: bookings.cancelled_at })
    .from(bookings)
    .where(eq(bookings.id, w.bookingId));
  const c = await campaignTotals(w.campaign.id);
  const [t] = (await db.execute(
    sql`select count(*) as n from ${conversations} where ${conversations.booking_id} = ${w.bookingId}`,
  )) as unknown as [[{ n: number }]];
  return { cancelled: b!.cancelled_at !== null, bookings: c.bookings, revenue: c.revenue, timeline: Number(t[0]!.n) };
}

describe('cancelling a booking: who may', () => {
  it('the rule: recorder, manager or admin', () => {
    expect(mayCancel({ id: 'A', role: 'employee' }, { employee_id: 'A' })).toBe(true);
    expect(mayCancel({ id: 'B', role: 'employee' }, { employee_id: 'A' })).toBe(false);
    expect(mayCancel({ id: 'B', role: 'employee' }, { employee_id: null })).toBe(false);
    expect(mayCancel({ id: 'B', role: 'manager' }, { employee_id: 'A' })).toBe(true);
    expect(mayCancel({ id: 'B', role: 'admin' }, { employee_id: null })).toBe(true);
  });

  it('another employee is refused with a message, and nothing is written (not even the key)', async () => {
    const w = await bookedWorld();
    const other = await makeUser({ role: 'employee' });
    const before = await state(w);
    expect(before).toEqual({ cancelled: false, bookings: 1, revenue: '20000.00', timeline: 1 });

    const key = ulid();
    const error = await errorOf(
      cancelBooking(db, { id: other.id, role: 'employee' }, { idempotency_key: key, booking_id: w.bookingId }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      'Only the employee who recorded this booking, or a manager or admin, can cancel it.',
    );
    expect(await state(w)).toEqual(before);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([]);
  });

  it('the employee who recorded it may cancel it', async () => {
    const w = await bookedWorld();
    const r = await cancelBooking(
      db,
      { id: w.employee.id, role: 'employee' },
      { idempotency_key: ulid(), booking_id: w.bookingId },
    );
    expect(r).toMatchObject({ bookingId: w.bookingId, cancelled: true, replayed: false });
    expect(await state(w)).toEqual({ cancelled: true, bookings: 0, revenue: '0.00', timeline: 2 });
  });

  for (const role of ['manager', 'admin'] as const) {
    it(`a ${role} may cancel anyone’s booking, and the cancellation is theirs on the timeline`, async () => {
      const w = await bookedWorld();
      const boss = await makeUser({ role });
      await cancelBooking(db, { id: boss.id, role }, { idempotency_key: ulid(), booking_id: w.bookingId });
      expect(await state(w)).toEqual({ cancelled: true, bookings: 0, revenue: '0.00', timeline: 2 });
      const [entry] = await db
        .select({ employee_id: conversations.employee_id })
        .from(conversations)
        .where(sql`${conversations.booking_id} = ${w.bookingId} and ${conversations.kind} = 'cancellation'`);
      expect(entry?.employee_id).toBe(boss.id);
    });
  }

  it('a refused attempt does not block the recorder afterwards', async () => {
    const w = await bookedWorld();
    const other = await makeUser({ role: 'employee' });
    await errorOf(
      cancelBooking(db, { id: other.id, role: 'employee' }, { idempotency_key: ulid(), booking_id: w.bookingId }),
    );
    await cancelBooking(
      db,
      { id: w.employee.id, role: 'employee' },
      { idempotency_key: ulid(), booking_id: w.bookingId },
    );
    expect((await state(w)).cancelled).toBe(true);
  });
});

describe('a deleted company takes no new money', () => {
  it('a payment on a booking of a soft-deleted company is refused, and nothing moves', async () => {
    const w = await bookedWorld();
    await db.update(contacts).set({ deleted_at: new Date() }).where(eq(contacts.id, w.exhibitor.id));
    const before = await state(w);
    const refused = await errorOf(
      recordPayment(db, w.employee.id, { idempotency_key: ulid(), booking_id: w.bookingId, amount: '1000.00' }),
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).message).toBe(
      'This booking’s company was deleted; restore the company before taking payments.',
    );
    expect(await state(w)).toEqual(before);
  });
});
