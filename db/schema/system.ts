import { json, mysqlTable, timestamp, varchar } from 'drizzle-orm/mysql-core';

/**
 * Client-made idempotency keys of form submits (DESIGN.md invariant 6). The
 * key row is inserted inside the write's own transaction, so a replay either
 * waits on it and then reads the stored result, or finds it committed.
 */
export const idempotencyKeys = mysqlTable('idempotency_keys', {
  key: varchar('key', { length: 64 }).primaryKey(),
  user_id: varchar('user_id', { length: 255 }).notNull(),
  action: varchar('action', { length: 64 }).notNull(),
  result: json('result'),
  created_at: timestamp('created_at', { mode: 'date' }).notNull().defaultNow(),
});
