'use server';

import { db } from '@/db';
import { searchExhibitors } from '@/db/queries/booth';
import { validatedCall } from '@/lib/action';
import { searchTextField } from '@/lib/validation';

/** Companies whose name contains `q`, for the admin pages' company pickers (admins only). */
export const searchCompaniesAction = validatedCall('manage', searchTextField, (text) => searchExhibitors(db, text, 50));
