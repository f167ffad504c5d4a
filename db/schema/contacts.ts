import { index, int, json, mysqlEnum, mysqlTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/mysql-core';

import { timestamps, ulidCol } from './columns';

export const CONTACT_TYPES = ['exhibitor', 'visitor'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/**
 * Exhibitor companies and visitors in one table, as in the legacy app.
 * `phone` holds E.164 (+919876543210) for every row we write; legacy rows are
 * normalised by the backfill. Soft-deleted only (DESIGN.md invariant 9).
 */
export const contacts = mysqlTable(
  'contacts',
  {
    id: ulidCol('id').primaryKey(),
    type: mysqlEnum('type', CONTACT_TYPES).notNull(),
    name: varchar('name', { length: 255 }).notNull(),
    company_name: varchar('company_name', { length: 255 }),
    phone: varchar('phone', { length: 32 }),
    email: varchar('email', { length: 255 }),
    city: varchar('city', { length: 255 }),
    /** Companies: who to ask for. */
    contact_person: varchar('contact_person', { length: 255 }),
    address: varchar('address', { length: 1000 }),
    /** Companies: 15-character GSTIN, checksum-validated (lib/gstin.ts), upper case. */
    gstin: varchar('gstin', { length: 15 }),
    notes: text('notes'),
    /** A contact merged away (soft-deleted) remembers which contact it became, so old links resolve. */
    merged_into_id: ulidCol('merged_into_id'),
    deleted_at: timestamp('deleted_at', { mode: 'date' }),
    ...timestamps,
  },
  (t) => [
    index('contacts_phone_index').on(t.phone),
    // Lists of one type, not deleted, by name (the companies list, the booth's company picker): the
    // range, the order and the city without touching the rows (replaces (type, name), migration 0002).
    index('contacts_type_deleted_at_name_city_index').on(t.type, t.deleted_at, t.name, t.city),
    index('contacts_city_index').on(t.city),
    // The duplicates page (live visitors sharing a phone or an email) and the import's matching:
    // one range of a type's live rows, grouped in phone / email order.
    index('contacts_type_deleted_at_phone_index').on(t.type, t.deleted_at, t.phone),
    index('contacts_type_deleted_at_email_index').on(t.type, t.deleted_at, t.email),
    index('contacts_merged_into_id_index').on(t.merged_into_id),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

export const IMPORT_MODES = ['create', 'upsert', 'update'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_STATUSES = ['running', 'done', 'reverted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_ROW_RESULTS = ['created', 'updated', 'unchanged', 'invalid', 'duplicate', 'skipped'] as const;
export type ImportRowResult = (typeof IMPORT_ROW_RESULTS)[number];

/**
 * A CSV import of companies or visitors: one batch, applied in chunks
 * (each one transaction), revertable. `mapping` is the column → field mapping
 * used, offered again for the next file of the same type.
 */
export const contactImports = mysqlTable(
  'contact_imports',
  {
    id: ulidCol('id').primaryKey(),
    type: mysqlEnum('type', CONTACT_TYPES).notNull(),
    mode: mysqlEnum('mode', IMPORT_MODES).notNull(),
    file_name: varchar('file_name', { length: 255 }).notNull(),
    mapping: json('mapping').$type<Record<string, string>>(),
    status: mysqlEnum('status', IMPORT_STATUSES).notNull().default('running'),
    rows_total: int('rows_total').notNull().default(0),
    created_count: int('created_count').notNull().default(0),
    updated_count: int('updated_count').notNull().default(0),
    unchanged_count: int('unchanged_count').notNull().default(0),
    invalid_count: int('invalid_count').notNull().default(0),
    duplicate_count: int('duplicate_count').notNull().default(0),
    skipped_count: int('skipped_count').notNull().default(0),
    created_by: varchar('created_by', { length: 255 }).notNull(),
    finished_at: timestamp('finished_at', { mode: 'date' }),
    reverted_at: timestamp('reverted_at', { mode: 'date' }),
    reverted_by: varchar('reverted_by', { length: 255 }),
    ...timestamps,
  },
  (t) => [index('contact_imports_type_created_at_index').on(t.type, t.created_at)],
);

/**
 * Every line of an import and what became of it. The primary key makes a
 * re-sent chunk (a dropped connection, a resume) write nothing twice; `before`
 * is the updated contact's values before the import, for the revert.
 */
export const contactImportRows = mysqlTable(
  'contact_import_rows',
  {
    import_id: ulidCol('import_id').notNull(),
    line: int('line').notNull(),
    result: mysqlEnum('result', IMPORT_ROW_RESULTS).notNull(),
    contact_id: ulidCol('contact_id'),
    reason: varchar('reason', { length: 500 }),
    /** The row as read from the file (mapped fields), for the report of rejected rows. */
    input: json('input').$type<Record<string, string>>(),
    before: json('before').$type<Record<string, string | null>>(),
  },
  (t) => [
    primaryKey({ name: 'contact_import_rows_pk', columns: [t.import_id, t.line] }),
    index('contact_import_rows_contact_id_index').on(t.contact_id),
  ],
);

/**
 * A merge of two contacts of one type: `merged_id` was soft-deleted
 * into `survivor_id`; `moved` counts what moved. Shown on the timelines of the
 * companies it touched (contact_merge_companies).
 */
export const contactMerges = mysqlTable(
  'contact_merges',
  {
    id: ulidCol('id').primaryKey(),
    type: mysqlEnum('type', CONTACT_TYPES).notNull(),
    survivor_id: ulidCol('survivor_id').notNull(),
    merged_id: ulidCol('merged_id').notNull(),
    /** Names at the time of the merge, for the timeline line. */
    survivor_name: varchar('survivor_name', { length: 255 }).notNull(),
    merged_name: varchar('merged_name', { length: 255 }).notNull(),
    moved: json('moved').$type<Record<string, number>>(),
    merged_by: varchar('merged_by', { length: 255 }).notNull(),
    created_at: timestamp('created_at', { mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_merges_survivor_id_index').on(t.survivor_id),
    index('contact_merges_merged_id_index').on(t.merged_id),
  ],
);

/** Which companies' timelines show a merge: the merged company, or each company a merged visitor's leads were with. */
export const contactMergeCompanies = mysqlTable(
  'contact_merge_companies',
  {
    exhibitor_id: ulidCol('exhibitor_id').notNull(),
    merge_id: ulidCol('merge_id').notNull(),
    created_at: timestamp('created_at', { mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'contact_merge_companies_pk', columns: [t.exhibitor_id, t.merge_id] }),
    index('contact_merge_companies_exhibitor_created_index').on(t.exhibitor_id, t.created_at),
  ],
);
