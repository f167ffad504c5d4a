import { datetime, index, json, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

import { employeeIdCol, ulidCol } from './columns';

/** Where a write came from: a signed-in screen (server action or route), an import, or a script on the server. */
export const AUDIT_ORIGINS = ['screen', 'import', 'script'] as const;
export type AuditOrigin = (typeof AUDIT_ORIGINS)[number];

/**
 * The audit trail (issue 15): one row per money-changing write and per admin
 * change, inserted in the same transaction as the write (db/services/audit.ts).
 * Append-only: no code path updates or deletes a row (tests/audit.test.ts);
 * README §Audit says how to make the database refuse it too. The id is a ULID
 * of the moment, so pages are keyset by id and a date range is an id range.
 * No foreign key on purpose: the trail outlives what it describes.
 */
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: ulidCol('id').primaryKey(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
    /** Who: a users.id; null for a script run on the server. */
    user_id: employeeIdCol('user_id'),
    origin: mysqlEnum('origin', AUDIT_ORIGINS).notNull(),
    /** The screen's path or the script's name. */
    origin_detail: varchar('origin_detail', { length: 160 }),
    /** What: 'booking.created', 'payment.recorded', 'user.role_changed', … (AUDIT_ACTIONS). */
    action: varchar('action', { length: 48 }).notNull(),
    entity: varchar('entity', { length: 32 }).notNull(),
    entity_id: varchar('entity_id', { length: 64 }).notNull(),
    before: json('before'),
    after: json('after'),
  },
  (t) => [
    index('audit_log_entity_index').on(t.entity, t.entity_id, t.id),
    index('audit_log_user_index').on(t.user_id, t.id),
    index('audit_log_action_index').on(t.action, t.id),
  ],
);
