import { relations } from 'drizzle-orm';
import { users } from './users';
import { contacts } from './contacts';
import { locations, stalls } from './locations';
import { campaigns, campaignRecipients } from './campaigns';
import { followUps } from './follow-ups';
import { bookings } from './bookings';
import { conversations } from './conversations';

export const locationsRelations = relations(locations, ({ many }) => ({ stalls: many(stalls) }));
export const stallsRelations = relations(stalls, ({ one }) => ({
  location: one(locations, { fields: [stalls.location_mngt_id], references: [locations.id] }),
}));

export const campaignsRelations = relations(campaigns, ({ many, one }) => ({
  recipients: many(campaignRecipients),
  followUps: many(followUps),
  bookings: many(bookings),
  conversations: many(conversations),
  creator: one(users, { fields: [campaigns.created_by], references: [users.id] }),
}));
export const campaignRecipientsRelations = relations(campaignRecipients, ({ one }) => ({
  campaign: one(campaigns, { fields: [campaignRecipients.campaign_id], references: [campaigns.id] }),
  contact: one(contacts, { fields: [campaignRecipients.contact_id], references: [contacts.id] }),
}));

export const followUpsRelations = relations(followUps, ({ one, many }) => ({
  exhibitor: one(contacts, { fields: [followUps.exhibitor_id], references: [contacts.id], relationName: 'exhibitorFollowUps' }),
  visitor: one(contacts, { fields: [followUps.visitor_id], references: [contacts.id], relationName: 'visitorFollowUps' }),
  location: one(locations, { fields: [followUps.location_id], references: [locations.id] }),
  table: one(stalls, { fields: [followUps.table_id], references: [stalls.id] }),
  campaign: one(campaigns, { fields: [followUps.campaign_id], references: [campaigns.id] }),
  conversation: one(conversations, { fields: [followUps.conversation_id], references: [conversations.id], relationName: 'latestTalk' }),
  employee: one(users, { fields: [followUps.employee_id], references: [users.id] }),
  conversations: many(conversations, { relationName: 'followUpTalks' }),
}));

export const bookingsRelations = relations(bookings, ({ one }) => ({
  exhibitor: one(contacts, { fields: [bookings.exhibitor_id], references: [contacts.id], relationName: 'exhibitorBookings' }),
  visitor: one(contacts, { fields: [bookings.visitor_id], references: [contacts.id], relationName: 'visitorBookings' }),
  location: one(locations, { fields: [bookings.location_id], references: [locations.id] }),
  table: one(stalls, { fields: [bookings.table_id], references: [stalls.id] }),
  campaign: one(campaigns, { fields: [bookings.campaign_id], references: [campaigns.id] }),
  conversation: one(conversations, { fields: [bookings.conversation_id], references: [conversations.id], relationName: 'bookingTalk' }),
  employee: one(users, { fields: [bookings.employee_id], references: [users.id] }),
}));

export const conversationsRelations = relations(conversations, ({ one }) => ({
  exhibitor: one(contacts, { fields: [conversations.exhibitor_id], references: [contacts.id], relationName: 'exhibitorConversations' }),
  visitor: one(contacts, { fields: [conversations.visitor_id], references: [contacts.id], relationName: 'visitorConversations' }),
  employee: one(users, { fields: [conversations.employee_id], references: [users.id] }),
  location: one(locations, { fields: [conversations.location_id], references: [locations.id] }),
  table: one(stalls, { fields: [conversations.table_id], references: [stalls.id] }),
  campaign: one(campaigns, { fields: [conversations.campaign_id], references: [campaigns.id] }),
  followUp: one(followUps, { fields: [conversations.follow_up_id], references: [followUps.id], relationName: 'followUpTalks' }),
  booking: one(bookings, { fields: [conversations.booking_id], references: [bookings.id] }),
}));

export const contactsRelations = relations(contacts, ({ many }) => ({
  conversations: many(conversations, { relationName: 'exhibitorConversations' }),
  followUps: many(followUps, { relationName: 'exhibitorFollowUps' }),
  bookings: many(bookings, { relationName: 'exhibitorBookings' }),
}));
