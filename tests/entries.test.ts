import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { bookings, campaignRecipients, contacts, conversations, followUps, idempotencyKeys } from '@/db/schema';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { deriveAmountStatus, recordEntry, recordManualNote, type EntryInput } from '@/db/services/entries';
import { todayInIndia } from '@/lib/dates';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';

import {
  campaignTotals,
  makeCampaign,
  makeExhibitor,
  makeLocation,
  makeUser,
  makeVisitor,
  uniquePhone,
} from './helpers/factories';

/** A small world of our own: an employee, a company, a location with two stalls, a campaign that messaged one phone. */
async function world() {
  const tag = ulid().slice(-8);
  const employee = await makeUser({ name: `Emp ${tag}`, email: `emp-${tag}@t.test` });
  const exhibitor = await makeExhibitor({ name: `Acme Textiles ${tag}`, company_name: null, phone: null });
  const location = await makeLocation({
    name: `Hall ${tag}`,
    stalls: [
      { name: 'T-12', price: '50000.00' },
      { name: 'T-13', price: '75000.00' },
    ],
    event: null,
  });
  const phone = uniquePhone();
  // Messaged three days before the talk: recordEntry attributes by the real clock, so this is relative to now.
  const campaign = await makeCampaign(
    { name: `Invite ${tag}` },
    { recipients: [{ phone, status: 'sent', sent_at: new Date(Date.now() - 3 * 86_400_000) }] },
  );
  const [stall1, stall2] = location.stallIds as [number, number];
  return {
    tag,
    employeeId: employee.id,
    exhibitorId: exhibitor.id,
    locationId: location.locationId,
    stall1,
    stall2,
    campaignId: campaign.id,
    phone,
  };
}
type World = Awaited<ReturnType<typeof world>>;

const talk = (w: World, over: Partial<EntryInput> = {}): EntryInput => ({
  idempotency_key: ulid(),
  exhibitor_id: w.exhibitorId,
  phone: w.phone,
  table_id: w.stall1,
  outcome: 'interested',
  notes: 'Wants a corner stall',
  // Planned from the talk (now) on, whatever day the suite runs.
  next_followup_date: todayInIndia(new Date(Date.now() + 5 * 86_400_000)),
  ...over,
});
const sale = (w: World, price = '50000.00', paid = '25000.00', over: Partial<EntryInput> = {}) =>
  talk(w, { outcome: 'materialised', booking: { booking_date: '2027-01-12', price, amount_paid: paid }, ...over });

async function counters(campaignId: string) {
  const { leads, bookings, revenue } = await campaignTotals(campaignId);
  return { leads, bookings, revenue };
}

async function recount(campaignId: string) {
  const [[row]] = (await db.execute(sql`
    select
      (select count(*) from follow_ups where campaign_id = ${campaignId}) as leads,
      (select count(*) from bookings where campaign_id = ${campaignId} and cancelled_at is null) as bookings,
      (select coalesce(sum(amount_paid), 0.00) from bookings where campaign_id = ${campaignId} and cancelled_at is null) as revenue`)) as unknown as [
    [{ leads: number; bookings: number; revenue: string }],
  ];
  return { leads: Number(row.leads), bookings: Number(row.bookings), revenue: String(row.revenue) };
}

async function rowsFor(w: World) {
  const [[row]] = (await db.execute(sql`
    select
      (select count(*) from follow_ups where exhibitor_id = ${w.exhibitorId}) as leads,
      (select count(*) from conversations where exhibitor_id = ${w.exhibitorId}) as talks,
      (select count(*) from bookings where exhibitor_id = ${w.exhibitorId}) as bookings`)) as unknown as [
    [{ leads: number; talks: number; bookings: number }],
  ];
  return { leads: Number(row.leads), talks: Number(row.talks), bookings: Number(row.bookings) };
}

describe('recordEntry: one entry, one transaction (invariant 1)', () => {
  it('a materialised talk writes lead, talk and booking linked both ways, attributed to the campaign', async () => {
    const x = await world();
    const r = await recordEntry(db, x.employeeId, sale(x, '50000.00', '25000.00', { phone: '9' + x.phone.slice(4) }));
    expect(r.leadCreated).toBe(true);
    expect(r.booking).toMatchObject({
      price: '50000.00',
      amount_paid: '25000.00',
      amount_status: 'partial',
      stall: 'T-12',
    });

    const [fu] = await db.select().from(followUps).where(eq(followUps.id, r.followUpId));
    const [c] = await db.select().from(conversations).where(eq(conversations.id, r.conversationId));
    const [b] = await db.select().from(bookings).where(eq(bookings.id, r.booking!.id));
    expect(fu!.conversation_id).toBe(c!.id);
    expect(c!.follow_up_id).toBe(fu!.id);
    expect(c!.booking_id).toBe(b!.id);
    expect(b!.conversation_id).toBe(c!.id);
    // Attribution persists (invariant 2): the booking carries the lead's campaign and company.
    expect(fu!.campaign_id).toBe(x.campaignId);
    expect(b!.campaign_id).toBe(x.campaignId);
    expect(b!.exhibitor_id).toBe(x.exhibitorId);
    expect(b!.booking_date).toBe('2027-01-12');
    expect(b!.booking_location).toBe(`Hall ${x.tag}`);
    expect(b!.table_no).toBe('T-12');
    expect(fu!.status).toBe('materialised');
    expect(fu!.open_lead_phone).toBeNull();
    expect(await counters(x.campaignId)).toEqual({ leads: 1, bookings: 1, revenue: '25000.00' });
  });

  it('a failure after the follow-up insert (the stall already sold) leaves nothing behind', async () => {
    const x = await world();
    await recordEntry(db, x.employeeId, sale(x));
    const before = await rowsFor(x);
    const keysBefore = await db.select({ n: sql<number>`count(*)` }).from(idempotencyKeys);
    const other = `+9198${x.phone.slice(-8)}`;
    const key = ulid();
    await expect(
      recordEntry(
        db,
        x.employeeId,
        sale(x, '50000.00', '0.00', { phone: other, idempotency_key: key, new_visitor_name: 'Meera' }),
      ),
    ).rejects.toThrow(/Stall T-12 is already booked for 12 Jan 2027 by Acme Textiles/);
    expect(await rowsFor(x)).toEqual(before);
    expect(await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, other))).toEqual([]);
    expect(await db.select({ n: sql<number>`count(*)` }).from(idempotencyKeys)).toEqual(keysBefore);
    expect(await counters(x.campaignId)).toEqual(await recount(x.campaignId));
  });
});

describe('payments make sense (invariant 4)', () => {
  it('derives amount_status from the amounts', () => {
    expect(deriveAmountStatus('50000.00', '0.00')).toBe('unpaid');
    expect(deriveAmountStatus('50000.00', '0.01')).toBe('partial');
    expect(deriveAmountStatus('50000.00', '50000.00')).toBe('paid');
    expect(() => deriveAmountStatus('50000.00', '50000.01')).toThrow(DomainError);
  });

  it('refuses paying more than the price, at entry and later, storing nothing', async () => {
    const x = await world();
    await expect(recordEntry(db, x.employeeId, sale(x, '50000.00', '60000.00'))).rejects.toMatchObject({
      code: 'PAYMENT_EXCEEDS_PRICE',
      field: 'amount_paid',
    });
    expect(await rowsFor(x)).toEqual({ leads: 0, talks: 0, bookings: 0 });

    const r = await recordEntry(db, x.employeeId, sale(x, '50000.00', '20000.00'));
    await expect(
      recordPayment(db, x.employeeId, { idempotency_key: ulid(), booking_id: r.booking!.id, amount: '30000.01' }),
    ).rejects.toMatchObject({ code: 'PAYMENT_EXCEEDS_PRICE' });
    const p = await recordPayment(db, x.employeeId, {
      idempotency_key: ulid(),
      booking_id: r.booking!.id,
      amount: '30000.00',
    });
    expect(p).toMatchObject({ amount_paid: '50000.00', amount_status: 'paid' });
    expect(await counters(x.campaignId)).toEqual({ leads: 1, bookings: 1, revenue: '50000.00' });
    const timeline = await db
      .select({ kind: conversations.kind, booking: conversations.booking_id })
      .from(conversations)
      .where(eq(conversations.exhibitor_id, x.exhibitorId));
    expect(timeline.map((t) => t.kind).sort()).toEqual(['payment', 'talk']);
  });
});

describe('a stall is sold once (invariant 5)', () => {
  it('two tablets booking the same stall and date at once: exactly one succeeds', async () => {
    const x = await world();
    const results = await Promise.allSettled([
      recordEntry(
        db,
        x.employeeId,
        sale(x, '50000.00', '0.00', { phone: `+9198${x.phone.slice(-8)}`, campaign_id: null }),
      ),
      recordEntry(
        db,
        x.employeeId,
        sale(x, '50000.00', '0.00', { phone: `+9197${x.phone.slice(-8)}`, campaign_id: null }),
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'STALL_TAKEN' });
    expect((await rowsFor(x)).bookings).toBe(1);
  });

  it('a cancelled booking frees the stall and leaves the counters', async () => {
    const x = await world();
    const r = await recordEntry(db, x.employeeId, sale(x, '50000.00', '10000.00'));
    await cancelBooking(db, x.employeeId, { idempotency_key: ulid(), booking_id: r.booking!.id });
    expect(await counters(x.campaignId)).toEqual({ leads: 1, bookings: 0, revenue: '0.00' });
    const again = await recordEntry(
      db,
      x.employeeId,
      sale(x, '50000.00', '50000.00', { phone: `+9197${x.phone.slice(-8)}`, campaign_id: null }),
    );
    expect(again.booking?.amount_status).toBe('paid');
  });
});

describe('no double entries (invariant 6)', () => {
  it('a sequential replay returns the first result and writes nothing', async () => {
    const x = await world();
    const input = sale(x);
    const first = await recordEntry(db, x.employeeId, input);
    const second = await recordEntry(db, x.employeeId, input);
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect({ ...second, replayed: false }).toEqual(first);
    expect(await rowsFor(x)).toEqual({ leads: 1, talks: 1, bookings: 1 });
    expect(await counters(x.campaignId)).toEqual({ leads: 1, bookings: 1, revenue: '25000.00' });
  });

  it('a concurrent double submit of one key writes one row set', async () => {
    const x = await world();
    const input = sale(x);
    const results = await Promise.all([
      recordEntry(db, x.employeeId, input),
      recordEntry(db, x.employeeId, input),
      recordEntry(db, x.employeeId, input),
    ]);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.booking?.id)).size).toBe(1);
    expect(await rowsFor(x)).toEqual({ leads: 1, talks: 1, bookings: 1 });
  });

  it('payments are exactly-once too', async () => {
    const x = await world();
    const r = await recordEntry(db, x.employeeId, sale(x, '50000.00', '0.00'));
    const pay = { idempotency_key: ulid(), booking_id: r.booking!.id, amount: '10000' };
    await Promise.all([recordPayment(db, x.employeeId, pay), recordPayment(db, x.employeeId, pay)]);
    await recordPayment(db, x.employeeId, pay);
    const [b] = await db.select({ paid: bookings.amount_paid }).from(bookings).where(eq(bookings.id, r.booking!.id));
    expect(b!.paid).toBe('10000.00');
  });
});

describe('a follow-up is a lead (invariant 11)', () => {
  it('later talks continue the open lead; a materialised lead is closed and the next talk opens a new one', async () => {
    const x = await world();
    const a = await recordEntry(db, x.employeeId, talk(x, { outcome: 'busy', phone: x.phone.replace('+91', '0') }));
    const b = await recordEntry(
      db,
      x.employeeId,
      talk(x, { outcome: 'interested', phone: `+91-${x.phone.slice(3, 8)}-${x.phone.slice(8)}` }),
    );
    expect(b.followUpId).toBe(a.followUpId);
    expect(b.leadCreated).toBe(false);
    const c = await recordEntry(db, x.employeeId, sale(x));
    expect(c.followUpId).toBe(a.followUpId);
    const [fu] = await db.select().from(followUps).where(eq(followUps.id, a.followUpId));
    expect(fu).toMatchObject({ status: 'materialised', conversation_id: c.conversationId, next_followup_date: null });
    const d = await recordEntry(db, x.employeeId, talk(x, { table_id: x.stall2 }));
    expect(d.leadCreated).toBe(true);
    expect(d.followUpId).not.toBe(a.followUpId);
    expect(await rowsFor(x)).toEqual({ leads: 2, talks: 4, bookings: 1 });
    // Leads count people: two leads for one visitor, and the campaign counted both once each.
    expect(await counters(x.campaignId)).toEqual(await recount(x.campaignId));
  });

  it('two tablets opening a lead for the same visitor at once end with one lead and two talks', async () => {
    const x = await world();
    const [r1, r2] = await Promise.all([
      recordEntry(db, x.employeeId, talk(x)),
      recordEntry(db, x.employeeId, talk(x, { outcome: 'busy' })),
    ]);
    expect(r1.followUpId).toBe(r2.followUpId);
    expect(await rowsFor(x)).toEqual({ leads: 1, talks: 2, bookings: 0 });
    expect(await counters(x.campaignId)).toEqual({ leads: 1, bookings: 0, revenue: '0.00' });
  });
});

describe('campaign attribution', () => {
  it('suggests nothing outside the 30-day window, and respects an explicit choice', async () => {
    const x = await world();
    await db
      .update(campaignRecipients)
      .set({ sent_at: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(campaignRecipients.phone, x.phone));
    const r = await recordEntry(db, x.employeeId, talk(x));
    expect(r.campaignId).toBeNull();
    const y = await world();
    const s = await recordEntry(db, y.employeeId, talk(y, { campaign_id: null }));
    expect(s.campaignId).toBeNull();
  });
});

describe('manual notes and counters', () => {
  it('a manual note joins the timeline without changing the lead', async () => {
    const x = await world();
    const a = await recordEntry(db, x.employeeId, talk(x, { outcome: 'busy' }));
    const n = await recordManualNote(db, x.employeeId, {
      idempotency_key: ulid(),
      exhibitor_id: x.exhibitorId,
      phone: x.phone,
      notes: 'Called back, will visit Friday',
    });
    expect(n.followUpId).toBe(a.followUpId);
    const [fu] = await db
      .select({ status: followUps.status, conversation_id: followUps.conversation_id })
      .from(followUps)
      .where(eq(followUps.id, a.followUpId));
    expect(fu).toEqual({ status: 'busy', conversation_id: a.conversationId });
    const [c] = await db
      .select({ kind: conversations.kind, outcome: conversations.outcome })
      .from(conversations)
      .where(eq(conversations.id, n.conversationId));
    expect(c).toEqual({ kind: 'manual', outcome: 'busy' });
  });

  it('counters equal a recount after a mixed sequence (invariant 7)', async () => {
    const x = await world();
    const v = (n: number) => `+9196${x.phone.slice(-6)}${String(n).padStart(2, '0')}`;
    await recordEntry(db, x.employeeId, talk(x, { phone: v(1) }));
    await recordEntry(db, x.employeeId, talk(x, { phone: v(1), outcome: 'busy' }));
    const s1 = await recordEntry(
      db,
      x.employeeId,
      sale(x, '50000.00', '10000.00', { phone: v(2), campaign_id: x.campaignId }),
    );
    const s2 = await recordEntry(
      db,
      x.employeeId,
      sale(x, '75000.00', '75000.00', { phone: v(3), table_id: x.stall2, campaign_id: x.campaignId }),
    );
    await recordPayment(db, x.employeeId, { idempotency_key: ulid(), booking_id: s1.booking!.id, amount: '15000.50' });
    await cancelBooking(db, x.employeeId, { idempotency_key: ulid(), booking_id: s2.booking!.id });
    await expect(
      recordEntry(db, x.employeeId, sale(x, '50000.00', '1.00', { phone: v(4), campaign_id: x.campaignId })),
    ).rejects.toMatchObject({ code: 'STALL_TAKEN' });
    expect(await counters(x.campaignId)).toEqual(await recount(x.campaignId));
    // v(1) was never messaged, so only v(2) and v(3) are the campaign's leads; s2 is cancelled; 10,000 + 15,000.50 collected.
    expect(await counters(x.campaignId)).toEqual({ leads: 2, bookings: 1, revenue: '25000.50' });
  });
});

describe('recordEntry: one phone, one visitor (invariant 13)', () => {
  it('two tablets adding the same new phone in the same moment make one visitor and one lead', async () => {
    const x = await world();
    for (let round = 0; round < 3; round++) {
      const p = `+9196${round}${x.phone.slice(-7)}`;
      // Spelled two ways, as two employees would type it.
      const typed = [`0${p.slice(3, 8)} ${p.slice(8)}`, `+91-${p.slice(3, 8)}-${p.slice(8)}`];
      const results = await Promise.all(
        typed.map((t, i) =>
          recordEntry(db, x.employeeId, talk(x, { phone: t, new_visitor_name: `Ravi ${i}`, table_id: null })),
        ),
      );
      const visitors = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(sql`${contacts.type} = 'visitor' and ${contacts.deleted_at} is null and ${contacts.phone} = ${p}`);
      expect(visitors).toHaveLength(1);
      expect(results.map((r) => r.visitorId)).toEqual([visitors[0]!.id, visitors[0]!.id]);
      // The second talk continued the first one's lead.
      expect(new Set(results.map((r) => r.followUpId)).size).toBe(1);
    }
  });
});

describe('recordEntry during a merge of its visitor', () => {
  it('a talk saved while the merge commits is recorded against the survivor', async () => {
    const x = await world();
    const phone = `+9195${x.phone.slice(-8)}`;
    const merged = (await makeVisitor({ name: `Ravi ${x.tag}`, phone })).id;
    const survivor = (await makeVisitor({ name: `Ravi K ${x.tag}`, phone: `+9194${x.phone.slice(-8)}` })).id;
    let saving: Promise<Awaited<ReturnType<typeof recordEntry>>> | undefined;
    // The merge's transaction: the merged-away visitor locked and soft-deleted into the survivor; the
    // booth's talk (which found that visitor by phone a moment before) starts while it is open.
    await db.transaction(async (tx) => {
      await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, merged)).for('update');
      await tx
        .update(contacts)
        .set({ deleted_at: new Date(), merged_into_id: survivor })
        .where(eq(contacts.id, merged));
      saving = recordEntry(db, x.employeeId, talk(x, { phone, table_id: null }));
      saving.catch(() => undefined); // awaited below, after the merge commits
      await new Promise((r) => setTimeout(r, 400));
    });
    const r = await saving!;
    expect(r.visitorId).toBe(survivor);
    const [lead] = await db
      .select({ visitor_id: followUps.visitor_id })
      .from(followUps)
      .where(eq(followUps.id, r.followUpId));
    const [talkRow] = await db
      .select({ visitor_id: conversations.visitor_id })
      .from(conversations)
      .where(eq(conversations.id, r.conversationId));
    expect([lead!.visitor_id, talkRow!.visitor_id]).toEqual([survivor, survivor]);
  });
});
