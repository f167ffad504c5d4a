import { z } from 'zod';
import { HAND_FIELDS } from '@/db/legacy/resolve';

export const resolveByHandSchema = z
  .object({
    entity: z.enum(['follow_up', 'booking']),
    row_id: z.string().trim().min(1).max(26),
    field: z.enum(HAND_FIELDS),
    value: z.string().trim().min(1, 'Choose a value.').max(26),
  })
  .refine((r) => r.entity === 'booking' || (r.field !== 'location_id' && r.field !== 'table_id'), { message: 'A lead has no location or stall to set here.', path: ['field'] });
