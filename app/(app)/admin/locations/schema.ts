import { z } from 'zod';

import { amountField, idField, optionalDate } from '@/lib/validation';

export const locationSchema = z
  .object({
    loc_name: z.string().trim().min(2, 'Enter the location’s name.').max(255),
    address: z
      .string()
      .trim()
      .max(2000)
      .transform((v) => v || null),
    event_start_date: optionalDate,
    event_end_date: optionalDate,
  })
  .refine((l) => !l.event_start_date || !l.event_end_date || l.event_start_date <= l.event_end_date, {
    message: 'The event cannot end before it starts.',
    path: ['event_end_date'],
  });
export const updateLocationSchema = locationSchema.and(z.object({ id: idField }));

export const stallSchema = z.object({
  location_mngt_id: idField,
  table_name: z.string().trim().min(1, 'Enter the stall’s name, e.g. T-12.').max(64),
  price: amountField('List price'),
});
export const updateStallSchema = stallSchema.and(z.object({ id: idField }));

export const deleteStallSchema = z.object({ id: idField, location_mngt_id: idField });
