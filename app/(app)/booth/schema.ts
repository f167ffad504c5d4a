import { z } from 'zod';

import { OUTCOMES } from '@/db/schema/enums';
import { normalisePhone } from '@/lib/phone';
import {
  amountField,
  dateField,
  happenedAtField,
  idempotencyKeyField,
  MAX_YEAR,
  MIN_YEAR,
  normalisedBy,
  optionalDate,
  optionalIdField,
  optionalTime,
  ULID_RE,
  ulidField,
} from '@/lib/validation';

const notesField = z.string('Write what was said.').trim().max(5000, 'Keep notes under 5,000 characters.');

export const phoneField = z
  .string('Enter the visitor’s phone number.')
  .trim()
  .min(1, 'Enter the visitor’s phone number.')
  .max(64, 'This is not a valid phone number.')
  .transform(
    normalisedBy(normalisePhone, 'This is not a valid phone number. Indian mobiles have 10 digits, e.g. 98765 43210.'),
  );

/** The booth form as submitted (strings), turned into the service's EntryInput. */
export const recordEntrySchema = z
  .object({
    idempotency_key: idempotencyKeyField,
    exhibitor_id: ulidField('Choose the company this talk is for.'),
    phone: phoneField,
    new_visitor_name: z
      .string()
      .trim()
      .max(255, 'Keep the name under 255 characters.')
      .optional()
      .transform((v) => v || null),
    location_id: optionalIdField('Choose the location from the list.'),
    table_id: optionalIdField('Choose the stall from the list.'),
    // "auto" lets the attribution rule decide; "" is an explicit "no campaign".
    campaign_id: z
      .string('Choose a campaign from the list.')
      .optional()
      .refine((v) => !v || v === 'auto' || ULID_RE.test(v), 'Choose a campaign from the list.')
      .transform((v) => (v === 'auto' || v === undefined ? undefined : v || null)),
    outcome: z.enum(OUTCOMES, 'Choose how the talk went.'),
    notes: notesField.optional().transform((v) => v || null),
    // Absent (undefined): the employee did not touch the lead's follow-up, which is kept; "" clears it.
    next_followup_date: optionalDate.optional(),
    next_followup_time: optionalTime.optional(),
    booking_date: z.string('Enter the date the stall is booked for.').optional(),
    booking_table_id: z.string('Choose the stall being booked.').optional(),
    price: z.string('Enter the price.').optional(),
    amount_paid: z.string('Enter the amount paid.').optional(),
    // When the talk happened on the tablet (it may have waited offline): the talk's date and the
    // campaign attribution go by it, not by when it reached the server.
    happened_at: happenedAtField,
  })
  .refine((d) => !d.next_followup_time || d.next_followup_date, {
    path: ['next_followup_date'],
    message: 'Choose the day of the follow-up too.',
  })
  .transform((data, ctx) => {
    const { booking_date, booking_table_id, price, amount_paid, happened_at, ...fields } = data;
    const rest = { ...fields, at: happened_at };
    if (rest.outcome !== 'materialised') return { ...rest, booking: null };
    const date = dateField(
      `Enter the date the stall is booked for: a real date between ${MIN_YEAR} and ${MAX_YEAR}, like 2027-01-12.`,
    ).safeParse(booking_date ?? '');
    if (!date.success) ctx.addIssue({ code: 'custom', path: ['booking_date'], message: date.error.issues[0]!.message });
    const stall = optionalIdField('Choose the stall being booked.').safeParse(booking_table_id || undefined);
    if (!stall.success || stall.data === null)
      ctx.addIssue({ code: 'custom', path: ['booking_table_id'], message: 'Choose the stall being booked.' });
    const p = amountField('Price').safeParse(price ?? '');
    if (!p.success) ctx.addIssue({ code: 'custom', path: ['price'], message: p.error.issues[0]!.message });
    const a = amountField('Amount paid').safeParse(amount_paid?.trim() ? amount_paid : '0');
    if (!a.success) ctx.addIssue({ code: 'custom', path: ['amount_paid'], message: a.error.issues[0]!.message });
    if (!date.success || !stall.success || stall.data === null || !p.success || !a.success) return z.NEVER;
    return { ...rest, booking: { booking_date: date.data, table_id: stall.data, price: p.data, amount_paid: a.data } };
  });

/** An entry's `happened_at` (when it was made on the tablet) as the services' `at`. */
const happenedAt = <T extends { happened_at?: Date }>({ happened_at, ...rest }: T) => ({ ...rest, at: happened_at });

export const paymentSchema = z
  .object({
    idempotency_key: idempotencyKeyField,
    booking_id: ulidField('Choose the booking from the list.'),
    amount: amountField('Amount received'),
    happened_at: happenedAtField,
  })
  .transform(happenedAt);

export const cancelSchema = z
  .object({
    idempotency_key: idempotencyKeyField,
    booking_id: ulidField('Choose the booking from the list.'),
    happened_at: happenedAtField,
  })
  .transform(happenedAt);

export const noteSchema = z
  .object({
    idempotency_key: idempotencyKeyField,
    exhibitor_id: ulidField('Choose the company this note is for.'),
    phone: phoneField,
    notes: notesField.min(1, 'Write what was said.'),
    happened_at: happenedAtField,
  })
  .transform(happenedAt);

export const NOT_A_PHONE_YET = 'Not a valid phone number yet.';
/** A location id the stalls look-up cannot read (not one the page listed). */
export const NOT_A_LOCATION = 'Choose the location from the list.';

/** The visitor panel's look-up while the phone is typed. */
export const lookupSchema = z.object({
  phone: z.string().max(64).transform(normalisedBy(normalisePhone, NOT_A_PHONE_YET)),
  // A company the panel no longer knows is no company: the visitor is still shown.
  exhibitorId: ulidField().nullable().catch(null),
});
