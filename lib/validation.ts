/**
 * The field validators every form schema uses: one date, one time, one id, one
 * key, one amount. Each is strict about its text (a hidden field holds exactly
 * what the app put there) and turns anything else into a field message, never
 * into a value the database would refuse.
 */
import { z } from 'zod';

import { formatINR, fromPaise, MAX_BOOKING_PRICE_PAISE, parseAmount } from '@/lib/money';

/** Dates a form may carry: the organiser's business, not the calendar's extremes (0000-01-01, 9999-12-31). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-02-29" → true; "2024-02-30", "2025-04-31", "0000-01-01", "2024-2-3" → false (round-trip checked). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** "09:05", "23:59" → true; "24:00", "12:60", "99:99", "9:05" → false. */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

const dateMessage = `Enter a real date between ${MIN_YEAR} and ${MAX_YEAR}, like 2027-01-12.`;

/** A required ISO date (yyyy-mm-dd) from a date input. */
export const dateField = (message = dateMessage) =>
  z
    .string(message)
    .trim()
    .refine((v) => isCalendarDate(v), message);

/** An optional ISO date from a date input; empty → null. */
export const optionalDate = z
  .string(dateMessage)
  .trim()
  .refine((v) => v === '' || isCalendarDate(v), dateMessage)
  .transform((v) => (v === '' ? null : v));

/** An optional time of day (HH:MM, 24-hour) from a time input; empty → null. */
export const optionalTime = z
  .string('Enter a time like 14:30.')
  .trim()
  .refine((v) => v === '' || isClockTime(v), 'Enter a time between 00:00 and 23:59, like 14:30.')
  .transform((v) => (v === '' ? null : v));

/** A numeric id as text: plain decimal digits, no leading zero, within a safe integer's digits. */
export const NUMERIC_ID_RE = /^[1-9]\d{0,15}$/;

/** A numeric id from a hidden field or a select: plain decimal digits only (no "1e3", "0x10", "-1", " 7"). */
export const idField = z.union([z.string(), z.number()], 'Choose from the list.').transform((v, ctx) => {
  const text = typeof v === 'number' ? String(v) : v;
  const n = NUMERIC_ID_RE.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({ code: 'custom', message: 'Choose from the list.' });
    return z.NEVER;
  }
  return n;
});

/** An optional numeric id: empty or missing → null. */
export const optionalIdField = (message = 'Choose from the list.') =>
  z
    .string(message)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const parsed = idField.safeParse(v);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return parsed.data;
    });

/** A ULID (Crockford base 32, 26 characters), the key of contacts, campaigns, bookings, users. */
export const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const ulidField = (message = 'Choose from the list.') => z.string(message).regex(ULID_RE, message);

/**
 * A row id that may come from the old app: new rows have ULIDs, imported ones
 * keep the old app's key (letters and digits, at most 26) or its numeric id.
 */
export const LEGACY_ID_RE = /^[0-9A-Za-z]{1,26}$/;
export const legacyIdField = (message = 'Choose from the list.') =>
  z.string(message).trim().regex(LEGACY_ID_RE, message);

/** A keyset cursor carried by a link or a hidden field: base64url text, bounded. */
export const CURSOR_RE = /^[\w-]{0,400}$/;
/** An optional cursor; one that is not a cursor reads the first page rather than refusing the form. */
export const cursorField = z.string().regex(CURSOR_RE).optional().catch(undefined);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A form's idempotency key: a ULID or UUID the browser made. Nothing internal shares this key space. */
export function isIdempotencyKey(value: string): boolean {
  return ULID_RE.test(value) || UUID_RE.test(value);
}
export const idempotencyKeyField = z
  .string('Reload the page and try again.')
  .refine(isIdempotencyKey, 'Reload the page and try again.');

/** A rupee amount typed in a form ("50,000" or "50000.50") → the exact DECIMAL(15,2) string, at most the business maximum. */
export const amountField = (label = 'Amount') =>
  z
    .string(`Enter the ${label.toLowerCase()}.`)
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}.`)
    .transform((value, ctx) => {
      const paise = parseAmount(value);
      if (paise === null || paise < 0n) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a rupee amount like 50000 or 50000.50.` });
        return z.NEVER;
      }
      if (paise > MAX_BOOKING_PRICE_PAISE) {
        ctx.addIssue({
          code: 'custom',
          message: `${label} cannot be more than ${formatINR(MAX_BOOKING_PRICE_PAISE)}.`,
        });
        return z.NEVER;
      }
      return fromPaise(paise);
    });

/** An ISO 8601 instant from a file or a client ("2027-01-12T10:30:00Z"), within the form years; null when not one. */
export function parseInstant(value: string): Date | null {
  if (
    !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ||
    !isCalendarDate(value.slice(0, 10))
  )
    return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/**
 * A zod transform that stores a value in its one normal form (a phone's E.164, a GSTIN upper-cased),
 * refusing with `message` what `normalise` cannot read (it answers null).
 */
export const normalisedBy =
  (normalise: (value: string) => string | null, message: string) =>
  (value: string, ctx: z.RefinementCtx): string => {
    const normal = normalise(value);
    if (normal === null) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return normal;
  };

/** A type-ahead's text, cut to what a search needs (a hand-made call may send a megabyte). */
export const searchTextField = z.string().transform((v) => v.slice(0, 100));

/** How far ahead of the server's clock a device's "when it happened" may be (clocks drift a little). */
export const HAPPENED_AHEAD_MS = 5 * 60_000;
/** How long an entry may wait on a device before it is too old to be taken as it stands. */
export const HAPPENED_WITHIN_DAYS = 7;

/**
 * When an entry happened on the device (ISO 8601), sent with an entry that may have waited offline:
 * absent means now. A time well ahead of the server's clock is a wrong device clock; one older than
 * HAPPENED_WITHIN_DAYS is refused rather than back-dated into closed figures. `now` is read per
 * parse (a test pins the clock with fake timers).
 */
export const happenedAtField = z
  .string('Reload the page and try again.')
  .optional()
  .transform((value, ctx): Date | undefined => {
    if (value === undefined || value === '') return undefined;
    const at = parseInstant(value);
    if (!at) {
      ctx.addIssue({ code: 'custom', message: 'The time this was recorded is not readable; record it again.' });
      return z.NEVER;
    }
    const now = Date.now();
    if (at.getTime() > now + HAPPENED_AHEAD_MS) {
      ctx.addIssue({
        code: 'custom',
        message: 'This tablet’s clock is ahead of the server’s: set the tablet’s date and time, then send it again.',
      });
      return z.NEVER;
    }
    if (at.getTime() < now - HAPPENED_WITHIN_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        message: `This was recorded more than ${HAPPENED_WITHIN_DAYS} days ago on this tablet; it is too old to be sent as it stands. Enter it again by hand or discard it.`,
      });
      return z.NEVER;
    }
    return at;
  });
