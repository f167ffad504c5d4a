import { z } from 'zod';
import { OUTCOMES } from '@/db/schema/enums';
import { normalisePhone } from '@/lib/phone';
import { amountField, optionalDate } from '@/lib/validation';

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .refine((v) => v === null || (Number.isSafeInteger(v) && v > 0), 'Choose from the list.');
const ulidLike = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const phoneField = z
  .string()
  .trim()
  .min(1, 'Enter the visitor’s phone number.')
  .transform((v, ctx) => {
    const e164 = normalisePhone(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'This is not a valid phone number. Indian mobiles have 10 digits, e.g. 98765 43210.' });
      return z.NEVER;
    }
    return e164;
  });

/** The booth form as submitted (strings), turned into the service's EntryInput. */
export const recordEntrySchema = z
  .object({
    idempotency_key: z.string().regex(/^[0-9A-Za-z-]{16,64}$/, 'Reload the page and try again.'),
    exhibitor_id: z.string().regex(ulidLike, 'Choose the company this talk is for.'),
    phone: phoneField,
    new_visitor_name: z.string().trim().max(255).optional().transform((v) => v || null),
    location_id: optionalId,
    table_id: optionalId,
    // "auto" lets the attribution rule decide; "" is an explicit "no campaign".
    campaign_id: z
      .string()
      .optional()
      .refine((v) => !v || v === 'auto' || ulidLike.test(v), 'Choose a campaign from the list.')
      .transform((v) => (v === 'auto' || v === undefined ? undefined : v || null)),
    outcome: z.enum(OUTCOMES, 'Choose how the talk went.'),
    notes: z.string().trim().max(5000, 'Keep notes under 5,000 characters.').optional().transform((v) => v || null),
    next_followup_date: optionalDate.optional().transform((v) => v ?? null),
    next_followup_time: z
      .string()
      .optional()
      .refine((v) => !v || /^\d{2}:\d{2}$/.test(v), 'Enter a time like 14:30.')
      .transform((v) => v || null),
    booking_date: z.string().optional(),
    booking_table_id: z.string().optional(),
    price: z.string().optional(),
    amount_paid: z.string().optional(),
  })
  .transform((data, ctx) => {
    const { booking_date, booking_table_id, price, amount_paid, ...rest } = data;
    if (rest.outcome !== 'materialised') return { ...rest, booking: null };
    const date = optionalDate.safeParse(booking_date ?? '');
    if (!date.success || !date.data) ctx.addIssue({ code: 'custom', path: ['booking_date'], message: 'Enter the date the stall is booked for.' });
    const stall = optionalId.safeParse(booking_table_id || undefined);
    if (!stall.success || stall.data === null) ctx.addIssue({ code: 'custom', path: ['booking_table_id'], message: 'Choose the stall being booked.' });
    const p = amountField('Price').safeParse(price ?? '');
    if (!p.success) ctx.addIssue({ code: 'custom', path: ['price'], message: p.error.issues[0]!.message });
    const a = amountField('Amount paid').safeParse(amount_paid?.trim() ? amount_paid : '0');
    if (!a.success) ctx.addIssue({ code: 'custom', path: ['amount_paid'], message: a.error.issues[0]!.message });
    if (!date.success || !date.data || !stall.success || stall.data === null || !p.success || !a.success) return z.NEVER;
    return { ...rest, booking: { booking_date: date.data, table_id: stall.data, price: p.data, amount_paid: a.data } };
  });

export const paymentSchema = z.object({
  idempotency_key: z.string().regex(/^[0-9A-Za-z-]{16,64}$/),
  booking_id: z.string().regex(ulidLike),
  amount: amountField('Amount received'),
});

export const cancelSchema = z.object({
  idempotency_key: z.string().regex(/^[0-9A-Za-z-]{16,64}$/),
  booking_id: z.string().regex(ulidLike),
});

export const noteSchema = z.object({
  idempotency_key: z.string().regex(/^[0-9A-Za-z-]{16,64}$/),
  exhibitor_id: z.string().regex(ulidLike, 'Choose the company this note is for.'),
  phone: phoneField,
  notes: z.string().trim().min(1, 'Write what was said.').max(5000),
});
