import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  mysqlEnum,
  mysqlTable,
  text,
  time,
  uniqueIndex,
  varchar,
  type MySqlTableExtraConfigValue,
} from 'drizzle-orm/mysql-core';

import { campaigns } from './campaigns';
import { autoId, bigIdRef, employeeIdCol, timestamps, ulidCol } from './columns';
import { contacts } from './contacts';
import { conversations } from './conversations';
import { OUTCOMES } from './enums';
import { locations, stalls } from './locations';
import { users } from './users';

/**
 * A follow-up is a lead: one visitor's interest in one company. While it is
 * open (busy / interested) later talks update it; materialised closes it.
 */
export const followUps = mysqlTable(
  'follow_ups',
  {
    id: autoId(),
    phone: varchar('phone', { length: 255 }).notNull(),
    exhibitor_id: ulidCol('exhibitor_id'),
    visitor_id: ulidCol('visitor_id'),
    location_id: bigIdRef('location_id'),
    table_id: bigIdRef('table_id'),
    campaign_id: ulidCol('campaign_id'),
    /** The latest talk of this lead. */
    conversation_id: ulidCol('conversation_id'),
    status: mysqlEnum('status', OUTCOMES).notNull(),
    next_followup_date: date('next_followup_date', { mode: 'string' }),
    next_followup_time: time('next_followup_time'),
    comment: text('comment'),
    employee_id: employeeIdCol().notNull(),
    /**
     * The phone while the lead is open, NULL once materialised (or without a
     * company). Unique with exhibitor_id: two tablets cannot open a second
     * lead for the same visitor and company (DESIGN.md invariant 11).
     */
    open_lead_phone: varchar('open_lead_phone', { length: 255 }).generatedAlwaysAs(
      sql`(case when \`status\` <> 'materialised' and \`exhibitor_id\` is not null then \`phone\` end)`,
      { mode: 'stored' },
    ),
    ...timestamps,
  },
  (t): MySqlTableExtraConfigValue[] => [
    index('follow_ups_phone_index').on(t.phone),
    // No single-column exhibitor_id index: (exhibitor_id, status, created_at) starts with it (migration 0002).
    index('follow_ups_visitor_id_index').on(t.visitor_id),
    index('follow_ups_location_id_index').on(t.location_id),
    index('follow_ups_table_id_index').on(t.table_id),
    // A campaign's leads, newest first (the campaign page); replaces the single-column campaign_id index (migration 0004).
    index('follow_ups_campaign_id_created_at_index').on(t.campaign_id, t.created_at),
    // A campaign's leads per company from the index alone (the campaign page's exhibitor breakdown).
    index('follow_ups_campaign_id_exhibitor_id_index').on(t.campaign_id, t.exhibitor_id),
    index('follow_ups_conversation_id_index').on(t.conversation_id),
    index('follow_ups_exhibitor_id_status_created_at_index').on(t.exhibitor_id, t.status, t.created_at),
    // A company's leads per campaign (contributing campaigns).
    index('follow_ups_exhibitor_id_campaign_id_index').on(t.exhibitor_id, t.campaign_id),
    // "My follow-ups": what is due for an employee, by date.
    index('follow_ups_employee_id_next_followup_date_index').on(t.employee_id, t.next_followup_date),
    uniqueIndex('follow_ups_open_lead_unique').on(t.exhibitor_id, t.open_lead_phone),
    // The document cascades from contacts; we restrict so no delete erases a lead (invariant 9).
    foreignKey({
      name: 'follow_ups_exhibitor_id_foreign',
      columns: [t.exhibitor_id],
      foreignColumns: [contacts.id],
    }).onDelete('restrict'),
    foreignKey({
      name: 'follow_ups_visitor_id_foreign',
      columns: [t.visitor_id],
      foreignColumns: [contacts.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'follow_ups_location_id_foreign',
      columns: [t.location_id],
      foreignColumns: [locations.id],
    }).onDelete('set null'),
    foreignKey({ name: 'follow_ups_table_id_foreign', columns: [t.table_id], foreignColumns: [stalls.id] }).onDelete(
      'set null',
    ),
    foreignKey({
      name: 'follow_ups_campaign_id_foreign',
      columns: [t.campaign_id],
      foreignColumns: [campaigns.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'follow_ups_conversation_id_foreign',
      columns: [t.conversation_id],
      foreignColumns: [conversations.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'follow_ups_employee_id_foreign',
      columns: [t.employee_id],
      foreignColumns: [users.id],
    }).onDelete('restrict'),
  ],
);

export type FollowUp = typeof followUps.$inferSelect;
export type NewFollowUp = typeof followUps.$inferInsert;
