/**
 * Row factories for integration tests: every test builds its world here.
 * Test files share one fresh database per run, so every name, email and phone
 * made here is unique (a ULID suffix or random digits), and each helper returns
 * the ids it made. Times are pinned by the caller; a default is never "today"
 * unless the service under test reads the clock itself.
 * Each factory writes through `on` (the app's db by default), so a test with a
 * private server (db-restart) builds its world the same way. A lead, a talk or
 * a booking made here moves the counters as the services would
 * (countInserted, db/services/counters.ts), so the read models that show them agree.
 */
import { randomInt } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';

import { db, type Db } from '@/db';
import {
  bookings,
  campaignRecipients,
  campaigns,
  campaignStats,
  contacts,
  conversations,
  followUps,
  locations,
  stalls,
  users,
  type ContactType,
  type NewBooking,
  type NewContact,
  type NewConversation,
  type NewFollowUp,
  type NewUser,
  type Outcome,
} from '@/db/schema';
import { countInserted } from '@/db/services/counters';
import { recordEntry, type EntryInput } from '@/db/services/entries';
import { ulid } from '@/lib/ulid';

/** A short unique tag for names: the random tail of a ULID. */
export const tag = (): string => ulid().slice(-10).toLowerCase();

/** A unique, valid Indian mobile in E.164: +91 9XXXXXXXXX. */
export function uniquePhone(): string {
  return `+919${randomInt(0, 1_000_000_000).toString().padStart(9, '0')}`;
}

/** The value of a rejected promise; fails the test when the promise resolves. */
export async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('Expected the database to refuse this statement, but it succeeded.');
}

export async function makeUser(over: Partial<NewUser> = {}, on: Db = db) {
  const t = tag();
  const row = {
    id: ulid(),
    name: `User ${t}`,
    email: `user-${t}@test.invalid`,
    password: 'not-a-hash',
    role: 'employee' as const,
    ...over,
  };
  await on.insert(users).values(row);
  return row;
}

export async function makeContact(type: ContactType, over: Partial<NewContact> = {}, on: Db = db) {
  const t = tag();
  const row = {
    id: ulid(),
    type,
    name: type === 'exhibitor' ? `Exhibitor ${t}` : `Visitor ${t}`,
    company_name: type === 'exhibitor' ? `Company ${t}` : null,
    phone: uniquePhone(),
    ...over,
  };
  await on.insert(contacts).values(row);
  return row;
}
export const makeExhibitor = (over: Partial<NewContact> = {}, on: Db = db) => makeContact('exhibitor', over, on);
export const makeVisitor = (over: Partial<NewContact> = {}, on: Db = db) => makeContact('visitor', over, on);

/** A stall by name, at the location's default price unless it names its own. */
export type StallSpec = string | { name: string; price: string };

/**
 * A location and its stalls, in order: `stalls` is a count (named `${prefix}1`, `${prefix}2`, …)
 * or the stalls by name. The event runs 10–14 Jan 2027 unless `event` says otherwise
 * (`null`: a location without event dates).
 */
export async function makeLocation(
  opts: {
    name?: string;
    stalls?: number | StallSpec[];
    prefix?: string;
    price?: string;
    event?: { start: string; end: string } | null;
  } = {},
  on: Db = db,
) {
  const {
    stalls: given = 2,
    prefix = 'T-',
    price = '50000.00',
    event = { start: '2027-01-10', end: '2027-01-14' },
  } = opts;
  const name = opts.name ?? `Hall ${tag()}`;
  const [loc] = await on
    .insert(locations)
    .values({ loc_name: name, event_start_date: event?.start ?? null, event_end_date: event?.end ?? null });
  const locationId = loc.insertId;
  const specs = typeof given === 'number' ? Array.from({ length: given }, (_, i) => `${prefix}${i + 1}`) : given;
  const rows = specs.map((s) => (typeof s === 'string' ? { name: s, price } : s));
  if (rows.length)
    await on
      .insert(stalls)
      .values(rows.map((r) => ({ location_mngt_id: locationId, table_name: r.name, price: r.price })));
  const made = await on
    .select({ id: stalls.id })
    .from(stalls)
    .where(eq(stalls.location_mngt_id, locationId))
    .orderBy(asc(stalls.id));
  return { locationId, name, stallIds: made.map((s) => s.id) };
}

type RecipientSpec = string | Omit<typeof campaignRecipients.$inferInsert, 'campaign_id'>;

/**
 * Phones a campaign messaged, written as they stand; the recipient counters (all, failed) move with
 * them as the services move them, messages sent does not (a fixture sets it, or the test reconciles).
 */
export async function makeRecipients(campaignId: string, recipients: RecipientSpec[], on: Db = db) {
  const rows = recipients.map((r) => ({ campaign_id: campaignId, ...(typeof r === 'string' ? { phone: r } : r) }));
  if (!rows.length) return;
  await on.transaction(async (tx) => {
    await tx.insert(campaignRecipients).values(rows);
    await tx
      .update(campaigns)
      .set({
        total_recipients: sql`${campaigns.total_recipients} + ${rows.length}`,
        total_failed: sql`${campaigns.total_failed} + ${rows.filter((r) => r.status === 'failed').length}`,
      })
      .where(eq(campaigns.id, campaignId));
  });
}

/** A campaign, sent now unless told otherwise; `recipients` are the phones it messaged (each row may pin its own status and time). */
export async function makeCampaign(
  over: Partial<typeof campaigns.$inferInsert> = {},
  opts: {
    recipients?: RecipientSpec[];
    /** Stored counters (campaign_stats, shard 0) without source rows: a fixture for sorting and drift. */
    counters?: Partial<Omit<typeof campaignStats.$inferInsert, 'campaign_id' | 'shard'>>;
  } = {},
  on: Db = db,
) {
  const row = { id: ulid(), name: `Campaign ${tag()}`, status: 'sent' as const, sent_at: new Date(), ...over };
  await on.insert(campaigns).values(row);
  if (opts.counters) await on.insert(campaignStats).values({ campaign_id: row.id, shard: 0, ...opts.counters });
  await makeRecipients(row.id, opts.recipients ?? [], on);
  return row;
}

/** A campaign's stored counters, summed over its campaign_stats shards (zeros when it has none). */
export async function campaignTotals(campaignId: string, on: Db = db) {
  const [row] = await on
    .select({
      leads: sql<string>`coalesce(sum(${campaignStats.leads}), 0)`,
      bookings: sql<string>`coalesce(sum(${campaignStats.bookings}), 0)`,
      revenue: sql<string>`cast(coalesce(sum(${campaignStats.revenue}), 0) as decimal(20,2))`,
      booked: sql<string>`cast(coalesce(sum(${campaignStats.booked}), 0) as decimal(20,2))`,
    })
    .from(campaignStats)
    .where(eq(campaignStats.campaign_id, campaignId));
  return {
    leads: Number(row!.leads),
    bookings: Number(row!.bookings),
    revenue: String(row!.revenue),
    booked: String(row!.booked),
  };
}

/** A follow-up (lead) on its own, without a talk. */
export async function makeLead(opts: {
  employeeId: string;
  exhibitorId?: string | null;
  phone?: string;
  status?: Outcome;
  over?: Partial<NewFollowUp>;
}) {
  // The row and its counters in one transaction: other files recount every counter meanwhile.
  return db.transaction(async (tx) => {
    const [fu] = await tx.insert(followUps).values({
      phone: opts.phone ?? uniquePhone(),
      exhibitor_id: opts.exhibitorId ?? null,
      employee_id: opts.employeeId,
      status: opts.status ?? 'interested',
      ...opts.over,
    });
    await countInserted(tx, { followUps: [fu.insertId] });
    return fu.insertId;
  });
}

/** A follow-up (lead) and its conversation (talk), linked both ways. */
export async function makeFollowUp(opts: {
  employeeId: string;
  exhibitorId: string;
  phone?: string;
  status?: Outcome;
  over?: Partial<NewFollowUp>;
  talk?: Partial<NewConversation>;
}) {
  const phone = opts.phone ?? uniquePhone();
  const status = opts.status ?? 'interested';
  const followUpId = await db.transaction(async (tx) => {
    const [fu] = await tx.insert(followUps).values({
      phone,
      exhibitor_id: opts.exhibitorId,
      employee_id: opts.employeeId,
      status,
      ...opts.over,
    });
    await countInserted(tx, { followUps: [fu.insertId] });
    return fu.insertId;
  });
  const conversationId = await makeConversation({
    employeeId: opts.employeeId,
    exhibitorId: opts.exhibitorId,
    over: { visitor_phone: phone, outcome: status, follow_up_id: followUpId, ...opts.talk },
  });
  await db.update(followUps).set({ conversation_id: conversationId }).where(eq(followUps.id, followUpId));
  return { followUpId, conversationId, phone };
}

export async function makeConversation(opts: {
  employeeId: string;
  exhibitorId: string;
  over?: Partial<NewConversation>;
}) {
  const id = opts.over?.id ?? ulid();
  await db.transaction(async (tx) => {
    await tx.insert(conversations).values({
      id,
      exhibitor_id: opts.exhibitorId,
      employee_id: opts.employeeId,
      outcome: 'interested',
      ...opts.over,
    });
    await countInserted(tx, { conversations: [id] });
  });
  return id;
}

export async function makeBooking(opts: { employeeId: string; over?: Partial<NewBooking> }) {
  const id = opts.over?.id ?? ulid();
  await db.transaction(async (tx) => {
    await tx.insert(bookings).values({
      id,
      employee_id: opts.employeeId,
      booking_date: '2027-01-12',
      price: '50000.00',
      amount_paid: '0.00',
      amount_status: 'unpaid',
      ...opts.over,
    });
    await countInserted(tx, { bookings: [id] });
  });
  return id;
}

/**
 * A talk recorded at the booth by `employeeId` through the real service (lead, talk, booking,
 * counters and read stats in one transaction), with a fresh idempotency key unless given.
 */
export function recordTalk(
  employeeId: string,
  input: Omit<EntryInput, 'idempotency_key'> & { idempotency_key?: string },
  on: Db = db,
) {
  return recordEntry(on, employeeId, { idempotency_key: ulid(), ...input });
}

/** A complete small world: an employee, a company, a visitor, a location with two stalls, a campaign. */
export async function makeWorld() {
  const employee = await makeUser();
  const exhibitor = await makeExhibitor();
  const visitor = await makeVisitor();
  const location = await makeLocation();
  const campaign = await makeCampaign();
  return { employee, exhibitor, visitor, location, campaign };
}
