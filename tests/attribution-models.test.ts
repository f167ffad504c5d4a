/**
 * Multi-touch attribution's arithmetic (lib/attribution-models.ts), worked
 * out by hand: a visitor messaged by three campaigns 20, 10 and 3 days before
 * the first talk, a booking with ₹1,000.00 collected; then, for any touches
 * and any amount, the shares of one booking add up to its amount exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  CREDIT_MODELS,
  creditBooking,
  SHARE_UNITS,
  splitPaise,
  touchWeights,
  type Touch,
} from '@/lib/attribution-models';

const DAY = 86_400_000;
const talk = new Date('2031-01-20T10:00:00Z');
const daysBefore = (d: number) => new Date(talk.getTime() - d * DAY);
// Given out of order: the models put them in time order.
const touches: Touch[] = [
  { campaignId: 'C', sentAt: daysBefore(3) },
  { campaignId: 'A', sentAt: daysBefore(20) },
  { campaignId: 'B', sentAt: daysBefore(10) },
];
const paise = (model: (typeof CREDIT_MODELS)[number], amount = 1_000_00n) =>
  Object.fromEntries(creditBooking(model, touches, talk, amount).map((c) => [c.campaignId, c.paise]));
const shares = (model: (typeof CREDIT_MODELS)[number]) =>
  Object.fromEntries(creditBooking(model, touches, talk, 0n).map((c) => [c.campaignId, c.share]));

describe('three touches, ₹1,000.00 collected (1,00,000 paise)', () => {
  it('first and last touch give it all to one campaign', () => {
    expect(paise('first')).toEqual({ A: 100_000n, B: 0n, C: 0n });
    expect(paise('last')).toEqual({ A: 0n, B: 0n, C: 100_000n });
  });

  it('linear: a third each, the odd paisa to the earliest (equal remainders)', () => {
    // 1,00,000 / 3 = 33,333 r 1 for each; one paisa left, to the first in time order.
    expect(paise('linear')).toEqual({ A: 33_334n, B: 33_333n, C: 33_333n });
    expect(shares('linear')).toEqual({ A: 333_334n, B: 333_333n, C: 333_333n });
  });

  it('U-shaped: 40 % first, 40 % last, the middle 20 %', () => {
    expect(paise('u_shaped')).toEqual({ A: 40_000n, B: 20_000n, C: 40_000n });
    // Two touches: 50 / 50; one: all.
    const two = creditBooking('u_shaped', touches.slice(0, 2), talk, 1_000_01n).map((c) => [c.campaignId, c.paise]);
    expect(two).toEqual([
      ['A', 50_001n], // 1,00,001 / 2 = 50,000 r 1 each: the earlier one gets the paisa
      ['C', 50_000n],
    ]);
    expect(creditBooking('u_shaped', touches.slice(1, 2), talk, 999n)).toEqual([
      { campaignId: 'A', share: SHARE_UNITS, paise: 999n },
    ]);
  });

  it('time decay, half-life 7 days: weights 2^(−20/7), 2^(−10/7), 2^(−3/7)', () => {
    // 0.137999 : 0.371499 : 0.742997, i.e. shares 0.110188 : 0.296604 : 0.593208 (C is exactly twice B).
    // Of 1,00,000 paise: 11,018.80 / 29,660.40 / 59,320.80 → floors 11,018 + 29,660 + 59,320 = 99,998;
    // the two paise left go to the largest remainders, C (.80222) and A (.79667).
    expect(paise('time_decay')).toEqual({ A: 11_019n, B: 29_660n, C: 59_321n });
    expect(shares('time_decay')).toEqual({ A: 110_188n, B: 296_604n, C: 593_208n });
    // ₹1,23,456.78: 13,60,345.16 / 36,61,777.61 / 73,23,555.23 → the one paisa left goes to B (.61).
    expect(paise('time_decay', 123_456_78n)).toEqual({ A: 1_360_345n, B: 3_661_778n, C: 7_323_555n });
    // A longer half-life flattens it: 30 days gives A more than 7 days did.
    const flat = creditBooking('time_decay', touches, talk, 1_000_00n, 30);
    expect(flat.find((c) => c.campaignId === 'A')!.paise).toBeGreaterThan(11_019n);
  });

  it('no touches, no credit', () => {
    for (const model of CREDIT_MODELS) expect(creditBooking(model, [], talk, 1_000_00n)).toEqual([]);
  });
});

describe('largest-remainder shares', () => {
  it('refuse what cannot be shared', () => {
    expect(() => splitPaise(-1n, [1n])).toThrow(RangeError);
    expect(() => splitPaise(5n, [0n, 0n])).toThrow(RangeError);
    expect(() => splitPaise(5n, [1n, -1n])).toThrow(RangeError);
    expect(() => touchWeights('time_decay', touches, talk, 0)).toThrow(RangeError);
  });

  it('for any touches and amount, every model’s shares add up exactly, none negative, and follow the weights', () => {
    const touch = fc.record({
      campaignId: fc.stringMatching(/^[A-Z]{4}$/),
      sentAt: fc.integer({ min: 0, max: 60 * DAY }).map((ms) => new Date(talk.getTime() - ms)),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(touch, { minLength: 1, maxLength: 8, selector: (t) => t.campaignId }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom(...CREDIT_MODELS),
        fc.integer({ min: 1, max: 60 }),
        (list, amount, model, halfLife) => {
          const credits = creditBooking(model, list, talk, amount, halfLife);
          expect(credits).toHaveLength(list.length);
          expect(credits.reduce((s, c) => s + c.paise, 0n)).toBe(amount);
          expect(credits.reduce((s, c) => s + c.share, 0n)).toBe(SHARE_UNITS);
          for (const c of credits) expect(c.paise >= 0n && c.share >= 0n).toBe(true);
          // Within one paisa of the exact share of the weights.
          const weights = touchWeights(
            model,
            credits.map((c) => list.find((t) => t.campaignId === c.campaignId)!),
            talk,
            halfLife,
          );
          const total = weights.reduce((s, w) => s + w, 0n);
          credits.forEach((c, i) => {
            const exact = amount * weights[i]!;
            expect(c.paise * total <= exact + total && c.paise * total >= exact - total).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
