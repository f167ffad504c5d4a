/** Reading typed values out of a page's searchParams (strings, or arrays when repeated). */
import { NUMERIC_ID_RE } from '@/lib/validation';

export type SearchParams = Record<string, string | string[] | undefined>;

export function param(params: SearchParams, key: string): string | undefined {
  const v = params[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function positiveInt(value: string | undefined): number | undefined {
  // Plain digits only: "1e3" or "0x10" is not an id.
  const n = value && NUMERIC_ID_RE.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}
