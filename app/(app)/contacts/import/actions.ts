'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { getImportProgress, matchImportRows } from '@/db/queries/contact-imports';
import { CONTACT_TYPES, IMPORT_MODES } from '@/db/schema/contacts';
import { importChunk, startImport } from '@/db/services/contact-imports';
import { validatedCall } from '@/lib/action';
import { CONTACT_FIELDS, type ContactField } from '@/lib/contact-fields';
import { IMPORT_CHUNK_ROWS, MAX_CELL, MAX_IMPORT_LINES } from '@/lib/contact-import';
import { ROWS_NOT_READABLE } from '@/lib/form-action';
import { ulidField } from '@/lib/validation';

const ALL_FIELDS = [...new Set([...CONTACT_FIELDS.exhibitor, ...CONTACT_FIELDS.visitor])] as [ContactField, ...ContactField[]];
const rowsSchema = z
  .array(
    z.object({
      line: z
        .number()
        .int()
        .min(2)
        .max(MAX_IMPORT_LINES + 1),
      cells: z.partialRecord(z.enum(ALL_FIELDS), z.string().max(MAX_CELL)),
      dupOf: z.number().int().min(2).nullable(),
    }),
  )
  .min(1)
  .max(IMPORT_CHUNK_ROWS);

const importId = ulidField('Unknown import.');

/** The preview's read-only pass: a chunk of valid rows, each answered with its match (nothing is written). */
export const matchImportRowsAction = validatedCall('manage', z.object({ type: z.enum(CONTACT_TYPES), rows: rowsSchema }), ({ type, rows }) => matchImportRows(db, type, rows), ROWS_NOT_READABLE);

const startSchema = z.object({
  id: importId,
  type: z.enum(CONTACT_TYPES),
  mode: z.enum(IMPORT_MODES),
  fileName: z.string().trim().min(1).max(255),
  mapping: z.record(z.string().max(255), z.string().max(32)).refine((m) => Object.keys(m).length <= 200),
  rowsTotal: z.number().int().min(1).max(MAX_IMPORT_LINES),
});

/** Opens the batch (its id made by the browser: a retried start is the same batch). */
export const startImportAction = validatedCall('manage', startSchema, (data, user) => startImport(db, user.id, data), ROWS_NOT_READABLE);

/** One chunk of the import; the server checks every row again and skips lines it already has. */
export const importChunkAction = validatedCall(
  'manage',
  z.object({ importId, rows: rowsSchema }),
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
export const importProgressAction = validatedCall('manage', z.object({ importId }), ({ importId: id }) => getImportProgress(db, id), ROWS_NOT_READABLE);
