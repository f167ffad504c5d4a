'use server';

import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { authorizedUser } from '@/lib/action';

/** Companies whose name contains `q`, for the admin pages' company pickers (admins only). */
export async function searchCompaniesAction(q: string): Promise<{ id: string; name: string; city: string | null }[]> {
  if (!(await authorizedUser('manage'))) return [];
  return searchExhibitors(db, String(q).slice(0, 100), 50);
}
