import {
  foreignKey,
  index,
  mysqlEnum,
  mysqlTable,
  text,
  timestamp,
  varchar,
  type MySqlTableExtraConfigValue,
} from 'drizzle-orm/mysql-core';

import { bookings } from './bookings';
import { campaigns } from './campaigns';
import { bigIdRef, employeeIdCol, timestamps, ulidCol } from './columns';
import { contacts } from './contacts';
import { OUTCOMES } from './enums';
import { followUps } from './follow-ups';
import { locations, stalls } from './locations';
import { users } from './users';

/**
 * What a timeline entry records. `talk` is a booth conversation (it may move
 * the lead); the others are logged against a company without changing the
 * lead: a later payment, a cancellation, a manual note (a phone call), or a
 * row reconstructed from legacy data.
 */
export const CONVERSATION_KINDS = ['talk', 'payment', 'cancellation', 'manual', 'import'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** §1.1: the company-wise timeline; one row per talk. */
export const conversations = mysqlTable(
  'conversations',
  {
    id: ulidCol('id').primaryKey(),
    exhibitor_id: ulidCol('exhibitor_id').notNull(),
    visitor_id: ulidCol('visitor_id'),
    visitor_phone: varchar('visitor_phone', { length: 255 }),
    employee_id: employeeIdCol().notNull(),
    location_id: bigIdRef('location_id'),
    table_id: bigIdRef('table_id'),
    campaign_id: ulidCol('campaign_id'),
    outcome: mysqlEnum('outcome', OUTCOMES).notNull(),
    kind: mysqlEnum('kind', CONVERSATION_KINDS).notNull().default('talk'),
    notes: text('notes'),
    conversation_date: timestamp('conversation_date', { mode: 'date' }).notNull().defaultNow(),
    follow_up_id: bigIdRef('follow_up_id'),
    booking_id: ulidCol('booking_id'),
    ...timestamps,
  },
  (t): MySqlTableExtraConfigValue[] => [
    // The document's single-column indexes on exhibitor_id, location_id, table_id and campaign_id are
    // dropped (migration 0002): a composite index below starts with each column, serves its foreign
    // key and every lookup by it, and each extra index costs every booth write.
    index('conversations_visitor_id_index').on(t.visitor_id),
    index('conversations_visitor_phone_index').on(t.visitor_phone),
    index('conversations_employee_id_index').on(t.employee_id),
    index('conversations_conversation_date_index').on(t.conversation_date),
    index('conversations_outcome_index').on(t.outcome),
    index('conversations_follow_up_id_index').on(t.follow_up_id),
    index('conversations_booking_id_index').on(t.booking_id),
    index('conversations_exhibitor_id_conversation_date_index').on(t.exhibitor_id, t.conversation_date),
    index('conversations_campaign_id_outcome_index').on(t.campaign_id, t.outcome),
    index('conversations_location_id_table_id_conversation_date_index').on(
      t.location_id,
      t.table_id,
      t.conversation_date,
    ),
    // Company read side (db/queries/companies.ts). Each starts with the company, so a
    // company's rows are one range; InnoDB appends the primary key (id) to every secondary index,
    // so the (…, conversation_date) ones hand out a keyset timeline page in (conversation_date, id) order.
    // Talks per stall of a company (stall performance, talks KPI) without touching the rows; the
    // timeline's stall filter; the company's distinct stalls for the filter options.
    index('conversations_exhibitor_id_table_id_kind_index').on(t.exhibitor_id, t.table_id, t.kind),
    // The timeline filtered by campaign, employee or location, in order; whether a company has
    // conversations with a campaign, employee or location (the filter options).
    index('conversations_exhibitor_id_campaign_id_conversation_date_index').on(
      t.exhibitor_id,
      t.campaign_id,
      t.conversation_date,
    ),
    index('conversations_exhibitor_id_employee_id_conversation_date_index').on(
      t.exhibitor_id,
      t.employee_id,
      t.conversation_date,
    ),
    index('conversations_exhibitor_id_location_id_conversation_date_index').on(
      t.exhibitor_id,
      t.location_id,
      t.conversation_date,
    ),
    // Talks per stall across all companies (db/queries/stalls.ts).
    index('conversations_table_id_kind_index').on(t.table_id, t.kind),
    // The document cascades from the exhibitor; a timeline is never erased by a delete (invariant 9).
    foreignKey({
      name: 'conversations_exhibitor_id_foreign',
      columns: [t.exhibitor_id],
      foreignColumns: [contacts.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'conversations_visitor_id_foreign',
      columns: [t.visitor_id],
      foreignColumns: [contacts.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'conversations_employee_id_foreign',
      columns: [t.employee_id],
      foreignColumns: [users.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'conversations_location_id_foreign',
      columns: [t.location_id],
      foreignColumns: [locations.id],
    }).onDelete('set null'),
    foreignKey({ name: 'conversations_table_id_foreign', columns: [t.table_id], foreignColumns: [stalls.id] }).onDelete(
      'set null',
    ),
    foreignKey({
      name: 'conversations_campaign_id_foreign',
      columns: [t.campaign_id],
      foreignColumns: [campaigns.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'conversations_follow_up_id_foreign',
      columns: [t.follow_up_id],
      foreignColumns: [followUps.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'conversations_booking_id_foreign',
      columns: [t.booking_id],
      foreignColumns: [bookings.id],
    }).onDelete('set null'),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;
