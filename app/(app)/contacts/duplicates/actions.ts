'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { mergeContacts } from '@/db/services/contact-merge';
import { CONTACT_TYPES } from '@/db/schema/contacts';
import { validatedAction, validatedCall } from '@/lib/action';
import { idempotencyKeyField, searchTextField, ulidField } from '@/lib/validation';
import { DUPLICATE_TABS } from './tabs';

/** A contact's updated_at (ms) as the form saw it; blank → not checked. */
const versionField = z
  .string()
  .regex(/^\d{0,15}$/, 'Reload the page and try again.')
  .optional()
  .transform((v) => (v ? Number(v) : null));

const mergeSchema = z.object({
  idempotency_key: idempotencyKeyField,
  type: z.enum(CONTACT_TYPES, 'Reload the page and try again.'),
  survivor_id: ulidField('Choose the one to keep.'),
  merged_id: ulidField('Choose the one to merge into it.'),
  survivor_version: versionField,
  merged_version: versionField,
  // Where to come back to: the tab and page the admin was on.
  tab: z.enum(DUPLICATE_TABS).catch('phone'),
  cursor: z
    .string()
    .regex(/^[\w-]{0,400}$/)
    .optional()
    .catch(undefined),
});

/** Merges two visitors or two companies (admins only), then shows the duplicates page with what moved. */
export const mergeContactsAction = validatedAction('manage', mergeSchema, async (data, user) => {
  const result = await mergeContacts(db, user.id, data);
  revalidatePath('/contacts', 'layout');
  revalidatePath(`/companies/${result.survivorId}`, 'layout');
  const back = new URLSearchParams({ tab: data.tab, merged: result.mergeId });
  // A visitor group that vanished leaves the page as it was; a company merge starts the form afresh.
  if (data.cursor && data.type === 'visitor') back.set('cursor', data.cursor);
  redirect(`/contacts/duplicates?${back}`);
});

/** The company pickers' type-ahead (admins only). */
export const searchCompaniesAction = validatedCall('manage', searchTextField, (text) => searchExhibitors(db, text));
