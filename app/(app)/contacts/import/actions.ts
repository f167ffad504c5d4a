'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/db';
import { getImportProgress, matchImportRows, type ImportProgress, type RowMatchAnswer } from '@/db/queries/contact-imports';
import { CONTACT_TYPES, IMPORT_MODES } from '@/db/schema/contacts';
import { importChunk, startImport } from '@/db/services/contact-imports';
import { authorizedUser } from '@/lib/action';
import { CONTACT_FIELDS, type ContactField } from '@/lib/contact-fields';
import { IMPORT_CHUNK_ROWS, MAX_CELL, MAX_IMPORT_LINES } from '@/lib/contact-import';
import { DomainError } from '@/lib/errors';
import { ulidField } from '@/lib/validation';

/** What a chunk action answers: the result, or a message for the alert. */
export type ImportAnswer<T> = { ok: true; result: T } | { ok: false; message: string };

const SESSION_ENDED = 'Your session has ended or your role does not allow this. Sign in again as an admin; nothing more was saved.';

/** A non-form action's checks: an admin first, then zod; a DomainError becomes the message. */
async function run<S extends z.ZodType, T>(schema: S, input: unknown, work: (data: z.output<S>, userId: string) => Promise<T>): Promise<ImportAnswer<T>> {
  const user = await authorizedUser('manage');
  if (!user) return { ok: false, message: SESSION_ENDED };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'The rows sent were not in the expected form; nothing from this part was saved.' };
  try {
    return { ok: true, result: await work(parsed.data, user.id) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message };
    throw error;
  }
}

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
export async function matchImportRowsAction(input: { type: string; rows: unknown }): Promise<ImportAnswer<RowMatchAnswer[]>> {
  return run(z.object({ type: z.enum(CONTACT_TYPES), rows: rowsSchema }), input, ({ type, rows }) => matchImportRows(db, type, rows));
}

const startSchema = z.object({
  id: importId,
  type: z.enum(CONTACT_TYPES),
  mode: z.enum(IMPORT_MODES),
  fileName: z.string().trim().min(1).max(255),
  mapping: z.record(z.string().max(255), z.string().max(32)).refine((m) => Object.keys(m).length <= 200),
  rowsTotal: z.number().int().min(1).max(MAX_IMPORT_LINES),
});

/** Opens the batch (its id made by the browser: a retried start is the same batch). */
export async function startImportAction(input: z.input<typeof startSchema>): Promise<ImportAnswer<ImportProgress>> {
  return run(startSchema, input, (data, userId) => startImport(db, userId, data));
}

/** One chunk of the import; the server checks every row again and skips lines it already has. */
export async function importChunkAction(input: { importId: string; rows: unknown }): Promise<ImportAnswer<ImportProgress>> {
  return run(z.object({ importId, rows: rowsSchema }), input, async ({ importId: id, rows }) => {
    const progress = await importChunk(db, id, rows);
    if (progress.status === 'done') {
      revalidatePath('/contacts/import');
      revalidatePath('/contacts');
    }
    return progress;
  });
}

/** Where an import stands (for a resume after a dropped connection or a reload): the server's lines are the truth. */
export async function importProgressAction(input: { importId: string }): Promise<ImportAnswer<ImportProgress | null>> {
  return run(z.object({ importId }), input, ({ importId: id }) => getImportProgress(db, id));
}
