/**
 * Percentages for analytics, in integer arithmetic: `part / whole × 100`
 * rounded half up to two decimals, as text ('16.67'); '0.00' when the whole is
 * zero (a campaign without leads converts nothing). 25 bookings of 150 leads
 * → '16.67'.
 */
export function conversionPercent(part: number, whole: number): string {
  if (!Number.isFinite(whole) || whole <= 0 || !Number.isFinite(part) || part <= 0) return '0.00';
  const hundredths = (BigInt(Math.trunc(part)) * 20000n + BigInt(Math.trunc(whole))) / (2n * BigInt(Math.trunc(whole)));
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** '16.67' → '16.67%'. */
export const formatPercent = (percent: string): string => `${percent}%`;
