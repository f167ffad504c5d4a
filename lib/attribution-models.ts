/**
 * Multi-touch attribution (issue 15), exact to the paisa: how one booking's
 * amount is shared among the campaigns that touched its visitor — the
 * campaigns that messaged the visitor's phone (recipient status sent) within
 * the attribution window before the lead's first talk, one touch per campaign.
 *
 * A model gives each touch a weight; `splitPaise` shares an amount in integer
 * paise by those weights with largest-remainder rounding, so the shares of a
 * booking always add up to exactly its amount. Weights are not money: time
 * decay computes them in floating point, then they become integers before any
 * amount is shared.
 *
 * This is the arithmetic alone; nothing reads it yet. The stored
 * `campaign_id` (first or last touch, the settings' model) stays the primary
 * attribution the counters and the document's queries use.
 */
export const CREDIT_MODELS = ['first', 'last', 'linear', 'u_shaped', 'time_decay'] as const;
export type CreditModel = (typeof CREDIT_MODELS)[number];

export const CREDIT_MODEL_LABELS: Record<CreditModel, string> = {
  first: 'First touch',
  last: 'Last touch',
  linear: 'Linear',
  u_shaped: 'U-shaped (40 / 20 / 40)',
  time_decay: 'Time decay',
};

export type Touch = { campaignId: string; sentAt: Date };

/** The integer weights of a share: parts of a million, so a booking's fractional credit reads to 6 decimals. */
export const SHARE_UNITS = 1_000_000n;
/** Time decay's default half-life. */
export const HALF_LIFE_DAYS = 7;

/** Touches in time order, ties by campaign id, so every model and every rounding is reproducible. */
export function inOrder(touches: Touch[]): Touch[] {
  return [...touches].sort(
    (a, b) =>
      a.sentAt.getTime() - b.sentAt.getTime() ||
      (a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0),
  );
}

/**
 * Shares `amount` paise among `weights` (non-negative, not all zero) in
 * proportion: each gets the floor of its exact share, and the paise left over
 * go one each to the largest remainders (ties: the earlier weight). The result
 * sums to `amount` exactly.
 */
export function splitPaise(amount: bigint, weights: bigint[]): bigint[] {
  if (amount < 0n) throw new RangeError('An amount to share cannot be negative.');
  const total = weights.reduce((s, w) => {
    if (w < 0n) throw new RangeError('A weight cannot be negative.');
    return s + w;
  }, 0n);
  if (total === 0n) throw new RangeError('At least one weight must be above zero.');
  const shares = weights.map((w) => (amount * w) / total);
  let left = amount - shares.reduce((s, x) => s + x, 0n);
  const byRemainder = weights
    .map((w, i) => ({ i, r: (amount * w) % total }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}

/**
 * Each touch's weight under `model`, as integers in proportion (exact for all
 * but time decay, which is rounded to 12 digits); `at` is the lead's first
 * talk (time decay counts back from it).
 * U-shaped: 40 % first, 40 % last, 20 % shared by the touches between; two
 * touches 50 / 50; one touch all.
 */
export function touchWeights(
  model: CreditModel,
  touches: Touch[],
  at: Date,
  halfLifeDays: number = HALF_LIFE_DAYS,
): bigint[] {
  const n = touches.length;
  if (n === 0) return [];
  const only = (k: number) => touches.map((_, i) => (i === k ? 1n : 0n));
  let raw: bigint[];
  switch (model) {
    case 'first':
      raw = only(0);
      break;
    case 'last':
      raw = only(n - 1);
      break;
    case 'linear':
      raw = touches.map(() => 1n);
      break;
    case 'u_shaped':
      // In fifths: 2 + 2 at the ends and 1 shared by the middle (n − 2 touches): weights 2(n−2), 1, …, 1, 2(n−2).
      raw = n <= 2 ? touches.map(() => 1n) : touches.map((_, i) => (i === 0 || i === n - 1 ? BigInt(2 * (n - 2)) : 1n));
      break;
    case 'time_decay': {
      if (!(halfLifeDays > 0)) throw new RangeError('The half-life must be above zero.');
      const f = touches.map(
        (t) => 2 ** (-Math.max(0, at.getTime() - t.sentAt.getTime()) / (halfLifeDays * 86_400_000)),
      );
      const sum = f.reduce((s, x) => s + x, 0);
      raw = f.map((x) => BigInt(Math.round((x / sum) * 1e12)));
      break;
    }
  }
  return raw;
}

export type Credit = { campaignId: string; share: bigint; paise: bigint };

/** A booking's credit per touching campaign under `model`: its share (of SHARE_UNITS) and its part of `amount` paise. */
export function creditBooking(
  model: CreditModel,
  touches: Touch[],
  at: Date,
  amount: bigint,
  halfLifeDays: number = HALF_LIFE_DAYS,
): Credit[] {
  const ordered = inOrder(touches);
  if (!ordered.length) return [];
  const weights = touchWeights(model, ordered, at, halfLifeDays);
  const shares = splitPaise(SHARE_UNITS, weights);
  const paise = splitPaise(amount, weights);
  return ordered.map((t, i) => ({ campaignId: t.campaignId, share: shares[i]!, paise: paise[i]! }));
}
