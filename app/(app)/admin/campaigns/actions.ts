'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import { db } from '@/db';
import { createCampaign, updateCampaign } from '@/db/services/campaigns';
import { validatedAction } from '@/lib/action';

import { campaignSchema, updateCampaignSchema } from './schema';

export const createCampaignAction = validatedAction('manage', campaignSchema, async (data, user) => {
  const id = await createCampaign(db, user.id, data);
  revalidatePath('/admin/campaigns');
  revalidatePath('/campaigns');
  redirect(`/admin/campaigns/${id}`);
});

export const updateCampaignAction = validatedAction('manage', updateCampaignSchema, async (data) => {
  await updateCampaign(db, data);
  revalidatePath('/admin/campaigns');
  revalidatePath(`/admin/campaigns/${data.id}`);
  revalidatePath('/campaigns');
  return { ok: true, message: `Saved ${data.name}.` };
});
