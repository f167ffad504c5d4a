/** Later events on a booking: a payment, a cancellation. Each writes a timeline entry and moves the counters, exactly once. */
import { eq } from 'drizzle-orm';

import type { Db, Tx } from '@/db';
import { bookings, contacts, conversations, type AmountStatus, type Role } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { formatINR, fromPaise, toPaise } from '@/lib/money';
import { ulid } from '@/lib/ulid';

import { audit } from './audit';
import { bookingMove, conversationMove, moveCounters, type CounterMove } from './counters';
import { deriveAmountStatus } from './entries';
import { runOnce } from './idempotency';

async function lockBooking(tx: Tx, id: string) {
  const [b] = await tx
    .select({
      id: bookings.id,
      employee_id: bookings.employee_id,
      price: bookings.price,
      amount_paid: bookings.amount_paid,
      amount_status: bookings.amount_status,
      cancelled_at: bookings.cancelled_at,
      campaign_id: bookings.campaign_id,
      exhibitor_id: bookings.exhibitor_id,
      visitor_id: bookings.visitor_id,
      phone: bookings.phone,
      location_id: bookings.location_id,
      table_id: bookings.table_id,
      conversation_id: bookings.conversation_id,
    })
    .from(bookings)
    .where(eq(bookings.id, id))
    .for('update');
  if (!b) throw new DomainError('NOT_FOUND', 'That booking no longer exists.');
  return b;
}

/** A soft-deleted company takes no new money (a plain read: the company row is not locked). */
async function companyDeleted(tx: Tx, exhibitorId: string | null): Promise<boolean> {
  if (!exhibitorId) return false;
  const [c] = await tx.select({ deleted_at: contacts.deleted_at }).from(contacts).where(eq(contacts.id, exhibitorId));
  return Boolean(c?.deleted_at);
}

/** The follow-up behind a booking (through its materialising talk), for the timeline link. */
async function followUpOf(tx: Tx, conversationId: string | null): Promise<number | null> {
  if (!conversationId) return null;
  const [c] = await tx
    .select({ follow_up_id: conversations.follow_up_id })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return c?.follow_up_id ?? null;
}

/** The timeline entry of a later event counts as the company's latest conversation (a legacy booking without a company has none). */
const timelineMove = (
  b: Awaited<ReturnType<typeof lockBooking>>,
  kind: 'payment' | 'cancellation',
  at: Date,
): CounterMove[] => (b.exhibitor_id ? [conversationMove({ exhibitorId: b.exhibitor_id, kind, at })] : []);

async function logOnTimeline(
  tx: Tx,
  employeeId: string,
  b: Awaited<ReturnType<typeof lockBooking>>,
  kind: 'payment' | 'cancellation',
  notes: string,
  at: Date,
) {
  if (!b.exhibitor_id) return; // a legacy booking without a company has no timeline
  await tx.insert(conversations).values({
    id: ulid(at.getTime()),
    exhibitor_id: b.exhibitor_id,
    visitor_id: b.visitor_id,
    visitor_phone: b.phone,
    employee_id: employeeId,
    location_id: b.location_id,
    table_id: b.table_id,
    campaign_id: b.campaign_id,
    outcome: 'materialised',
    kind,
    notes,
    conversation_date: at,
    follow_up_id: await followUpOf(tx, b.conversation_id),
    booking_id: b.id,
    created_at: at,
    updated_at: at,
  });
}

export type PaymentResult = {
  bookingId: string;
  amount: string;
  amount_paid: string;
  price: string;
  amount_status: AmountStatus;
};

/** Adds a payment; refuses paying more than the price or paying a cancelled booking. */
export async function recordPayment(
  db: Db,
  employeeId: string,
  input: { idempotency_key: string; booking_id: string; amount: string; notes?: string | null; at?: Date },
) {
  const amount = toPaise(input.amount);
  if (amount <= 0n) throw new DomainError('INVALID', 'Enter the amount received.', 'amount');
  return runOnce(
    db,
    { key: input.idempotency_key, userId: employeeId, action: 'record-payment' },
    async (tx): Promise<PaymentResult> => {
      const at = input.at ?? new Date();
      const b = await lockBooking(tx, input.booking_id);
      if (b.cancelled_at)
        throw new DomainError('BOOKING_CANCELLED', 'This booking was cancelled; it cannot take payments.', 'amount');
      if (await companyDeleted(tx, b.exhibitor_id))
        throw new DomainError(
          'COMPANY_GONE',
          'This booking’s company was deleted; restore the company before taking payments.',
        );
      const price = b.price ?? '0.00';
      const paid = fromPaise(toPaise(b.amount_paid ?? '0') + amount);
      if (toPaise(paid) > toPaise(price)) {
        const due = fromPaise(toPaise(price) - toPaise(b.amount_paid ?? '0'));
        throw new DomainError(
          'PAYMENT_EXCEEDS_PRICE',
          `Only ${formatINR(due)} is outstanding on this booking; ${formatINR(input.amount)} is more than that.`,
          'amount',
        );
      }
      const status = deriveAmountStatus(price, paid);
      await tx
        .update(bookings)
        .set({ amount_paid: paid, amount_status: status, updated_at: at })
        .where(eq(bookings.id, b.id));
      await audit(
        tx,
        {
          action: 'payment.recorded',
          entity: 'booking',
          entityId: b.id,
          before: { amount_paid: b.amount_paid, amount_status: b.amount_status },
          after: { amount_paid: paid, amount_status: status, amount: fromPaise(amount) },
          userId: employeeId,
        },
        at,
      );
      await logOnTimeline(
        tx,
        employeeId,
        b,
        'payment',
        [`Payment of ${formatINR(input.amount)} received; ${formatINR(paid)} of ${formatINR(price)} paid.`, input.notes]
          .filter(Boolean)
          .join(' '),
        at,
      );
      // Last: the counter rows stay locked until the commit (see moveCounters).
      await moveCounters(tx, [
        { exhibitorId: b.exhibitor_id, tableId: b.table_id, campaignId: b.campaign_id, collected: amount },
        ...timelineMove(b, 'payment', at),
      ]);
      return { bookingId: b.id, amount: fromPaise(amount), amount_paid: paid, price, amount_status: status };
    },
  );
}

/** Who cancels: a signed-in user acting through the app. */
export type Canceller = { id: string; role: Role };

/** DESIGN.md "Roles": the employee who recorded a booking, or a manager or admin, may cancel it. */
export function mayCancel(by: Canceller, booking: { employee_id: string | null }): boolean {
  return (
    by.role === 'manager' || by.role === 'admin' || (booking.employee_id !== null && booking.employee_id === by.id)
  );
}

/**
 * Cancels a booking: the stall is free again for that date and the booking
 * leaves the counted bookings and revenue. Its lead stays materialised (the
 * sale happened); a new talk with the visitor starts a new lead.
 *
 * `by` is the signed-in user ({ id, role }): anyone but the booking's recorder,
 * a manager or an admin is refused and nothing is written. A bare user id is a
 * trusted replay (the demo seed re-enacting its history, scripts), not checked.
 */
export async function cancelBooking(
  db: Db,
  by: string | Canceller,
  input: { idempotency_key: string; booking_id: string; reason?: string | null; at?: Date },
) {
  const employeeId = typeof by === 'string' ? by : by.id;
  return runOnce(db, { key: input.idempotency_key, userId: employeeId, action: 'cancel-booking' }, async (tx) => {
    const at = input.at ?? new Date();
    const b = await lockBooking(tx, input.booking_id);
    if (typeof by !== 'string' && !mayCancel(by, b)) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the employee who recorded this booking, or a manager or admin, can cancel it.',
      );
    }
    if (b.cancelled_at) throw new DomainError('BOOKING_CANCELLED', 'This booking is already cancelled.');
    await tx.update(bookings).set({ cancelled_at: at, updated_at: at }).where(eq(bookings.id, b.id));
    const reason = input.reason?.trim();
    await audit(
      tx,
      {
        action: 'booking.cancelled',
        entity: 'booking',
        entityId: b.id,
        before: { amount_status: b.amount_status, cancelled_at: null },
        after: { cancelled_at: at, ...(reason ? { reason } : {}) },
        userId: employeeId,
      },
      at,
    );
    await logOnTimeline(
      tx,
      employeeId,
      b,
      'cancellation',
      ['Booking cancelled; the stall is free again.', input.reason].filter(Boolean).join(' '),
      at,
    );
    await moveCounters(tx, [
      bookingMove(
        {
          exhibitorId: b.exhibitor_id,
          tableId: b.table_id,
          campaignId: b.campaign_id,
          price: b.price,
          amountPaid: b.amount_paid,
        },
        -1,
      ),
      ...timelineMove(b, 'cancellation', at),
    ]);
    return { bookingId: b.id, cancelled: true as const };
  });
}
