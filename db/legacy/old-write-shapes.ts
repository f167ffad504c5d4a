/**
 * The old write shapes of the Laravel app (§7.1), still accepted: a follow-up
 * with only a phone and a status, a booking with only the free-text location
 * and stall. They write the legacy rows (no company, so no timeline entry);
 * phones are still normalised and amounts still checked. A legacy follow-up
 * has no company and no campaign, so it moves no counter; a legacy booking
 * linked to a stall counts for that stall (db/services/counters.ts).
 */
import { eq, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { bookings, followUps, locations, stalls, type Outcome } from '@/db/schema';
import { bookingMove, moveCounters } from '@/db/services/counters';
import { deriveAmountStatus } from '@/db/services/entries';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';
import { fromPaise, toPaise } from '@/lib/money';
import { normalisePhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

import { indexStalls, matchStall } from './stall-match';

function phoneOf(raw: string) {
  const phone = normalisePhone(raw);
  if (!phone) throw new DomainError('INVALID', `"${raw}" is not a valid phone number.`, 'phone');
  return phone;
}

/** FollowUp::create(['phone', 'status', 'comment', 'employee_id', …]) */
export async function createLegacyFollowUp(
  db: DbOrTx,
  input: {
    phone: string;
    status: Outcome;
    comment?: string | null;
    employee_id: string;
    next_followup_date?: string | null;
    next_followup_time?: string | null;
  },
): Promise<number> {
  const [result] = await db.insert(followUps).values({
    phone: phoneOf(input.phone),
    status: input.status,
    comment: input.comment ?? null,
    employee_id: input.employee_id,
    next_followup_date: input.next_followup_date ?? null,
    next_followup_time: input.next_followup_time ?? null,
  });
  return result.insertId;
}

/**
 * Booking::create(['phone', 'booking_date', 'booking_location', 'table_no', 'price', 'employee_id'])
 * The strings are kept as given; when they name a location and one of its
 * stalls exactly (ignoring case and outer spaces), the ids are filled too, so
 * the stall-once rule holds for old callers as well.
 */
export async function createLegacyBooking(
  db: DbOrTx,
  input: {
    phone: string;
    booking_date: string;
    booking_location?: string | null;
    table_no?: string | null;
    price: string;
    amount_paid?: string | null;
    employee_id: string;
  },
): Promise<string> {
  const paid = input.amount_paid ?? '0.00';
  const status = deriveAmountStatus(input.price, paid);
  let locationId: number | null = null;
  let tableId: number | null = null;
  if (input.booking_location?.trim()) {
    const matches = await db
      .select({ id: locations.id })
      .from(locations)
      .where(sql`lower(trim(${locations.loc_name})) = lower(trim(${input.booking_location}))`)
      .limit(2);
    if (matches.length === 1) {
      locationId = matches[0]!.id;
      if (input.table_no?.trim()) {
        // The backfill's rule (db/legacy/stall-match.ts): the exact name first, then the stall number; only one stall is linked.
        const here = await db
          .select({ id: stalls.id, location_id: stalls.location_mngt_id, name: stalls.table_name })
          .from(stalls)
          .where(eq(stalls.location_mngt_id, locationId));
        const match = matchStall(indexStalls(here), locationId, input.table_no);
        tableId = match.kind === 'one' ? match.stall.id : null;
      }
    }
  }
  const id = ulid();
  const price = fromPaise(toPaise(input.price));
  const amountPaid = fromPaise(toPaise(paid));
  // The row and its counters together (a savepoint when the caller is already in a transaction).
  await db.transaction(async (tx) => {
    await moveCounters(tx, [bookingMove({ exhibitorId: null, tableId, campaignId: null, price, amountPaid })]);
    try {
      await tx.insert(bookings).values({
        id,
        phone: phoneOf(input.phone),
        booking_date: input.booking_date,
        booking_location: input.booking_location ?? null,
        table_no: input.table_no ?? null,
        price,
        amount_paid: amountPaid,
        amount_status: status,
        employee_id: input.employee_id,
        location_id: locationId,
        table_id: tableId,
      });
    } catch (error) {
      if (isDuplicateKeyError(error, 'bookings_stall_date_unique')) {
        throw new DomainError(
          'STALL_TAKEN',
          `Stall ${input.table_no} at ${input.booking_location} is already booked for ${input.booking_date}.`,
          'table_no',
        );
      }
      throw error;
    }
  });
  return id;
}
