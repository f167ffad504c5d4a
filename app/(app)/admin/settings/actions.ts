'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import { updateAttributionSettings } from '@/db/services/campaigns';
import { validatedAction } from '@/lib/action';
import { ATTRIBUTION_MODEL_LABELS } from '@/lib/labels';

import { attributionSettingsSchema } from './schema';

export const updateAttributionSettingsAction = validatedAction(
  'manage',
  attributionSettingsSchema,
  async (data, user) => {
    await updateAttributionSettings(db, user.id, data);
    revalidatePath('/admin/settings');
    const days = data.attribution_window_days;
    return {
      ok: true,
      message: `Saved: ${days} ${days === 1 ? 'day' : 'days'}, ${ATTRIBUTION_MODEL_LABELS[data.attribution_model].toLowerCase()}. Talks recorded from now on use it.`,
    };
  },
);
