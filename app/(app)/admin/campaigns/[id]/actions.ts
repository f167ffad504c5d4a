'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import {
  addRecipients,
  addRecipientsByFilter,
  DELIVERY_STATUSES,
  markPendingSent,
  previewRecipientFilter,
  RECIPIENT_CHUNK,
  recipientFilterSchema,
  recordDeliveryResults,
  type AddRecipientsResult,
  type DeliveryOutcome,
} from '@/db/services/campaigns';
import { authorizedUser, validatedAction, type ActionState } from '@/lib/action';
import { DomainError } from '@/lib/errors';
import { MAX_NAME_LENGTH } from '@/lib/recipients';
import { parseInstant, ulidField } from '@/lib/validation';

const campaignId = ulidField('Unknown campaign.');

/** Every page that shows a campaign's recipients or counters. */
function revalidateCampaign(id: string) {
  revalidatePath(`/admin/campaigns/${id}`);
  revalidatePath('/admin/campaigns');
  revalidatePath(`/campaigns/${id}`);
  revalidatePath('/campaigns');
}

/** What a chunk action answers: the result, or a message for the alert. */
export type ChunkAnswer<T> = { ok: true; result: T } | { ok: false; message: string };

const SESSION_ENDED = 'Your session has ended or your role does not allow this. Sign in again as an admin; nothing more was saved.';

/** A non-form action's checks: the admin first, then zod; a DomainError becomes the message. */
async function runChunk<S extends z.ZodType, T>(schema: S, input: unknown, run: (data: z.output<S>) => Promise<T>): Promise<ChunkAnswer<T>> {
  if (!(await authorizedUser('manage'))) return { ok: false, message: SESSION_ENDED };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'The rows sent were not in the expected form; nothing from this part was saved.' };
  try {
    return { ok: true, result: await run(parsed.data) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message };
    throw error;
  }
}

/* ------------------------------------------------------- recipients from CSV */

const recipientChunkSchema = z.object({
  campaignId,
  rows: z
    .array(z.object({ line: z.number().int().positive(), phone: z.string().max(64), name: z.string().max(MAX_NAME_LENGTH).nullable() }))
    .min(1)
    .max(RECIPIENT_CHUNK),
  /** The upload's last chunk: the pages showing the campaign are refreshed once, not per chunk. */
  last: z.boolean(),
});
export type RecipientChunk = z.input<typeof recipientChunkSchema>;

/** One chunk of a checked CSV upload; `addRecipients` checks every row again. */
export async function addRecipientsAction(input: RecipientChunk): Promise<ChunkAnswer<AddRecipientsResult>> {
  return runChunk(recipientChunkSchema, input, async ({ campaignId: id, rows, last }) => {
    const result = await addRecipients(db, id, rows);
    if (last) revalidateCampaign(id);
    return result;
  });
}

/* ----------------------------------------------------------- gateway results */

const deliveryChunkSchema = z.object({
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

/** One chunk of a gateway results file. */
export async function recordDeliveryResultsAction(input: DeliveryChunk): Promise<ChunkAnswer<DeliveryOutcome>> {
  return runChunk(deliveryChunkSchema, input, async ({ campaignId: id, rows, last }) => {
    const outcome = await recordDeliveryResults(
      db,
      id,
      rows.map((r) => ({ ...r, sent_at: r.sent_at ? parseInstant(r.sent_at) : null })),
    );
    if (last) revalidateCampaign(id);
    return outcome;
  });
}

/* ------------------------------------------------------- recipients by filter */

const filterFormSchema = recipientFilterSchema.extend({ campaign_id: campaignId, intent: z.enum(['preview', 'add']).default('preview') });

export type FilterAnswer = { intent: 'preview'; phones: number; already: number } | { intent: 'add'; added: number };

const count = (n: number) => n.toLocaleString('en-IN');

/** Preview (writes nothing) or add the contacts a filter selects; the form submits the same fields for both. */
export const recipientFilterAction = validatedAction('manage', filterFormSchema, async ({ intent, campaign_id, ...filter }): Promise<ActionState<FilterAnswer>> => {
  if (intent === 'preview') {
    const { phones, already } = await previewRecipientFilter(db, campaign_id, filter);
    return {
      ok: true,
      data: { intent, phones, already },
      message: `This filter matches ${count(phones)} ${phones === 1 ? 'phone' : 'phones'}; ${count(already)} ${already === 1 ? 'is' : 'are'} already on the campaign.`,
    };
  }
  const { added } = await addRecipientsByFilter(db, campaign_id, filter);
  revalidateCampaign(campaign_id);
  return { ok: true, data: { intent, added }, message: `Added ${count(added)} ${added === 1 ? 'recipient' : 'recipients'} from the filter.` };
});


/* ------------------------------------------------------------------ sending */

export const markPendingSentAction = validatedAction('manage', z.object({ campaign_id: campaignId }), async ({ campaign_id }) => {
  const { marked } = await markPendingSent(db, campaign_id);
  revalidateCampaign(campaign_id);
  return { ok: true, message: `Marked ${count(marked)} ${marked === 1 ? 'recipient' : 'recipients'} as sent; the campaign is now sent.` };
});
