import { z } from 'zod';

import { DELIVERY_STATUSES, RECIPIENT_CHUNK } from '@/db/services/campaigns';
import { MAX_NAME_LENGTH } from '@/lib/recipients';
import { parseInstant, ULID_RE, ulidField } from '@/lib/validation';

const campaignId = ulidField('Unknown campaign.');

export const campaignIdSchema = z.object({ campaign_id: campaignId });

/* ------------------------------------------------------- recipients from CSV */

export const recipientChunkSchema = z.object({
  campaignId,
  rows: z
    .array(
      z.object({
        line: z.number().int().positive(),
        phone: z.string().max(64),
        name: z.string().max(MAX_NAME_LENGTH).nullable(),
      }),
    )
    .min(1)
    .max(RECIPIENT_CHUNK),
  /** The upload's last chunk: the pages showing the campaign are refreshed once, not per chunk. */
  last: z.boolean(),
});
export type RecipientChunk = z.input<typeof recipientChunkSchema>;

/* ----------------------------------------------------------- gateway results */

export const deliveryChunkSchema = z.object({
  campaignId,
  rows: z
    .array(
      z.object({
        line: z.number().int().positive(),
        phone: z.string().max(64),
        status: z.enum(DELIVERY_STATUSES),
        error: z.string().max(1000).nullable(),
        provider_message_id: z.string().max(255).nullable(),
        /** ISO 8601 from the browser; the time the gateway sent it (default: now). */
        sent_at: z
          .string()
          .max(40)
          .refine((v) => parseInstant(v) !== null)
          .nullable(),
      }),
    )
    .min(1)
    .max(RECIPIENT_CHUNK),
  last: z.boolean(),
});
export type DeliveryChunk = z.input<typeof deliveryChunkSchema>;

/* ------------------------------------------------------- recipients by filter */

export const recipientFilterSchema = z.object({
  type: z.enum(['visitor', 'exhibitor', 'any']).default('visitor'),
  city: z
    .string()
    .trim()
    .max(255)
    .transform((v) => v || null),
  /** Visitors who talked to this company (an exhibitor's id). */
  talked_to: z
    .string()
    .trim()
    .refine((v) => v === '' || ULID_RE.test(v), 'Choose a company from the list.')
    .transform((v) => v || null),
});

export const filterFormSchema = recipientFilterSchema.extend({
  campaign_id: campaignId,
  intent: z.enum(['preview', 'add']).default('preview'),
});
