'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import {
  addRecipients,
  addRecipientsByFilter,
  markPendingSent,
  previewRecipientFilter,
  recordDeliveryResults,
  type AddRecipientsResult,
  type DeliveryOutcome,
} from '@/db/services/campaigns';
import { validatedAction, validatedCall, type ActionState } from '@/lib/action';
import { ROWS_NOT_READABLE } from '@/lib/form-action';
import { plural } from '@/lib/format';
import { parseInstant } from '@/lib/validation';

import { campaignIdSchema, deliveryChunkSchema, filterFormSchema, recipientChunkSchema } from './schema';

export type { DeliveryChunk, RecipientChunk } from './schema';

/** Every page that shows a campaign's recipients or counters. */
function revalidateCampaign(id: string) {
  revalidatePath(`/admin/campaigns/${id}`);
  revalidatePath('/admin/campaigns');
  revalidatePath(`/campaigns/${id}`);
  revalidatePath('/campaigns');
}

/* ------------------------------------------------------- recipients from CSV */

/** One chunk of a checked CSV upload; `addRecipients` checks every row again. */
export const addRecipientsAction = validatedCall(
  'manage',
  recipientChunkSchema,
  async ({ campaignId: id, rows, last }): Promise<AddRecipientsResult> => {
    const result = await addRecipients(db, id, rows);
    if (last) revalidateCampaign(id);
    return result;
  },
  ROWS_NOT_READABLE,
);

/* ----------------------------------------------------------- gateway results */

/** One chunk of a gateway results file. */
export const recordDeliveryResultsAction = validatedCall(
  'manage',
  deliveryChunkSchema,
  async ({ campaignId: id, rows, last }): Promise<DeliveryOutcome> => {
    const outcome = await recordDeliveryResults(
      db,
      id,
      rows.map((r) => ({ ...r, sent_at: r.sent_at ? parseInstant(r.sent_at) : null })),
    );
    if (last) revalidateCampaign(id);
    return outcome;
  },
  ROWS_NOT_READABLE,
);

/* ------------------------------------------------------- recipients by filter */

export type FilterAnswer = { intent: 'preview'; phones: number; already: number } | { intent: 'add'; added: number };

/** Preview (writes nothing) or add the contacts a filter selects; the form submits the same fields for both. */
export const recipientFilterAction = validatedAction(
  'manage',
  filterFormSchema,
  async ({ intent, campaign_id, ...filter }): Promise<ActionState<FilterAnswer>> => {
    if (intent === 'preview') {
      const { phones, already } = await previewRecipientFilter(db, campaign_id, filter);
      return {
        ok: true,
        data: { intent, phones, already },
        message: `This filter matches ${plural(phones, 'phone')}; ${plural(already, 'is', 'are')} already on the campaign.`,
      };
    }
    const { added } = await addRecipientsByFilter(db, campaign_id, filter);
    revalidateCampaign(campaign_id);
    return { ok: true, data: { intent, added }, message: `Added ${plural(added, 'recipient')} from the filter.` };
  },
);

/* ------------------------------------------------------------------ sending */

export const markPendingSentAction = validatedAction('manage', campaignIdSchema, async ({ campaign_id }) => {
  const { marked } = await markPendingSent(db, campaign_id);
  revalidateCampaign(campaign_id);
  return { ok: true, message: `Marked ${plural(marked, 'recipient')} as sent; the campaign is now sent.` };
});
