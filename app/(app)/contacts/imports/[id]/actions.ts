'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import { revertImport } from '@/db/services/contact-imports';
import { validatedAction } from '@/lib/action';
import { formatCount } from '@/lib/format';

import { revertImportSchema } from './schema';

/** "Revert this import": one transaction (db/services/contact-imports.ts revertImport); refused when already reverted. */
export const revertImportAction = validatedAction('manage', revertImportSchema, async ({ import_id }, user) => {
  const { deleted, softDeleted, restored } = await revertImport(db, import_id, user.id);
  revalidatePath(`/contacts/imports/${import_id}`);
  revalidatePath('/contacts/import');
  revalidatePath('/contacts');
  const kept = softDeleted ? `, ${formatCount(softDeleted)} soft-deleted (something already points at them)` : '';
  return {
    ok: true,
    message: `Reverted: ${formatCount(deleted)} created contacts deleted${kept}, ${formatCount(restored)} updated contacts restored to their values before the import.`,
  };
});
