/**
 * The replay rules of entries that waited on a tablet (issue 14): sent through the real booth
 * actions (schema, session and role check, service, refusal codes) as the on-device queue sends
 * them — the same idempotency key however often, `happened_at` the time on the tablet, in any
 * order — and read back from the database. What the queue makes of each answer
 * (lib/offline/outcome.ts) is checked on the actions' real answers.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { db } from '@/db';
import { bookings, contacts, conversations, exhibitorStats, followUps } from '@/db/schema';
import { mergeContacts } from '@/db/services/contact-merge';
import { softDeleteContact } from '@/db/services/contacts';
import type { ActionState } from '@/lib/action-state';
import { todayInIndia } from '@/lib/dates';
import { sendResultOf } from '@/lib/offline/outcome';
import type { SessionUser } from '@/lib/session';
import { ulid } from '@/lib/ulid';

import {
  makeCampaign,
  makeExhibitor,
  makeLocation,
  makeUser,
  makeVisitor,
  recordTalk,
  uniquePhone,
} from './helpers/factories';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));

const { recordEntryAction, recordPaymentAction, cancelBookingAction, recordNoteAction } =
  await import('@/app/(app)/booth/actions');

let employee: SessionUser;
let location: Awaited<ReturnType<typeof makeLocation>>;

beforeAll(async () => {
  const user = await makeUser({ role: 'employee' });
  employee = { id: user.id, name: user.name, email: user.email, role: 'employee', active: true };
  location = await makeLocation({ stalls: 4 });
});

afterEach(() => {
  vi.useRealTimers();
});

/** The queue's payload: plain strings, as the tablet keeps them. */
function form(fields: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.set(name, value);
  return data;
}

type Answer = ActionState<unknown>;
const send = {
  entry: (fields: Record<string, string | undefined>) =>
    recordEntryAction({ ok: true }, form(fields)) as Promise<Answer>,
  payment: (fields: Record<string, string | undefined>) =>
    recordPaymentAction({ ok: true }, form(fields)) as Promise<Answer>,
  cancel: (fields: Record<string, string | undefined>) =>
    cancelBookingAction({ ok: true }, form(fields)) as Promise<Answer>,
  note: (fields: Record<string, string | undefined>) => recordNoteAction({ ok: true }, form(fields)) as Promise<Answer>,
};

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
/** The India day `n` days from now (a follow-up must be planned from the talk on, within two years). */
const inDays = (n: number) => todayInIndia(new Date(Date.now() + n * 86_400_000));

async function talksOf(exhibitorId: string, phone: string) {
  return db
    .select({
      id: conversations.id,
      at: conversations.conversation_date,
      outcome: conversations.outcome,
      follow_up_id: conversations.follow_up_id,
      visitor_id: conversations.visitor_id,
      campaign_id: conversations.campaign_id,
    })
    .from(conversations)
    .where(and(eq(conversations.exhibitor_id, exhibitorId), eq(conversations.visitor_phone, phone)))
    .orderBy(conversations.conversation_date);
}

async function leadsOf(exhibitorId: string, phone: string) {
  return db
    .select({
      id: followUps.id,
      status: followUps.status,
      next_followup_date: followUps.next_followup_date,
      conversation_id: followUps.conversation_id,
      campaign_id: followUps.campaign_id,
      visitor_id: followUps.visitor_id,
    })
    .from(followUps)
    .where(and(eq(followUps.exhibitor_id, exhibitorId), eq(followUps.phone, phone)));
}

async function storedLeads(exhibitorId: string): Promise<number> {
  const [row] = await db
    .select({ leads: exhibitorStats.leads })
    .from(exhibitorStats)
    .where(eq(exhibitorStats.exhibitor_id, exhibitorId));
  return row?.leads ?? 0;
}

describe('the same entry sent again', () => {
  it('a talk sent twice with its key (the answer was lost) is stored once, and both answers say saved', async () => {
    session.user = employee;
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const key = ulid();
    const fields = {
      idempotency_key: key,
      exhibitor_id: company.id,
      phone,
      table_id: String(location.stallIds[0]),
      outcome: 'interested',
      happened_at: minutesAgo(20).toISOString(),
    };
    const first = await send.entry(fields);
    const second = await send.entry(fields);
    expect(first.ok).toBe(true);
    // The second answer is the first one's, marked as a replay.
    expect(second).toEqual({ ok: true, data: { ...(first.data as object), replayed: true } });
    expect(sendResultOf(second).status).toBe('saved');
    expect(await talksOf(company.id, phone)).toHaveLength(1);
    expect(await leadsOf(company.id, phone)).toHaveLength(1);
    expect(await storedLeads(company.id)).toBe(1);
  });

  it('a payment and a note sent twice each are stored once', async () => {
    session.user = employee;
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const booked = await recordTalk(employee.id, {
      exhibitor_id: company.id,
      phone,
      outcome: 'materialised',
      booking: { booking_date: '2027-01-11', table_id: location.stallIds[1], price: '50000.00', amount_paid: '0.00' },
    });
    const pay = {
      idempotency_key: ulid(),
      booking_id: booked.booking!.id,
      amount: '10000',
      happened_at: minutesAgo(5).toISOString(),
    };
    expect((await send.payment(pay)).ok).toBe(true);
    expect((await send.payment(pay)).ok).toBe(true);
    const note = {
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone,
      notes: 'Called back about the corner stall.',
      happened_at: minutesAgo(4).toISOString(),
    };
    expect((await send.note(note)).ok).toBe(true);
    expect((await send.note(note)).ok).toBe(true);
    const [b] = await db
      .select({ amount_paid: bookings.amount_paid })
      .from(bookings)
      .where(eq(bookings.id, booked.booking!.id));
    expect(b!.amount_paid).toBe('10000.00');
    const kinds = await db
      .select({ kind: conversations.kind, n: sql<number>`count(*)` })
      .from(conversations)
      .where(eq(conversations.exhibitor_id, company.id))
      .groupBy(conversations.kind);
    expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toMatchObject({ talk: 1, manual: 1 });
  });
});

describe('when it happened, not when it arrived', () => {
  it('the talk is dated when it happened on the tablet, and the campaign is decided from that time', async () => {
    session.user = employee;
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const talkAt = daysAgo(6);
    // Messaged 25 days before the talk (inside the 30-day window then, 31 days before it arrives)…
    const before = await makeCampaign(
      { sent_at: new Date(talkAt.getTime() - 25 * 86_400_000) },
      { recipients: [{ phone, status: 'sent', sent_at: new Date(talkAt.getTime() - 25 * 86_400_000) }] },
    );
    // …and messaged again after the talk, before it arrived: not what brought the visitor.
    await makeCampaign({ sent_at: daysAgo(1) }, { recipients: [{ phone, status: 'sent', sent_at: daysAgo(1) }] });
    const answer = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone,
      outcome: 'interested',
      campaign_id: 'auto',
      happened_at: talkAt.toISOString(),
    });
    expect(answer.ok).toBe(true);
    const [talk] = await talksOf(company.id, phone);
    expect(Math.abs(talk!.at.getTime() - talkAt.getTime())).toBeLessThan(1000);
    expect(talk!.campaign_id).toBe(before.id);
  });

  it('refuses a time ahead of the server’s clock, or older than a week, with a field error and stores nothing', async () => {
    session.user = employee;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-12T06:00:00Z'));
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const base = { exhibitor_id: company.id, phone, outcome: 'busy' };
    const ahead = await send.entry({ ...base, idempotency_key: ulid(), happened_at: '2027-01-12T06:06:00Z' });
    expect(ahead).toMatchObject({ ok: false, code: 'FIX_FIELDS' });
    expect(ahead.fieldErrors?.happened_at?.[0]).toMatch(/clock is ahead/);
    const old = await send.entry({ ...base, idempotency_key: ulid(), happened_at: '2027-01-04T05:59:00Z' });
    expect(old.fieldErrors?.happened_at?.[0]).toMatch(/more than 7 days ago/);
    expect(sendResultOf(old).status).toBe('refused');
    const garbled = await send.entry({ ...base, idempotency_key: ulid(), happened_at: 'yesterday' });
    expect(garbled.fieldErrors?.happened_at).toBeDefined();
    // A little ahead (clocks drift) and six days old are taken.
    expect((await send.entry({ ...base, idempotency_key: ulid(), happened_at: '2027-01-12T06:04:00Z' })).ok).toBe(true);
    expect((await send.entry({ ...base, idempotency_key: ulid(), happened_at: '2027-01-06T07:00:00Z' })).ok).toBe(true);
    expect(await talksOf(company.id, phone)).toHaveLength(2);
  });
});

describe('out of order', () => {
  it('an older talk arriving after a booking joins that lead as history: no second lead, nothing moved back', async () => {
    session.user = employee;
    const company = await makeExhibitor();
    const phone = uniquePhone();
    // The tablet recorded "interested" at 10:00 but was offline; another tablet booked at 10:30.
    const booked = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone,
      outcome: 'materialised',
      booking_date: '2027-01-12',
      booking_table_id: String(location.stallIds[2]),
      price: '40000',
      amount_paid: '0',
      happened_at: minutesAgo(30).toISOString(),
    });
    expect(booked.ok).toBe(true);
    const late = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone,
      outcome: 'interested',
      next_followup_date: inDays(3),
      notes: 'Asked about corner stalls.',
      happened_at: minutesAgo(60).toISOString(),
    });
    expect(late.ok).toBe(true);
    const leads = await leadsOf(company.id, phone);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ status: 'materialised', next_followup_date: null });
    const talks = await talksOf(company.id, phone);
    expect(talks.map((t) => t.outcome)).toEqual(['interested', 'materialised']);
    expect(talks.every((t) => t.follow_up_id === leads[0]!.id)).toBe(true);
    // The lead still points at its latest talk, the booking's.
    expect(leads[0]!.conversation_id).toBe(talks[1]!.id);
    expect(await storedLeads(company.id)).toBe(1);
  });

  it('an older busy talk does not move an open lead back, nor clear its follow-up', async () => {
    session.user = employee;
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const base = { exhibitor_id: company.id, phone };
    expect(
      (
        await send.entry({
          ...base,
          idempotency_key: ulid(),
          outcome: 'interested',
          next_followup_date: inDays(5),
          happened_at: minutesAgo(10).toISOString(),
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await send.entry({
          ...base,
          idempotency_key: ulid(),
          outcome: 'busy',
          next_followup_date: '',
          happened_at: minutesAgo(50).toISOString(),
        })
      ).ok,
    ).toBe(true);
    const leads = await leadsOf(company.id, phone);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ status: 'interested', next_followup_date: inDays(5) });
    const talks = await talksOf(company.id, phone);
    expect(talks.map((t) => t.outcome)).toEqual(['busy', 'interested']);
    expect(leads[0]!.conversation_id).toBe(talks[1]!.id);
    // In order, a newer talk still continues the lead.
    await send.entry({ ...base, idempotency_key: ulid(), outcome: 'busy', happened_at: minutesAgo(1).toISOString() });
    expect((await leadsOf(company.id, phone))[0]).toMatchObject({ status: 'busy', next_followup_date: inDays(5) });
    expect(await storedLeads(company.id)).toBe(1);
  });
});

describe('after a merge', () => {
  it('a talk for a visitor merged away while it waited is recorded against the survivor', async () => {
    session.user = employee;
    const admin = await makeUser({ role: 'admin' });
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const survivor = await makeVisitor({ phone: uniquePhone() });
    const merged = await makeVisitor({ phone });
    await mergeContacts(db, admin.id, {
      idempotency_key: ulid(),
      type: 'visitor',
      survivor_id: survivor.id,
      merged_id: merged.id,
    });
    const answer = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone,
      outcome: 'interested',
      happened_at: minutesAgo(15).toISOString(),
    });
    expect(answer.ok).toBe(true);
    const [talk] = await db
      .select({ visitor_id: conversations.visitor_id })
      .from(conversations)
      .where(eq(conversations.exhibitor_id, company.id));
    expect(talk!.visitor_id).toBe(survivor.id);
  });

  it('a talk for a company merged away is the survivor’s, continuing its lead; a deleted company is a conflict', async () => {
    session.user = employee;
    const admin = await makeUser({ role: 'admin' });
    const survivor = await makeExhibitor();
    const merged = await makeExhibitor();
    const phone = uniquePhone();
    await recordTalk(employee.id, { exhibitor_id: survivor.id, phone, outcome: 'interested', at: minutesAgo(90) });
    await mergeContacts(db, admin.id, {
      idempotency_key: ulid(),
      type: 'exhibitor',
      survivor_id: survivor.id,
      merged_id: merged.id,
    });
    const answer = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: merged.id,
      phone,
      outcome: 'busy',
      happened_at: minutesAgo(30).toISOString(),
    });
    expect(answer.ok).toBe(true);
    expect(await talksOf(merged.id, phone)).toHaveLength(0);
    expect(await talksOf(survivor.id, phone)).toHaveLength(2);
    expect(await leadsOf(survivor.id, phone)).toHaveLength(1);

    const gone = await makeExhibitor();
    await softDeleteContact(db, gone.id, admin.id);
    const refused = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: gone.id,
      phone,
      outcome: 'busy',
      happened_at: minutesAgo(5).toISOString(),
    });
    expect(refused).toMatchObject({ ok: false, code: 'COMPANY_GONE' });
    expect(refused.fieldErrors?.exhibitor_id).toBeDefined();
    expect(sendResultOf(refused).status).toBe('conflict');
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(conversations)
      .where(eq(conversations.exhibitor_id, gone.id));
    expect(Number(row!.n)).toBe(0);
  });
});

describe('the world changed while it waited: conflicts the employee resolves', () => {
  it('a stall sold meanwhile, a payment above what is now outstanding, a booking cancelled meanwhile', async () => {
    session.user = employee;
    const other = await makeUser({ role: 'employee' });
    const company = await makeExhibitor();
    const phone = uniquePhone();
    // Another tablet books stall 4 for the 13th while this one holds a booking of it.
    await recordTalk(other.id, {
      exhibitor_id: company.id,
      phone: uniquePhone(),
      outcome: 'materialised',
      booking: { booking_date: '2027-01-13', table_id: location.stallIds[3], price: '50000.00', amount_paid: '0.00' },
    });
    const key = ulid();
    const booking = {
      idempotency_key: key,
      exhibitor_id: company.id,
      phone,
      outcome: 'materialised',
      booking_date: '2027-01-13',
      booking_table_id: String(location.stallIds[3]),
      price: '45000',
      amount_paid: '5000',
      happened_at: minutesAgo(40).toISOString(),
    };
    const taken = await send.entry(booking);
    expect(taken).toMatchObject({ ok: false, code: 'STALL_TAKEN' });
    expect(sendResultOf(taken).status).toBe('conflict');
    expect(await talksOf(company.id, phone)).toHaveLength(0);
    // Fixed on the tablet (another stall), sent again with the same key: saved once.
    const fixed = await send.entry({
      ...booking,
      booking_table_id: String(location.stallIds[0]),
      booking_date: '2027-01-13',
    });
    expect(fixed.ok).toBe(true);
    expect(await send.entry({ ...booking, booking_table_id: String(location.stallIds[0]) })).toEqual({
      ok: true,
      data: { ...(fixed.data as object), replayed: true },
    });
    const [b] = await db
      .select({ id: bookings.id, table_id: bookings.table_id })
      .from(bookings)
      .where(and(eq(bookings.exhibitor_id, company.id), eq(bookings.phone, phone)));
    expect(b!.table_id).toBe(location.stallIds[0]);

    // 40,000 is outstanding; a payment of 45,000 taken offline is above it now.
    const over = await send.payment({ idempotency_key: ulid(), booking_id: b!.id, amount: '45000' });
    expect(over).toMatchObject({ ok: false, code: 'PAYMENT_EXCEEDS_PRICE' });
    expect(sendResultOf(over).status).toBe('conflict');
    // Cancelled by a manager meanwhile: the tablet's payment and its cancellation are conflicts.
    await cancelBookingAction({ ok: true }, form({ idempotency_key: ulid(), booking_id: b!.id }));
    const late = await send.payment({ idempotency_key: ulid(), booking_id: b!.id, amount: '1000' });
    expect(late).toMatchObject({ ok: false, code: 'BOOKING_CANCELLED' });
    expect(sendResultOf(late).status).toBe('conflict');
    const again = await send.cancel({ idempotency_key: ulid(), booking_id: b!.id });
    expect(again).toMatchObject({ ok: false, code: 'BOOKING_CANCELLED' });
    const [after] = await db.select({ amount_paid: bookings.amount_paid }).from(bookings).where(eq(bookings.id, b!.id));
    expect(after!.amount_paid).toBe('5000.00');
  });

  it('a session that ended while offline is "sign in, then it is sent", not a refusal', async () => {
    session.user = null;
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const answer = await send.entry({
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone,
      outcome: 'busy',
      happened_at: minutesAgo(3).toISOString(),
    });
    expect(answer).toMatchObject({ ok: false, code: 'SESSION_ENDED' });
    expect(sendResultOf(answer).status).toBe('retry');
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(contacts)
      .where(eq(contacts.phone, phone));
    expect(Number(row!.n)).toBe(0);
  });
});

describe('a follow-up the tablet did not touch', () => {
  it('is kept by the service in the entry’s transaction, an overdue one too; an explicit empty date clears it', async () => {
    const company = await makeExhibitor();
    const phone = uniquePhone();
    const talk = (at: string, over: Partial<Parameters<typeof recordTalk>[1]> = {}) =>
      recordTalk(employee.id, { exhibitor_id: company.id, phone, outcome: 'interested', at: new Date(at), ...over });
    await talk('2027-01-10T05:00:00Z', { next_followup_date: '2027-01-11', next_followup_time: '10:30' });
    // Three days later, overdue now: a busy talk that does not touch it leaves the date and time as planned.
    await talk('2027-01-13T05:00:00Z', { outcome: 'busy' });
    expect((await leadsOf(company.id, phone))[0]).toMatchObject({ status: 'busy', next_followup_date: '2027-01-11' });
    const [timed] = await db
      .select({ time: followUps.next_followup_time })
      .from(followUps)
      .where(and(eq(followUps.exhibitor_id, company.id), eq(followUps.phone, phone)));
    expect(timed!.time).toBe('10:30:00');
    await talk('2027-01-13T06:00:00Z', { next_followup_date: null });
    expect((await leadsOf(company.id, phone))[0]).toMatchObject({ status: 'interested', next_followup_date: null });
  });
});
