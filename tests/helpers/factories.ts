/**
 * Small row factories for integration tests. Test files share one fresh
 * database per run, so every name, email and phone made here is unique
 * (a ULID suffix or random digits), and each helper returns the ids it made.
 */
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import { db } from '@/db';
import {
  bookings,
  campaigns,
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

export async function makeUser(over: Partial<NewUser> = {}) {
  const t = tag();
  const row = { id: ulid(), name: `User ${t}`, email: `user-${t}@test.invalid`, password: 'not-a-hash', role: 'employee' as const, ...over };
  await db.insert(users).values(row);
  return row;
}

export async function makeContact(type: ContactType, over: Partial<NewContact> = {}) {
  const t = tag();
  const row = {
    id: ulid(),
    type,
    name: type === 'exhibitor' ? `Exhibitor ${t}` : `Visitor ${t}`,
    company_name: type === 'exhibitor' ? `Company ${t}` : null,
    phone: uniquePhone(),
    ...over,
  };
  await db.insert(contacts).values(row);
  return row;
}
export const makeExhibitor = (over: Partial<NewContact> = {}) => makeContact('exhibitor', over);
export const makeVisitor = (over: Partial<NewContact> = {}) => makeContact('visitor', over);

/** A location with stalls named T-1, T-2, … each at `price`. */
export async function makeLocation(opts: { stalls?: number; price?: string } = {}) {
  const { stalls: count = 2, price = '50000.00' } = opts;
  const [loc] = await db.insert(locations).values({ loc_name: `Hall ${tag()}`, event_start_date: '2027-01-10', event_end_date: '2027-01-14' });
  const locationId = loc.insertId;
  const stallIds: number[] = [];
  for (let i = 1; i <= count; i++) {
    const [s] = await db.insert(stalls).values({ location_mngt_id: locationId, table_name: `T-${i}`, price });
    stallIds.push(s.insertId);
  }
  return { locationId, stallIds };
}

export async function makeCampaign(over: Partial<typeof campaigns.$inferInsert> = {}) {
  const row = { id: ulid(), name: `Campaign ${tag()}`, status: 'sent' as const, sent_at: new Date(), ...over };
  await db.insert(campaigns).values(row);
  return row;
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
  const [fu] = await db.insert(followUps).values({
    phone,
    exhibitor_id: opts.exhibitorId,
    employee_id: opts.employeeId,
    status,
    ...opts.over,
  });
  const followUpId = fu.insertId;
  const conversationId = await makeConversation({
    employeeId: opts.employeeId,
    exhibitorId: opts.exhibitorId,
    over: { visitor_phone: phone, outcome: status, follow_up_id: followUpId, ...opts.talk },
  });
  await db.update(followUps).set({ conversation_id: conversationId }).where(eq(followUps.id, followUpId));
  return { followUpId, conversationId, phone };
}

export async function makeConversation(opts: { employeeId: string; exhibitorId: string; over?: Partial<NewConversation> }) {
  const id = ulid();
  await db.insert(conversations).values({ id, exhibitor_id: opts.exhibitorId, employee_id: opts.employeeId, outcome: 'interested', ...opts.over });
  return id;
}

export async function makeBooking(opts: { employeeId: string; over?: Partial<NewBooking> }) {
  const id = ulid();
  await db.insert(bookings).values({
    id,
    employee_id: opts.employeeId,
    booking_date: '2027-01-12',
    price: '50000.00',
    amount_paid: '0.00',
    amount_status: 'unpaid',
    ...opts.over,
  });
  return id;
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
