import { index, mysqlEnum, mysqlTable, primaryKey, timestamp, varchar } from 'drizzle-orm/mysql-core';

export const LEGACY_ENTITIES = ['contact', 'follow_up', 'booking', 'recipient'] as const;
export const LEGACY_FIELDS = [
  'phone',
  'visitor_id',
  'exhibitor_id',
  'location_id',
  'table_id',
  'amounts',
  'employee_id',
  'conversation',
] as const;
export const LEGACY_OUTCOMES = ['resolved', 'ambiguous', 'unresolved', 'by_hand'] as const;
export type LegacyEntity = (typeof LEGACY_ENTITIES)[number];
export type LegacyField = (typeof LEGACY_FIELDS)[number];
export type LegacyOutcome = (typeof LEGACY_OUTCOMES)[number];

/**
 * What the legacy backfill (db/legacy/backfill.ts) decided for each
 * field of each old row it looked at: resolved (and to what, from which
 * original text), ambiguous or unresolved (with the reason), or resolved by
 * an admin by hand — which a later run never overwrites. The report and the
 * admin import page read this table; a run only rewrites rows whose outcome changed.
 */
export const legacyResolutions = mysqlTable(
  'legacy_resolutions',
  {
    entity: mysqlEnum('entity', LEGACY_ENTITIES).notNull(),
    /** The old row's id (a ULID, or an auto-increment id as text). */
    row_id: varchar('row_id', { length: 26 }).notNull(),
    field: mysqlEnum('field', LEGACY_FIELDS).notNull(),
    outcome: mysqlEnum('outcome', LEGACY_OUTCOMES).notNull(),
    reason: varchar('reason', { length: 255 }),
    /** What the old row said (the phone as typed, the location text…). */
    original: varchar('original', { length: 255 }),
    /** What was set (an id, an E.164 phone), when resolved. */
    value: varchar('value', { length: 255 }),
    resolved_by: varchar('resolved_by', { length: 255 }),
    updated_at: timestamp('updated_at', { mode: 'date' }).defaultNow().onUpdateNow(),
  },
  (t) => [
    primaryKey({ name: 'legacy_resolutions_pk', columns: [t.entity, t.row_id, t.field] }),
    // The report: counts per field and outcome; the unresolved rows of a field.
    index('legacy_resolutions_field_outcome_index').on(t.field, t.outcome),
  ],
);
