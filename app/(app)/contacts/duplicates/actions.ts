'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { mergeContacts } from '@/db/services/contact-merge';
import { validatedAction, validatedCall } from '@/lib/action';
import { searchTextField } from '@/lib/validation';

import { mergeSchema } from './schema';

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
