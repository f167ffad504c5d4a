import { z } from 'zod';

import { companyFieldsSchema, visitorFieldsSchema } from '@/lib/contact-fields';
import { idempotencyKeyField, ulidField } from '@/lib/validation';

const contactId = ulidField('Reload the page and try again.');
export const createSchema = z.discriminatedUnion('type', [
  companyFieldsSchema.extend({ type: z.literal('exhibitor'), idempotency_key: idempotencyKeyField }),
  visitorFieldsSchema.extend({ type: z.literal('visitor'), idempotency_key: idempotencyKeyField }),
]);
export const updateSchema = z.discriminatedUnion('type', [
  companyFieldsSchema.extend({ type: z.literal('exhibitor'), id: contactId }),
  visitorFieldsSchema.extend({ type: z.literal('visitor'), id: contactId }),
]);
export const idSchema = z.object({ id: contactId });
