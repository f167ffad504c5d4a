import { and, asc, desc, eq, isNull, like, notLike, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/mysql-core';

import type { DbOrTx } from '@/db';
import { bookings, campaigns, contacts, conversations, followUps, locations, stalls, users } from '@/db/schema';

import { findAttributedCampaign } from './attribution';
import { containsPattern, startsPattern } from './like';

/** A location as the booth's "where am I" picker lists it, without its stalls. */
export type BoothLocation = {
  id: number;
  name: string;
  event_start_date: string | null;
  event_end_date: string | null;
};
/** A stall as the booth's pickers list it; the list price prefills the booking. */
export type BoothStall = { id: number; name: string; price: string };

/**
 * Every location, by name, without stalls: one row per venue or event, a few
 * dozen after years of exhibitions (24 in the large data set), so the picker
 * lists them all. The stalls of one location come from `listLocationStalls`.
 */
export async function listBoothLocations(db: DbOrTx): Promise<BoothLocation[]> {
  return db
    .select({
      id: locations.id,
      name: locations.loc_name,
      event_start_date: locations.event_start_date,
      event_end_date: locations.event_end_date,
    })
    .from(locations)
    .orderBy(asc(locations.loc_name), asc(locations.id));
}

/**
 * The stalls of one location, by name: a range of the (location, table name)
 * unique index. A venue's floor plan bounds it (150 a location in the large
 * data set); an unknown location has none.
 */
export async function listLocationStalls(db: DbOrTx, locationId: number): Promise<BoothStall[]> {
  return db
    .select({ id: stalls.id, name: stalls.table_name, price: stalls.price })
    .from(stalls)
    .where(eq(stalls.location_mngt_id, locationId))
    .orderBy(asc(stalls.table_name));
}

/** Exhibitors whose name starts with (or contains) the text; prefix matches first. */
export async function searchExhibitors(db: DbOrTx, q: string, limit = 12) {
  const text = q.trim();
  return (
    db
      .select({ id: contacts.id, name: contacts.name, city: contacts.city })
      .from(contacts)
      .where(
        and(
          eq(contacts.type, 'exhibitor'),
          isNull(contacts.deleted_at),
          text ? like(contacts.name, containsPattern(text)) : undefined,
        ),
      )
      // Without a text the index's own order answers (no sort of every company).
      .orderBy(...(text ? [notLike(contacts.name, startsPattern(text))] : []), asc(contacts.name))
      .limit(limit)
  );
}

/** At most this many companies of one location are kept on a tablet for searching offline. */
export const DEVICE_COMPANIES_MAX = 1000;

/**
 * The companies of one location, for the tablet's offline copy: the exhibitors booked there or
 * with a lead there, the `limit` most recently active ones (a busy venue has thousands over the
 * years), listed by name. Two index ranges (bookings and follow-ups by location), one group;
 * about 75 ms for a location of the large data set (14,852 leads and 2,280 bookings of 3,862
 * companies), once per tablet and location every ten minutes at most.
 */
export async function listLocationCompanies(db: DbOrTx, locationId: number, limit = DEVICE_COMPANIES_MAX) {
  const activity = unionAll(
    db
      .select({ exhibitor_id: bookings.exhibitor_id, at: bookings.created_at })
      .from(bookings)
      .where(eq(bookings.location_id, locationId)),
    db
      .select({ exhibitor_id: followUps.exhibitor_id, at: followUps.created_at })
      .from(followUps)
      .where(eq(followUps.location_id, locationId)),
  ).as('activity');
  const last = sql`max(${activity.at})`;
  // The limit is taken before the live-exhibitor filter (a deleted company then takes a slot, so at
  // most `limit` come back): filtering first joins every row of the location, twice the time here.
  const recent = db
    .select({ id: activity.exhibitor_id })
    .from(activity)
    .groupBy(activity.exhibitor_id)
    .orderBy(desc(last), desc(activity.exhibitor_id))
    .limit(limit)
    .as('recent');
  return db
    .select({ id: contacts.id, name: contacts.name, city: contacts.city })
    .from(contacts)
    .innerJoin(recent, eq(recent.id, contacts.id))
    .where(and(eq(contacts.type, 'exhibitor'), isNull(contacts.deleted_at)))
    .orderBy(asc(contacts.name), asc(contacts.id));
}

/** What a tablet keeps of one location to work offline: its stalls with list prices and its companies. */
export type BoothDeviceCopy = {
  locationId: number;
  stalls: BoothStall[];
  companies: { id: string; name: string; city: string | null }[];
  /** When the server read it (ISO 8601). */
  refreshedAt: string;
};

export async function getBoothDeviceCopy(db: DbOrTx, locationId: number): Promise<BoothDeviceCopy> {
  const [stallRows, companies] = await Promise.all([
    listLocationStalls(db, locationId),
    listLocationCompanies(db, locationId),
  ]);
  return { locationId, stalls: stallRows, companies, refreshedAt: new Date().toISOString() };
}

export async function getExhibitor(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: contacts.id, name: contacts.name, city: contacts.city })
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.type, 'exhibitor'), isNull(contacts.deleted_at)));
  return row ?? null;
}

/** Recently sent campaigns, for the campaign picker. */
export async function listRecentCampaigns(db: DbOrTx, limit = 30) {
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .orderBy(desc(campaigns.sent_at), desc(campaigns.id))
    .limit(limit);
}

/**
 * What the booth form shows once a phone (E.164) and a company are known: the
 * visitor, their open lead and last talks with this company, their bookings
 * with it, and the campaign the rule would attribute a new lead to. A fixed
 * five queries.
 */
export async function lookupVisitor(db: DbOrTx, phone: string, exhibitorId: string | null) {
  const [visitorRows, openLead, recentTalks, visitorBookings, suggestion] = await Promise.all([
    db
      .select({ id: contacts.id, name: contacts.name, city: contacts.city })
      .from(contacts)
      .where(and(eq(contacts.phone, phone), eq(contacts.type, 'visitor'), isNull(contacts.deleted_at)))
      .limit(2),
    exhibitorId
      ? db
          .select({
            id: followUps.id,
            status: followUps.status,
            comment: followUps.comment,
            next_followup_date: followUps.next_followup_date,
            next_followup_time: followUps.next_followup_time,
            campaign_id: followUps.campaign_id,
            campaign_name: campaigns.name,
          })
          .from(followUps)
          .leftJoin(campaigns, eq(campaigns.id, followUps.campaign_id))
          .where(and(eq(followUps.exhibitor_id, exhibitorId), eq(followUps.open_lead_phone, phone)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    exhibitorId
      ? db
          .select({
            id: conversations.id,
            outcome: conversations.outcome,
            kind: conversations.kind,
            notes: conversations.notes,
            conversation_date: conversations.conversation_date,
            employee: users.name,
          })
          .from(conversations)
          .innerJoin(users, eq(users.id, conversations.employee_id))
          .where(and(eq(conversations.exhibitor_id, exhibitorId), eq(conversations.visitor_phone, phone)))
          .orderBy(desc(conversations.conversation_date), desc(conversations.id))
          .limit(5)
      : Promise.resolve([]),
    exhibitorId
      ? db
          .select({
            id: bookings.id,
            booking_date: bookings.booking_date,
            stall: stalls.table_name,
            location: locations.loc_name,
            price: bookings.price,
            amount_paid: bookings.amount_paid,
            amount_status: bookings.amount_status,
          })
          .from(bookings)
          .leftJoin(stalls, eq(stalls.id, bookings.table_id))
          .leftJoin(locations, eq(locations.id, bookings.location_id))
          .where(and(eq(bookings.exhibitor_id, exhibitorId), eq(bookings.phone, phone), isNull(bookings.cancelled_at)))
          .orderBy(desc(bookings.booking_date))
          .limit(10)
      : Promise.resolve([]),
    findAttributedCampaign(db, phone),
  ]);
  return {
    phone,
    // Two contacts with one phone (legacy duplicates) are not guessed between.
    visitor: visitorRows.length === 1 ? visitorRows[0]! : null,
    openLead,
    recentTalks,
    bookings: visitorBookings,
    suggestion,
  };
}
export type VisitorLookup = Awaited<ReturnType<typeof lookupVisitor>>;
