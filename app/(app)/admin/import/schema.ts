import { z } from 'zod';

import { HAND_FIELDS } from '@/db/legacy/resolve';
import { legacyIdField, NUMERIC_ID_RE } from '@/lib/validation';

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
  })
  // Locations and stalls have numeric ids: anything else would reach the database as NaN.
  .refine((r) => (r.field !== 'location_id' && r.field !== 'table_id') || NUMERIC_ID_RE.test(r.value), {
    message: 'Choose a value.',
    path: ['value'],
  });
