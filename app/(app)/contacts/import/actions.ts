'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import { getImportProgress, matchImportRows } from '@/db/queries/contact-imports';
import { importChunk, startImport } from '@/db/services/contact-imports';
import { validatedCall } from '@/lib/action';
import { ROWS_NOT_READABLE } from '@/lib/form-action';

import { importChunkSchema, importProgressSchema, matchRowsSchema, startSchema } from './schema';

/** The preview's read-only pass: a chunk of valid rows, each answered with its match (nothing is written). */
export const matchImportRowsAction = validatedCall(
  'manage',
  matchRowsSchema,
  ({ type, rows }) => matchImportRows(db, type, rows),
  ROWS_NOT_READABLE,
);

/** Opens the batch (its id made by the browser: a retried start is the same batch). */
export const startImportAction = validatedCall(
  'manage',
  startSchema,
  (data, user) => startImport(db, user.id, data),
  ROWS_NOT_READABLE,
);

/** One chunk of the import; the server checks every row again and skips lines it already has. */
export const importChunkAction = validatedCall(
  'manage',
  importChunkSchema,
  async ({ importId: id, rows }) => {
    const progress = await importChunk(db, id, rows);
    if (progress.status === 'done') {
      revalidatePath('/contacts/import');
      revalidatePath('/contacts');
    }
    return progress;
  },
  ROWS_NOT_READABLE,
);

/** Where an import stands (for a resume after a dropped connection or a reload): the server's lines are the truth. */
export const importProgressAction = validatedCall(
  'manage',
  importProgressSchema,
  ({ importId: id }) => getImportProgress(db, id),
  ROWS_NOT_READABLE,
);
