/**
 * Money, exactly (DESIGN.md invariant 3). The database holds DECIMAL(15,2);
 * mysql2 returns it as a string; arithmetic happens in integer paise (bigint),
 * never in JS floats. The only place money is parsed, added or formatted.
 */
import type { AmountStatus } from '@/db/schema/bookings';

/**
 * The business maximum of one booking's price (and so of any payment on it): ₹10 crore.
 * Every running total is DECIMAL(20,2), so no number of bookings at this price can overflow it.
 */
export const MAX_BOOKING_PRICE_PAISE = 10_00_00_000n * 100n; // ₹10,00,00,000.00 (10 crore) in paise
export const MAX_BOOKING_PRICE = fromPaise(MAX_BOOKING_PRICE_PAISE);

const DECIMAL_RE = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1250000.5" → 125000050n. Throws on anything that is not a plain decimal with ≤ 2 places. */
export function toPaise(value: string | number | bigint): bigint {
  if (typeof value === 'bigint') return value * 100n;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Money must be passed as a decimal string, not ${value}`);
    return BigInt(value) * 100n;
  }
  const m = DECIMAL_RE.exec(value.trim().replace(/,/g, ''));
  if (!m) throw new Error(`Not an amount: "${value}"`);
  const paise = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -paise : paise;
}

/** Parses user input; null instead of throwing. Accepts "12,50,000" and "1250000.50". */
export function parseAmount(value: string): bigint | null {
  try {
    return toPaise(value);
  } catch {
    return null;
  }
}

/** 125000050n → "1250000.50", the DECIMAL(15,2) string the database takes. */
export function fromPaise(paise: bigint): string {
  const negative = paise < 0n;
  const abs = negative ? -paise : paise;
  const rupees = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${rupees}.${rest}`;
}

const inr = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "1250000.00" → "₹12,50,000.00". Formats from the exact string (Intl takes decimal strings), never via a float. */
export function formatINR(value: string | bigint | null | undefined): string {
  const decimal =
    value === null || value === undefined
      ? '0.00'
      : typeof value === 'bigint'
        ? fromPaise(value)
        : fromPaise(toPaise(value));
  return inr.format(decimal as `${number}`);
}

/**
 * The one unpaid / partial / paid rule (DESIGN.md invariant 4), on amounts already checked to be
 * 0 ≤ paid ≤ price: nothing paid is unpaid, less than the price is partial, the price is paid.
 */
export function amountStatus(pricePaise: bigint, paidPaise: bigint): AmountStatus {
  return paidPaise <= 0n ? 'unpaid' : paidPaise < pricePaise ? 'partial' : 'paid';
}
