import {
  decimal,
  foreignKey,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

import { autoId, timestamps, ulidCol } from './columns';
import { contacts } from './contacts';
import { users } from './users';

export const CAMPAIGN_CHANNELS = ['whatsapp', 'sms', 'email'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'sending', 'sent'] as const;
export const RECIPIENT_STATUSES = ['pending', 'sent', 'failed'] as const;

export const campaigns = mysqlTable(
  'campaigns',
  {
    id: ulidCol('id').primaryKey(),
    name: varchar('name', { length: 255 }).notNull(),
    channel: mysqlEnum('channel', CAMPAIGN_CHANNELS).notNull().default('whatsapp'),
    message: text('message'),
    status: mysqlEnum('status', CAMPAIGN_STATUSES).notNull().default('draft'),
    sent_at: timestamp('sent_at', { mode: 'date' }),
    created_by: ulidCol('created_by'),
    // §1.4 cache counters. They are caches of the source rows, moved in the
    // same transaction as those rows and proved by the reconcile command.
    total_messages_sent: int('total_messages_sent').notNull().default(0),
    /** Recipients of every status, and those failed (pending = total − sent − failed): the admin page's counts. */
    total_recipients: int('total_recipients').notNull().default(0),
    total_failed: int('total_failed').notNull().default(0),
    total_leads_generated: int('total_leads_generated').notNull().default(0),
    total_bookings_created: int('total_bookings_created').notNull().default(0),
    total_revenue: decimal('total_revenue', { precision: 20, scale: 2 }).notNull().default('0.00'),
    /** SUM(price) of the campaign's bookings not cancelled: the analytics list's "booked value". */
    total_booked_value: decimal('total_booked_value', { precision: 20, scale: 2 }).notNull().default('0.00'),
    ...timestamps,
  },
  (t) => [
    index('campaigns_total_revenue_index').on(t.total_revenue),
    index('campaigns_status_index').on(t.status),
    foreignKey({ name: 'campaigns_created_by_foreign', columns: [t.created_by], foreignColumns: [users.id] }).onDelete(
      'set null',
    ),
  ],
);

/**
 * One row per phone per campaign. `status` is the gateway outcome; a real
 * gateway adapter later fills `provider_message_id` and moves pending → sent | failed.
 */
export const campaignRecipients = mysqlTable(
  'campaign_recipients',
  {
    id: autoId(),
    campaign_id: ulidCol('campaign_id').notNull(),
    contact_id: ulidCol('contact_id'),
    phone: varchar('phone', { length: 32 }).notNull(),
    name: varchar('name', { length: 255 }),
    status: mysqlEnum('status', RECIPIENT_STATUSES).notNull().default('pending'),
    sent_at: timestamp('sent_at', { mode: 'date' }),
    error: text('error'),
    provider_message_id: varchar('provider_message_id', { length: 255 }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('campaign_recipients_campaign_id_phone_unique').on(t.campaign_id, t.phone),
    index('campaign_recipients_campaign_id_status_index').on(t.campaign_id, t.status),
    // The admin's recipient list, every status, in id order: a page is a range of this index; without
    // it the server walked the primary key past other campaigns' rows. Not named after (campaign_id)
    // alone: an adopted old database may already have the document's index of that name.
    index('campaign_recipients_campaign_id_id_index').on(t.campaign_id, t.id),
    // Attribution: "was this phone sent a campaign in the last N days?"
    index('campaign_recipients_phone_status_sent_at_index').on(t.phone, t.status, t.sent_at),
    index('campaign_recipients_contact_id_index').on(t.contact_id),
    foreignKey({
      name: 'campaign_recipients_campaign_id_foreign',
      columns: [t.campaign_id],
      foreignColumns: [campaigns.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'campaign_recipients_contact_id_foreign',
      columns: [t.contact_id],
      foreignColumns: [contacts.id],
    }).onDelete('set null'),
  ],
);

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignRecipient = typeof campaignRecipients.$inferSelect;
