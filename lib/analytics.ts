/**
 * Percentages for analytics, in integer arithmetic: `part / whole × 100`
 * rounded half up to two decimals, as text ('16.67'); '0.00' when the whole is
 * zero (a campaign without leads converts nothing). 25 bookings of 150 leads
 * → '16.67'.
 */
export function conversionPercent(part: number | bigint, whole: number | bigint): string {
  const p = typeof part === 'bigint' ? part : Number.isFinite(part) ? BigInt(Math.trunc(part)) : 0n;
  const w = typeof whole === 'bigint' ? whole : Number.isFinite(whole) ? BigInt(Math.trunc(whole)) : 0n;
  if (w <= 0n || p <= 0n) return '0.00';
  const hundredths = (p * 20000n + w) / (2n * w);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** '16.67' → '16.67%'. */
export const formatPercent = (percent: string): string => `${percent}%`;
