import { z } from 'zod';

import { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES } from '@/db/schema';
import { optionalDate, ulidField } from '@/lib/validation';

export const campaignSchema = z.object({
  name: z.string().trim().min(2, 'Enter the campaign’s name.').max(255),
  channel: z.enum(CAMPAIGN_CHANNELS, { error: 'Choose WhatsApp, SMS or email.' }),
  message: z
    .string()
    .trim()
    .max(5000, 'Keep the message under 5,000 characters.')
    .transform((v) => v || null),
  status: z.enum(CAMPAIGN_STATUSES, { error: 'Choose a status.' }),
  /** The day the messages went out (yyyy-mm-dd); today when marked sent without one. */
  sent_on: optionalDate,
});
export const updateCampaignSchema = campaignSchema.and(z.object({ id: ulidField('Unknown campaign.') }));
