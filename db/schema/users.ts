import { boolean, index, int, mysqlEnum, mysqlTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

import { timestamps, ulidCol } from './columns';

export const ROLES = ['employee', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = mysqlTable(
  'users',
  {
    id: ulidCol('id').primaryKey(),
    name: varchar('name', { length: 255 }).notNull(),
    email: varchar('email', { length: 255 }).notNull(),
    /** argon2id hash; never selected outside lib/auth. */
    password: varchar('password', { length: 255 }).notNull(),
    role: mysqlEnum('role', ROLES).notNull().default('employee'),
    active: boolean('active').notNull().default(true),
    /**
     * Moved on sign-out, password reset, role change and deactivation: a session
     * carries the version it was issued with and stops working once it differs.
     */
    session_version: int('session_version').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_role_index').on(t.role)],
);

/**
 * Sign-in attempts per key, for the throttle in lib/login-throttle.ts: the
 * lower-cased email typed (whether or not such a user exists, so probing
 * unknown emails is throttled the same way) and `ip:<client address>`. An
 * attempt is counted before its password is checked.
 */
export const loginAttempts = mysqlTable('login_attempts', {
  email: varchar('email', { length: 255 }).primaryKey(),
  failures: int('failures').notNull().default(0),
  last_failed_at: timestamp('last_failed_at', { mode: 'date' }),
  locked_until: timestamp('locked_until', { mode: 'date' }),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
