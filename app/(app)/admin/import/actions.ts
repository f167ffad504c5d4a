'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import { resolveByHand } from '@/db/legacy/resolve';
import { validatedAction } from '@/lib/action';

import { SAVED_MESSAGE } from './labels';
import { resolveByHandSchema } from './schema';

/** Sets the visitor, company, location or stall of an old row; recorded as by hand, which no later backfill run overwrites. */
export const resolveLegacyRowAction = validatedAction('manage', resolveByHandSchema, async (data, user) => {
  await resolveByHand(db, user.id, data);
  revalidatePath('/admin/import');
  revalidatePath(`/admin/import/${data.entity}/${data.row_id}`);
  return { ok: true, message: SAVED_MESSAGE };
});
