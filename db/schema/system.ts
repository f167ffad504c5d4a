import {
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  timestamp,
  tinyint,
  varchar,
} from 'drizzle-orm/mysql-core';

/**
 * Client-made idempotency keys of form submits (DESIGN.md invariant 6). The
 * key row is inserted inside the write's own transaction, so a replay either
 * waits on it and then reads the stored result, or finds it committed.
 */
export const idempotencyKeys = mysqlTable(
  'idempotency_keys',
  {
    /** A client-made ULID or UUID (lib/validation.ts idempotencyKey), scoped to its user. */
    key: varchar('key', { length: 64 }).notNull(),
    user_id: varchar('user_id', { length: 255 }).notNull(),
    action: varchar('action', { length: 64 }).notNull(),
    result: json('result'),
    /** Keys expire after IDEMPOTENCY_KEY_DAYS (db/services/idempotency.ts purgeExpiredKeys). */
    created_at: timestamp('created_at', { mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pk', columns: [t.user_id, t.key] }),
    index('idempotency_keys_created_at_index').on(t.created_at),
  ],
);

export const ATTRIBUTION_MODELS = ['last', 'first'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/**
 * Settings admins change at run time: one row (id 1). Attribution: a
 * lead is attributed to a campaign that sent the visitor's phone a message
 * within `attribution_window_days` before its first talk — the most recent
 * (last touch) or the earliest (first touch). Read inside the attribution
 * query itself (db/queries/attribution.ts), so a change applies to the next talk.
 */
export const appSettings = mysqlTable('app_settings', {
  id: tinyint('id', { unsigned: true }).primaryKey().default(1),
  attribution_window_days: int('attribution_window_days').notNull().default(30),
  attribution_model: mysqlEnum('attribution_model', ATTRIBUTION_MODELS).notNull().default('last'),
  updated_by: varchar('updated_by', { length: 255 }),
  updated_at: timestamp('updated_at', { mode: 'date' }).defaultNow().onUpdateNow(),
});
