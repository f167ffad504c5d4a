import { index, mysqlEnum, mysqlTable, timestamp, varchar } from 'drizzle-orm/mysql-core';
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
    deleted_at: timestamp('deleted_at', { mode: 'date' }),
    ...timestamps,
  },
  (t) => [
    index('contacts_phone_index').on(t.phone),
    // Lists of one type, not deleted, by name (the companies list, the booth's company picker): the
    // range, the order and the city without touching the rows (replaces (type, name), migration 0002).
    index('contacts_type_deleted_at_name_city_index').on(t.type, t.deleted_at, t.name, t.city),
    index('contacts_city_index').on(t.city),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
