/**
 * Money cannot break the counters: a booking's price has a business
 * maximum (₹10 crore, lib/money.ts), and every running total is wide enough
 * that bookings at that maximum keep adding up exactly — the campaign's, the
 * company's and the stall's — with payments and cancellations on top.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import { exhibitorStallStats, exhibitorStats, stallStats } from '@/db/schema';
import { cancelBooking } from '@/db/services/bookings';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { deriveAmountStatus, recordEntry } from '@/db/services/entries';
import { reconcileReadStats } from '@/db/services/read-stats';
import { DomainError } from '@/lib/errors';
import { fromPaise, MAX_BOOKING_PRICE, MAX_BOOKING_PRICE_PAISE } from '@/lib/money';
import { ulid } from '@/lib/ulid';
import { amountField } from '@/lib/validation';

import {
  campaignTotals,
  errorOf,
  makeCampaign,
  makeExhibitor,
  makeLocation,
  makeUser,
  recordTalk,
  uniquePhone,
} from './helpers/factories';

const BOOKINGS = 120;
let w: { employee: string; exhibitor: string; stall: number; campaign: string };

/** 120 days of one stall, each sold at the maximum, for one company and one campaign. */
beforeAll(async () => {
  const employee = (await makeUser()).id;
  const exhibitor = (await makeExhibitor()).id;
  const location = await makeLocation({
    name: `Long fair ${ulid().slice(-6)}`,
    stalls: ['M-1'],
    price: MAX_BOOKING_PRICE,
    event: { start: '2040-01-01', end: '2040-12-31' },
  });
  const campaign = (await makeCampaign({ name: `Max ${ulid().slice(-6)}` })).id;
  w = { employee, exhibitor, stall: location.stallIds[0]!, campaign };
  const day = (i: number) => new Date(Date.UTC(2040, 0, 1 + i)).toISOString().slice(0, 10);
  // Eight writers at a time, as tablets would.
  for (let start = 0; start < BOOKINGS; start += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, BOOKINGS - start) }, (_, k) =>
        recordTalk(employee, {
          exhibitor_id: exhibitor,
          phone: uniquePhone(),
          table_id: w.stall,
          campaign_id: campaign,
          outcome: 'materialised',
          booking: { booking_date: day(start + k), price: MAX_BOOKING_PRICE, amount_paid: MAX_BOOKING_PRICE },
        }),
      ),
    );
  }
}, 120_000);

describe('the maximum price, many times', () => {
  it('is ₹10 crore, accepted at exactly that and refused a paisa above', async () => {
    expect(MAX_BOOKING_PRICE).toBe('100000000.00');
    expect(amountField('Price').parse('10,00,00,000')).toBe(MAX_BOOKING_PRICE);
    expect(amountField('Price').safeParse('100000000.01').error?.issues[0]?.message).toBe(
      'Price cannot be more than ₹10,00,00,000.00.',
    );
    expect(amountField('Price').safeParse('9999999999999.99').success).toBe(false);
    const refused = await errorOf(
      Promise.resolve().then(() => deriveAmountStatus(fromPaise(MAX_BOOKING_PRICE_PAISE + 1n), '0')),
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).field).toBe('price');
  });

  it('adds up exactly in the campaign, company and stall totals', async () => {
    const total = fromPaise(MAX_BOOKING_PRICE_PAISE * BigInt(BOOKINGS)); // ₹1,200 crore
    expect(total).toBe('12000000000.00');
    const { revenue, booked, bookings } = await campaignTotals(w.campaign);
    expect({ revenue, booked, bookings }).toEqual({ revenue: total, booked: total, bookings: BOOKINGS });
    const [e] = await db
      .select({ collected: exhibitorStats.collected, booked: exhibitorStats.booked, bookings: exhibitorStats.bookings })
      .from(exhibitorStats)
      .where(eq(exhibitorStats.exhibitor_id, w.exhibitor));
    expect(e).toEqual({ collected: total, booked: total, bookings: BOOKINGS });
    const [s] = await db
      .select({ collected: stallStats.collected, booked: stallStats.booked })
      .from(stallStats)
      .where(eq(stallStats.table_id, w.stall));
    expect(s).toEqual({ collected: total, booked: total });
    const [es] = await db
      .select({ collected: exhibitorStallStats.collected })
      .from(exhibitorStallStats)
      .where(eq(exhibitorStallStats.exhibitor_id, w.exhibitor));
    expect(es).toEqual({ collected: total });
  });

  it('keeps taking bookings and cancellations afterwards, and every counter equals its recount', async () => {
    const sale = await recordEntry(db, w.employee, {
      idempotency_key: ulid(),
      exhibitor_id: w.exhibitor,
      phone: uniquePhone(),
      table_id: w.stall,
      campaign_id: w.campaign,
      outcome: 'materialised',
      booking: { booking_date: '2040-12-31', price: MAX_BOOKING_PRICE, amount_paid: '0' },
    });
    await cancelBooking(db, w.employee, { idempotency_key: ulid(), booking_id: sale.booking!.id });
    // This test's own campaign, company and stall (other files insert rows by hand, without counters).
    expect((await reconcileCampaignCounters(db, { fix: false })).filter((d) => d.campaignId === w.campaign)).toEqual(
      [],
    );
    expect(
      (await reconcileReadStats(db, { fix: false })).filter((d) =>
        d.key.split('/').some((k) => k === w.exhibitor || k === String(w.stall)),
      ),
    ).toEqual([]);
  });

  it('has room for far more: a total of 10^5 maximum bookings fits every running-total column', async () => {
    // What DECIMAL(15,2) could not hold (it overflowed at ₹99,99,99,99,99,999.99); checked on a scratch row.
    const huge = fromPaise(MAX_BOOKING_PRICE_PAISE * 100_000n);
    const scratch = ulid();
    await db.insert(exhibitorStats).values({ exhibitor_id: scratch, collected: huge, booked: huge });
    await db
      .update(exhibitorStats)
      .set({ collected: sql`${exhibitorStats.collected} + ${huge}` })
      .where(eq(exhibitorStats.exhibitor_id, scratch));
    const [row] = await db
      .select({ collected: exhibitorStats.collected })
      .from(exhibitorStats)
      .where(eq(exhibitorStats.exhibitor_id, scratch));
    await db.delete(exhibitorStats).where(eq(exhibitorStats.exhibitor_id, scratch));
    expect(row!.collected).toBe(fromPaise(MAX_BOOKING_PRICE_PAISE * 200_000n));
  });
});
