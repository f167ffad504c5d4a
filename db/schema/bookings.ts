import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  decimal,
  foreignKey,
  index,
  mysqlEnum,
  mysqlTable,
  timestamp,
  uniqueIndex,
  varchar,
  type MySqlTableExtraConfigValue,
} from 'drizzle-orm/mysql-core';

import { campaigns } from './campaigns';
import { bigIdRef, employeeIdCol, timestamps, ulidCol } from './columns';
import { contacts } from './contacts';
import { conversations } from './conversations';
import { locations, stalls } from './locations';
import { users } from './users';

export const AMOUNT_STATUSES = ['paid', 'partial', 'unpaid'] as const;
export type AmountStatus = (typeof AMOUNT_STATUSES)[number];

export const bookings = mysqlTable(
  'bookings',
  {
    id: ulidCol('id').primaryKey(),
    phone: varchar('phone', { length: 255 }),
    /** The exhibition day the stall is booked for (not the day it was typed in: created_at). */
    booking_date: date('booking_date', { mode: 'string' }).notNull(),
    /** Legacy free-text location and stall, kept for old callers (§7). */
    booking_location: varchar('booking_location', { length: 255 }),
    table_no: varchar('table_no', { length: 255 }),
    price: decimal('price', { precision: 15, scale: 2 }),
    amount_status: mysqlEnum('amount_status', AMOUNT_STATUSES),
    amount_paid: decimal('amount_paid', { precision: 15, scale: 2 }),
    employee_id: employeeIdCol().notNull(),
    exhibitor_id: ulidCol('exhibitor_id'),
    visitor_id: ulidCol('visitor_id'),
    location_id: bigIdRef('location_id'),
    table_id: bigIdRef('table_id'),
    campaign_id: ulidCol('campaign_id'),
    conversation_id: ulidCol('conversation_id'),
    /** A cancelled booking frees its stall and leaves revenue; the row stays. */
    cancelled_at: timestamp('cancelled_at', { mode: 'date' }),
    /** The stall while the booking is active, NULL once cancelled: unique per date (invariant 5). */
    active_table_id: bigint('active_table_id', { mode: 'number', unsigned: true }).generatedAlwaysAs(
      sql`(case when \`cancelled_at\` is null then \`table_id\` end)`,
      { mode: 'stored' },
    ),
    ...timestamps,
  },
  (t): MySqlTableExtraConfigValue[] => [
    index('bookings_phone_index').on(t.phone),
    index('bookings_booking_date_index').on(t.booking_date),
    index('bookings_booking_location_index').on(t.booking_location),
    // No single-column exhibitor_id, table_id or campaign_id index: the composites below start with
    // each of them (migration 0002).
    index('bookings_visitor_id_index').on(t.visitor_id),
    index('bookings_location_id_index').on(t.location_id),
    index('bookings_conversation_id_index').on(t.conversation_id),
    index('bookings_campaign_id_amount_paid_index').on(t.campaign_id, t.amount_paid),
    // A campaign's revenue by company and by payment status without touching the rows (the
    // campaign page's exhibitor breakdown and revenue-by-status widget).
    index('bookings_campaign_id_cancelled_at_covering_index').on(
      t.campaign_id,
      t.cancelled_at,
      t.exhibitor_id,
      t.amount_status,
      t.price,
      t.amount_paid,
    ),
    // A company's revenue without touching the rows: KPIs and the companies list read
    // (exhibitor_id, cancelled_at IS NULL, price, amount_paid); the per-campaign, per-stall and
    // over-time breakdowns the middle columns. Named by hand: the Laravel name would pass
    // MySQL's 64-character limit.
    index('bookings_exhibitor_id_cancelled_at_covering_index').on(
      t.exhibitor_id,
      t.cancelled_at,
      t.campaign_id,
      t.table_id,
      t.created_at,
      t.price,
      t.amount_paid,
    ),
    // Revenue per stall across all companies (db/queries/stalls.ts).
    index('bookings_table_id_cancelled_at_price_amount_paid_index').on(
      t.table_id,
      t.cancelled_at,
      t.price,
      t.amount_paid,
    ),
    uniqueIndex('bookings_stall_date_unique').on(t.active_table_id, t.booking_date),
    // The document cascades from contacts and nulls campaigns; both would erase
    // revenue or its attribution, so they restrict (invariant 9).
    foreignKey({
      name: 'bookings_exhibitor_id_foreign',
      columns: [t.exhibitor_id],
      foreignColumns: [contacts.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'bookings_visitor_id_foreign',
      columns: [t.visitor_id],
      foreignColumns: [contacts.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'bookings_location_id_foreign',
      columns: [t.location_id],
      foreignColumns: [locations.id],
    }).onDelete('restrict'),
    foreignKey({ name: 'bookings_table_id_foreign', columns: [t.table_id], foreignColumns: [stalls.id] }).onDelete(
      'restrict',
    ),
    foreignKey({
      name: 'bookings_campaign_id_foreign',
      columns: [t.campaign_id],
      foreignColumns: [campaigns.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'bookings_conversation_id_foreign',
      columns: [t.conversation_id],
      foreignColumns: [conversations.id],
    }).onDelete('set null'),
    foreignKey({ name: 'bookings_employee_id_foreign', columns: [t.employee_id], foreignColumns: [users.id] }).onDelete(
      'restrict',
    ),
  ],
);

export type Booking = typeof bookings.$inferSelect;
export type NewBooking = typeof bookings.$inferInsert;
