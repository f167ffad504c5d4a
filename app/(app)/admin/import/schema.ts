import { z } from 'zod';

import { HAND_FIELDS } from '@/db/legacy/resolve';
import { legacyIdField } from '@/lib/validation';

export const resolveByHandSchema = z
  .object({
    entity: z.enum(['follow_up', 'booking']),
    row_id: legacyIdField('That row no longer exists.'),
    field: z.enum(HAND_FIELDS),
    value: legacyIdField('Choose a value.'),
  })
  .refine((r) => r.entity === 'booking' || (r.field !== 'location_id' && r.field !== 'table_id'), {
    message: 'A lead has no location or stall to set here.',
    path: ['field'],
  });
