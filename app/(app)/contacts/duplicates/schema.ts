import { z } from 'zod';

import { CONTACT_TYPES } from '@/db/schema/contacts';
import { cursorField, idempotencyKeyField, ulidField } from '@/lib/validation';

import { DUPLICATE_TABS } from './tabs';

/** A contact's updated_at (ms) as the form saw it; blank → not checked. */
const versionField = z
  .string()
  .regex(/^\d{0,15}$/, 'Reload the page and try again.')
  .optional()
  .transform((v) => (v ? Number(v) : null));

export const mergeSchema = z.object({
  idempotency_key: idempotencyKeyField,
  type: z.enum(CONTACT_TYPES, 'Reload the page and try again.'),
  survivor_id: ulidField('Choose the one to keep.'),
  merged_id: ulidField('Choose the one to merge into it.'),
  survivor_version: versionField,
  merged_version: versionField,
  // Where to come back to: the tab and page the admin was on.
  tab: z.enum(DUPLICATE_TABS).catch('phone'),
  cursor: cursorField,
});
