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
    index('contacts_type_name_index').on(t.type, t.name),
    index('contacts_city_index').on(t.city),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
