'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { resolveByHand, resolveByHandSchema } from '@/db/legacy/resolve';
import { authorizedUser, validatedAction } from '@/lib/action';
import { SAVED_MESSAGE } from './labels';

/** Sets the visitor, company, location or stall of an old row; recorded as by hand, which no later backfill run overwrites. */
export const resolveLegacyRowAction = validatedAction('manage', resolveByHandSchema, async (data, user) => {
  await resolveByHand(db, user.id, data);
  revalidatePath('/admin/import');
  revalidatePath(`/admin/import/${data.entity}/${data.row_id}`);
  return { ok: true, message: SAVED_MESSAGE };
});

/** Companies for the company picker, by name. */
export async function searchLegacyCompaniesAction(q: string): Promise<{ id: string; name: string; city: string | null }[]> {
  if (!(await authorizedUser('manage'))) return [];
  return searchExhibitors(db, String(q).slice(0, 100), 50);
}
