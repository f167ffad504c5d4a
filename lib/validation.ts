import { z } from 'zod';
import { fromPaise, parseAmount } from '@/lib/money';

/** A rupee amount typed in a form ("50,000" or "50000.50") → the exact DECIMAL(15,2) string. */
export const amountField = (label = 'Amount') =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}.`)
    .transform((value, ctx) => {
      const paise = parseAmount(value);
      if (paise === null || paise < 0n) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a rupee amount like 50000 or 50000.50.` });
        return z.NEVER;
      }
      return fromPaise(paise);
    });

/** An optional ISO date (yyyy-mm-dd) from a date input; empty → null. */
export const optionalDate = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'Enter a date.')
  .transform((v) => (v === '' ? null : v));

/** A numeric id from a hidden field. */
export const idField = z.coerce.number().int().positive();
