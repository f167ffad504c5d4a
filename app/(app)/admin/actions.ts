'use server';

import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { z } from 'zod';
import { authorizedUser, parseArgs } from '@/lib/action';

/** Companies whose name contains `q`, for the admin pages' company pickers (admins only). */
export async function searchCompaniesAction(q: string): Promise<{ id: string; name: string; city: string | null }[]> {
  if (!(await authorizedUser('manage'))) return [];
  const text = parseArgs(z.string().transform((v) => v.slice(0, 100)), q);
  return text === null ? [] : searchExhibitors(db, text, 50);
}
