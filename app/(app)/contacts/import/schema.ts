import { z } from 'zod';

import { CONTACT_TYPES, IMPORT_MODES } from '@/db/schema/contacts';
import { CONTACT_FIELDS, type ContactField } from '@/lib/contact-fields';
import { IMPORT_CHUNK_ROWS, MAX_CELL, MAX_IMPORT_LINES } from '@/lib/contact-import';
import { ulidField } from '@/lib/validation';

const ALL_FIELDS = [...new Set([...CONTACT_FIELDS.exhibitor, ...CONTACT_FIELDS.visitor])] as [
  ContactField,
  ...ContactField[],
];
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

export const matchRowsSchema = z.object({ type: z.enum(CONTACT_TYPES), rows: rowsSchema });

export const startSchema = z.object({
  id: importId,
  type: z.enum(CONTACT_TYPES),
  mode: z.enum(IMPORT_MODES),
  fileName: z.string().trim().min(1).max(255),
  mapping: z.record(z.string().max(255), z.string().max(32)).refine((m) => Object.keys(m).length <= 200),
  rowsTotal: z.number().int().min(1).max(MAX_IMPORT_LINES),
});

export const importChunkSchema = z.object({ importId, rows: rowsSchema });
export const importProgressSchema = z.object({ importId });
