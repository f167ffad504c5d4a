import { z } from 'zod';

import { ATTRIBUTION_MODELS } from '@/db/schema';

export const attributionSettingsSchema = z.object({
  attribution_window_days: z.coerce
    .number({ error: 'Enter a number of days.' })
    .int('Enter whole days.')
    .min(1, 'At least 1 day.')
    .max(365, 'At most 365 days.'),
  attribution_model: z.enum(ATTRIBUTION_MODELS, { error: 'Choose last touch or first touch.' }),
});
