/**
 * Campaigns: recipient import, delivery results, attribution window
 * and models, counters against a recount after every kind of write, the
 * analytics read models, and the design document's worked example — every
 * expected number worked out by hand in the comments.
 */
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import { findAttributedCampaign, getAttributionSettings } from '@/db/queries/attribution';
import {
  campaignFunnel,
  countRecipientsByStatus,
  getCampaign,
  getCampaignRevenueByStatus,
  listCampaignAnalytics,
  listCampaignExhibitors,
  listCampaignLeads,
} from '@/db/queries/campaigns';
import { bookings, campaignRecipients, campaigns, followUps } from '@/db/schema';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import {
  addRecipients,
  addRecipientsByFilter,
  createCampaign,
  markPendingSent,
  previewRecipientFilter,
  recordDeliveryResults,
  updateAttributionSettings,
} from '@/db/services/campaigns';
import { recordEntry, type EntryInput } from '@/db/services/entries';
import { conversionPercent, formatPercent } from '@/lib/analytics';
import { formatINR } from '@/lib/money';
import { can } from '@/lib/permissions';
import { checkRecipientRows, parseRecipientCsv } from '@/lib/recipients';
import { ulid } from '@/lib/ulid';

import { makeExhibitor, makeLocation, makeRecipients, makeUser, makeVisitor, tag } from './helpers/factories';

const DAY = 86_400_000;
/** A block of phones of our own: +91 9 PPPP NNNNN (P random per block, N the index). */
function phoneBlock() {
  const prefix = randomInt(1000, 10_000).toString();
  return (i: number) => `+919${prefix}${i.toString().padStart(5, '0')}`;
}
const newCampaign = async (userId: string, name = `Campaign ${tag()}`) =>
  createCampaign(db, userId, {
    name,
    channel: 'whatsapp',
    message: 'Visit us at the expo',
    status: 'draft',
    sent_on: null,
  });
const recipientsOf = (campaignId: string) =>
  db
    .select({
      phone: campaignRecipients.phone,
      name: campaignRecipients.name,
      status: campaignRecipients.status,
      error: campaignRecipients.error,
    })
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaign_id, campaignId))
    .orderBy(campaignRecipients.phone);
async function expectCountersEqualRecount(campaignId: string) {
  const drifts = await reconcileCampaignCounters(db, { fix: false });
  expect(drifts.filter((d) => d.campaignId === campaignId)).toEqual([]);
}

let admin: { id: string };
beforeAll(async () => {
  admin = await makeUser({ role: 'admin' });
});

describe('recipient lists from a CSV', () => {
  it('reads a header or bare columns, quoted names included', () => {
    expect(parseRecipientCsv('\uFEFFName,Mobile\r\n"Rao, Anita",98765 43210\r\nRavi,\r\n')).toEqual([
      { line: 2, phone: '98765 43210', name: 'Rao, Anita' },
      { line: 3, phone: '', name: 'Ravi' },
    ]);
    expect(parseRecipientCsv('+91 98765 43211,Meena\n09876543212\n')).toEqual([
      { line: 1, phone: '+91 98765 43211', name: 'Meena' },
      { line: 2, phone: '09876543212', name: '' },
    ]);
  });

  it('normalises phones, merges duplicates and lists invalid rows with the reason', () => {
    const check = checkRecipientRows([
      { line: 2, phone: '98765 43210', name: '' },
      { line: 3, phone: '+91-98765-43210', name: 'Anita' }, // the same phone: merged, its name kept
      { line: 4, phone: '09876543211', name: 'Ravi' },
      { line: 5, phone: '12345', name: 'Short' },
      { line: 6, phone: '', name: 'Nobody' },
    ]);
    expect(check.valid).toEqual([
      { line: 2, phone: '+919876543210', name: 'Anita' },
      { line: 4, phone: '+919876543211', name: 'Ravi' },
    ]);
    expect(check.duplicates).toBe(1);
    expect(check.invalid).toEqual([
      { line: 5, value: '12345', reason: 'Not a valid phone number.' },
      { line: 6, value: '', reason: 'No phone number.' },
    ]);
  });

  it('saves the valid rows once per phone, and nothing for invalid rows or a preview', async () => {
    const id = await newCampaign(admin.id);
    const p = phoneBlock();
    // The preview (parse + check) runs in the browser and writes nothing; invalid-only input saves nothing either.
    checkRecipientRows(parseRecipientCsv(`phone,name\n${p(1)},A\n`));
    expect(await addRecipients(db, id, [{ line: 2, phone: 'not a phone', name: 'X' }])).toEqual({
      added: 0,
      already: 0,
      duplicates: 0,
      invalid: [{ line: 2, value: 'not a phone', reason: 'Not a valid phone number.' }],
    });
    expect(await recipientsOf(id)).toEqual([]);

    const local = (i: number) => p(i).replace('+91', '0'); // 0 + ten digits: the same phones typed the Indian way
    const first = await addRecipients(db, id, [
      { line: 2, phone: local(1), name: null },
      { line: 3, phone: p(2), name: 'Two' },
      { line: 4, phone: p(1), name: 'One' },
      { line: 5, phone: '99', name: 'Bad' },
    ]);
    expect(first).toMatchObject({ added: 2, already: 0, duplicates: 1 });
    // A second upload: p(2) is already there, p(3) is new; p(1) gets no second row.
    const second = await addRecipients(db, id, [
      { line: 2, phone: p(2), name: 'Two again' },
      { line: 3, phone: p(3), name: null },
      { line: 4, phone: p(1), name: 'One again' },
    ]);
    expect(second).toMatchObject({ added: 1, already: 2, invalid: [] });
    expect(await recipientsOf(id)).toEqual([
      { phone: p(1), name: 'One', status: 'pending', error: null },
      { phone: p(2), name: 'Two', status: 'pending', error: null },
      { phone: p(3), name: null, status: 'pending', error: null },
    ]);
  });

  it('adds contacts by filter, previewing first without writing', async () => {
    const id = await newCampaign(admin.id);
    const city = `Kochi ${tag()}`;
    const exhibitor = await makeExhibitor();
    const employee = await makeUser();
    const { stallIds } = await makeLocation({ stalls: 1 });
    const v1 = await makeVisitor({ city });
    const v2 = await makeVisitor({ city });
    await makeVisitor({ city: `Elsewhere ${tag()}` });
    // v1 talked to the exhibitor; v2 did not.
    await recordEntry(db, employee.id, {
      idempotency_key: ulid(),
      exhibitor_id: exhibitor.id,
      phone: v1.phone!,
      table_id: stallIds[0],
      outcome: 'interested',
      campaign_id: null,
    });
    expect(await previewRecipientFilter(db, id, { type: 'visitor', city, talked_to: null })).toEqual({
      phones: 2,
      already: 0,
    });
    expect(await recipientsOf(id)).toEqual([]);
    expect(await addRecipientsByFilter(db, id, { type: 'visitor', city, talked_to: exhibitor.id })).toEqual({
      added: 1,
    });
    expect((await recipientsOf(id)).map((r) => r.phone)).toEqual([v1.phone]);
    expect(await previewRecipientFilter(db, id, { type: 'visitor', city, talked_to: null })).toEqual({
      phones: 2,
      already: 1,
    });
    expect(await addRecipientsByFilter(db, id, { type: 'visitor', city, talked_to: null })).toEqual({ added: 1 });
    expect((await recipientsOf(id)).map((r) => r.phone).sort()).toEqual([v1.phone, v2.phone].sort());
  });
});

describe('delivery results', () => {
  it('moves recipients and the messages-sent counter together, and reports unknown phones', async () => {
    const id = await newCampaign(admin.id);
    const p = phoneBlock();
    await addRecipients(
      db,
      id,
      [1, 2, 3, 4].map((i) => ({ line: i, phone: p(i), name: null })),
    );
    const at = new Date('2026-05-01T10:00:00Z');
    const outcome = await recordDeliveryResults(
      db,
      id,
      [
        { line: 2, phone: p(1), status: 'sent', provider_message_id: 'wamid.1' },
        { line: 3, phone: p(2), status: 'failed', error: 'Not on WhatsApp' },
        { line: 4, phone: p(9), status: 'sent' },
        { line: 5, phone: 'garbage', status: 'sent' },
      ],
      at,
    );
    expect(outcome).toEqual({
      updated: 2,
      sent: 1,
      failed: 1,
      unknown: [
        { line: 4, value: p(9), reason: 'Not a recipient of this campaign.' },
        { line: 5, value: 'garbage', reason: 'Not a valid phone number.' },
      ],
    });
    expect(await countRecipientsByStatus(db, id)).toEqual({ pending: 2, sent: 1, failed: 1 });
    const c1 = await getCampaign(db, id);
    expect(c1).toMatchObject({ messages_sent: 1, status: 'sending', sent_at: at });
    // A resend succeeds for p(2); p(1) is reported failed after all: 1 − 1 + 1 = 1 sent.
    await recordDeliveryResults(db, id, [
      { line: 2, phone: p(2), status: 'sent' },
      { line: 3, phone: p(1), status: 'failed', error: 'Blocked' },
    ]);
    expect((await getCampaign(db, id))!.messages_sent).toBe(1);
    expect(await countRecipientsByStatus(db, id)).toEqual({ pending: 2, sent: 1, failed: 1 });
    await expectCountersEqualRecount(id);
    // Mark the rest sent by hand: the two pending ones.
    expect(await markPendingSent(db, id)).toEqual({ marked: 2 });
    expect(await getCampaign(db, id)).toMatchObject({ messages_sent: 3, status: 'sent' });
    expect(await countRecipientsByStatus(db, id)).toEqual({ pending: 0, sent: 3, failed: 1 });
    await expectCountersEqualRecount(id);
  });
});

describe('attribution', () => {
  afterEach(async () => {
    await updateAttributionSettings(db, admin.id, { attribution_window_days: 30, attribution_model: 'last' });
  });

  /** Two campaigns that messaged one phone: `early` 20 days before the talk, `late` 5 days before. */
  async function twoTouches(talkAt: Date) {
    const p = phoneBlock();
    const phone = p(1);
    const early = await newCampaign(admin.id, `Early ${tag()}`);
    const late = await newCampaign(admin.id, `Late ${tag()}`);
    await addRecipients(db, early, [{ line: 1, phone, name: null }]);
    await addRecipients(db, late, [{ line: 1, phone, name: null }]);
    await markPendingSent(db, early, new Date(talkAt.getTime() - 20 * DAY));
    await markPendingSent(db, late, new Date(talkAt.getTime() - 5 * DAY));
    return { phone, early, late };
  }

  it('last touch by default, first touch as a setting; the booth suggestion and the write agree', async () => {
    const talkAt = new Date('2026-04-21T10:00:00Z');
    const { phone, early, late } = await twoTouches(talkAt);
    expect(await getAttributionSettings(db)).toMatchObject({ windowDays: 30, model: 'last' });
    expect((await findAttributedCampaign(db, phone, talkAt))?.id).toBe(late);
    await updateAttributionSettings(db, admin.id, { attribution_window_days: 30, attribution_model: 'first' });
    expect((await findAttributedCampaign(db, phone, talkAt))?.id).toBe(early);
    // Explicit options win over the stored settings.
    expect((await findAttributedCampaign(db, phone, talkAt, { model: 'last', windowDays: 30 }))?.id).toBe(late);
    // A 10-day window leaves only the late campaign, whatever the model.
    await updateAttributionSettings(db, admin.id, { attribution_window_days: 10, attribution_model: 'first' });
    expect((await findAttributedCampaign(db, phone, talkAt))?.id).toBe(late);

    // The write path uses the same rule.
    const exhibitor = await makeExhibitor();
    const employee = await makeUser();
    const { stallIds } = await makeLocation({ stalls: 1 });
    const entry = await recordEntry(db, employee.id, {
      idempotency_key: ulid(),
      exhibitor_id: exhibitor.id,
      phone,
      table_id: stallIds[0],
      outcome: 'interested',
      at: talkAt,
    });
    const [lead] = await db
      .select({ campaign_id: followUps.campaign_id })
      .from(followUps)
      .where(eq(followUps.id, entry.followUpId));
    expect(lead!.campaign_id).toBe(late);
  });

  it('counts a message sent exactly the window before the talk, not a second earlier, nor one sent after the talk', async () => {
    const talkAt = new Date('2026-04-21T10:00:00Z');
    const p = phoneBlock();
    const edge = await newCampaign(admin.id);
    const outside = await newCampaign(admin.id);
    const after = await newCampaign(admin.id);
    await addRecipients(db, edge, [{ line: 1, phone: p(1), name: null }]);
    await addRecipients(db, outside, [{ line: 1, phone: p(2), name: null }]);
    await addRecipients(db, after, [{ line: 1, phone: p(3), name: null }]);
    await markPendingSent(db, edge, new Date(talkAt.getTime() - 30 * DAY));
    await markPendingSent(db, outside, new Date(talkAt.getTime() - 30 * DAY - 1000));
    await markPendingSent(db, after, new Date(talkAt.getTime() + 1000));
    expect((await findAttributedCampaign(db, p(1), talkAt))?.id).toBe(edge);
    expect(await findAttributedCampaign(db, p(2), talkAt)).toBeNull();
    expect(await findAttributedCampaign(db, p(3), talkAt)).toBeNull();
    // Widening the window to 31 days brings the second one in.
    await updateAttributionSettings(db, admin.id, { attribution_window_days: 31, attribution_model: 'last' });
    expect((await findAttributedCampaign(db, p(2), talkAt))?.id).toBe(outside);
  });

  it('persists to the lead and the booking, and never changes afterwards', async () => {
    const talkAt = new Date('2026-04-21T10:00:00Z');
    const { phone, early, late } = await twoTouches(talkAt);
    const exhibitor = await makeExhibitor();
    const employee = await makeUser();
    const { stallIds } = await makeLocation({ stalls: 1 });
    const base = { exhibitor_id: exhibitor.id, phone, table_id: stallIds[0] } satisfies Partial<EntryInput>;
    const first = await recordEntry(db, employee.id, {
      ...base,
      idempotency_key: ulid(),
      outcome: 'interested',
      at: talkAt,
    });
    // The model changes before the visitor comes back and books: the lead keeps its campaign.
    await updateAttributionSettings(db, admin.id, { attribution_window_days: 30, attribution_model: 'first' });
    const sale = await recordEntry(db, employee.id, {
      ...base,
      idempotency_key: ulid(),
      outcome: 'materialised',
      booking: { booking_date: '2027-01-12', price: '50000.00', amount_paid: '10000.00' },
      at: new Date(talkAt.getTime() + DAY),
    });
    expect(sale.followUpId).toBe(first.followUpId);
    const [b] = await db
      .select({ campaign_id: bookings.campaign_id })
      .from(bookings)
      .where(eq(bookings.id, sale.booking!.id));
    expect(b!.campaign_id).toBe(late);
    expect(early).not.toBe(late);
    await recordPayment(db, employee.id, { idempotency_key: ulid(), booking_id: sale.booking!.id, amount: '5000.00' });
    const [again] = await db
      .select({ campaign_id: bookings.campaign_id })
      .from(bookings)
      .where(eq(bookings.id, sale.booking!.id));
    expect(again!.campaign_id).toBe(late);
  });
});

describe('counters equal a recount after every kind of write', () => {
  it('entry, payment, cancellation, recipient changes', async () => {
    const id = await newCampaign(admin.id);
    const p = phoneBlock();
    const exhibitor = await makeExhibitor();
    const employee = await makeUser();
    const { stallIds } = await makeLocation({ stalls: 3 });
    await addRecipients(
      db,
      id,
      [1, 2, 3].map((i) => ({ line: i, phone: p(i), name: null })),
    );
    await expectCountersEqualRecount(id);
    await markPendingSent(db, id, new Date(Date.now() - 2 * DAY));
    await expectCountersEqualRecount(id);
    const talk = (i: number, over: Partial<EntryInput> = {}): EntryInput => ({
      idempotency_key: ulid(),
      exhibitor_id: exhibitor.id,
      phone: p(i),
      table_id: stallIds[0],
      outcome: 'interested',
      ...over,
    });
    await recordEntry(db, employee.id, talk(1));
    await expectCountersEqualRecount(id);
    const s2 = await recordEntry(
      db,
      employee.id,
      talk(2, {
        outcome: 'materialised',
        table_id: stallIds[1],
        booking: { booking_date: '2027-01-12', price: '60000.00', amount_paid: '20000.00' },
      }),
    );
    const s3 = await recordEntry(
      db,
      employee.id,
      talk(3, {
        outcome: 'materialised',
        table_id: stallIds[2],
        booking: { booking_date: '2027-01-12', price: '70000.00', amount_paid: '0.00' },
      }),
    );
    await expectCountersEqualRecount(id);
    await recordPayment(db, employee.id, { idempotency_key: ulid(), booking_id: s2.booking!.id, amount: '40000.00' });
    await expectCountersEqualRecount(id);
    await cancelBooking(db, employee.id, { idempotency_key: ulid(), booking_id: s3.booking!.id });
    await expectCountersEqualRecount(id);
    await recordDeliveryResults(db, id, [{ line: 1, phone: p(3), status: 'failed', error: 'Bounced' }]);
    await expectCountersEqualRecount(id);
    // 3 messages − 1 failed = 2; leads 1, 2, 3; one booking left (s2), paid 20,000 + 40,000; booked 60,000.
    expect(await getCampaign(db, id)).toMatchObject({
      messages_sent: 2,
      leads: 3,
      bookings: 1,
      collected: '60000.00',
      booked: '60000.00',
      conversion: '33.33',
    });
  });
});

describe('the design document’s worked example', () => {
  it('1,000 messages, 150 leads, 25 bookings, ₹12,50,000 collected → 16.67%', async () => {
    const id = await newCampaign(admin.id, `Worked example ${tag()}`);
    const p = phoneBlock();
    const talkAt = new Date('2026-06-10T10:00:00Z');
    expect(
      await addRecipients(
        db,
        id,
        Array.from({ length: 1000 }, (_, i) => ({ line: i + 2, phone: p(i), name: `Visitor ${i}` })),
      ),
    ).toMatchObject({ added: 1000 });
    expect(await markPendingSent(db, id, new Date(talkAt.getTime() - 2 * DAY))).toEqual({ marked: 1000 });

    // Two companies: A gets the leads of phones 0–99, B of 100–149. Bookings (all attributed, nothing chosen by hand):
    //   A: 12 paid (price 50,000, paid 50,000) + 3 partial (price 80,000, paid 50,000)
    //   B:  8 paid                             + 2 partial
    const a = await makeExhibitor({ name: `A Textiles ${tag()}` });
    const b = await makeExhibitor({ name: `B Crafts ${tag()}` });
    const employee = await makeUser();
    const { stallIds } = await makeLocation({ stalls: 25 });
    let stall = 0;
    for (let i = 0; i < 150; i++) {
      const company = i < 100 ? a.id : b.id;
      const k = i < 100 ? i : i - 100; // index within the company
      const paidCount = i < 100 ? 12 : 8;
      const partialCount = i < 100 ? 3 : 2;
      const booking =
        k < paidCount
          ? { table_id: stallIds[stall++], booking_date: '2027-01-12', price: '50000.00', amount_paid: '50000.00' }
          : k < paidCount + partialCount
            ? { table_id: stallIds[stall++], booking_date: '2027-01-12', price: '80000.00', amount_paid: '50000.00' }
            : undefined;
      await recordEntry(db, employee.id, {
        idempotency_key: ulid(),
        exhibitor_id: company,
        phone: p(i),
        table_id: stallIds[0],
        outcome: booking ? 'materialised' : 'interested',
        booking,
        at: new Date(talkAt.getTime() + i * 60_000),
      });
    }

    const row = (await listCampaignAnalytics(db, { sort: 'collected', dir: 'desc' })).find((r) => r.id === id)!;
    // 25 × 50,000 = 12,50,000 collected; booked 20 × 50,000 + 5 × 80,000 = 14,00,000; 25 / 150 = 16.666… → 16.67.
    expect(row).toMatchObject({
      messages_sent: 1000,
      leads: 150,
      bookings: 25,
      collected: '1250000.00',
      booked: '1400000.00',
      conversion: '16.67',
    });
    expect(formatINR(row.collected)).toBe('₹12,50,000.00');
    expect(formatPercent(row.conversion)).toBe('16.67%');
    await expectCountersEqualRecount(id);

    const byStatus = await getCampaignRevenueByStatus(db, id);
    expect(byStatus).toEqual([
      { amount_status: 'paid', bookings: 20, collected: '1000000.00', booked: '1000000.00' },
      { amount_status: 'partial', bookings: 5, collected: '250000.00', booked: '400000.00' },
      { amount_status: 'unpaid', bookings: 0, collected: '0.00', booked: '0.00' },
    ]);
    // 150 / 1000 = 15.00 %, 25 / 150 = 16.67 %; the funnel ends in money: 12,50,000 of 14,00,000 = 89.29 %
    // collected, 1,50,000 outstanding (the five partial bookings' 30,000 each); 20 of 25 fully paid.
    expect(campaignFunnel(row, byStatus)).toEqual({
      steps: [
        { key: 'sent', label: 'Messages sent', value: 1000, conversion: null },
        { key: 'leads', label: 'Leads', value: 150, conversion: '15.00' },
        { key: 'bookings', label: 'Bookings', value: 25, conversion: '16.67' },
      ],
      money: {
        collected: '1250000.00',
        booked: '1400000.00',
        outstanding: '150000.00',
        collectedShare: '89.29',
        fullyPaid: 20,
        bookings: 25,
      },
    });
    // A: 12 × 50,000 + 3 × 50,000 = 7,50,000 collected; 12 × 50,000 + 3 × 80,000 = 8,40,000 booked.
    // B:  8 × 50,000 + 2 × 50,000 = 5,00,000;            8 × 50,000 + 2 × 80,000 = 5,60,000.
    expect(await listCampaignExhibitors(db, id)).toEqual([
      {
        exhibitor_id: a.id,
        name: a.name,
        city: null,
        leads: 100,
        bookings: 15,
        collected: '750000.00',
        booked: '840000.00',
      },
      {
        exhibitor_id: b.id,
        name: b.name,
        city: null,
        leads: 50,
        bookings: 10,
        collected: '500000.00',
        booked: '560000.00',
      },
    ]);
    // Leads newest first: the last talk was phone 149 (company B, interested), 50 a page.
    const page1 = await listCampaignLeads(db, id, { page: 1, pageSize: 50 });
    const page3 = await listCampaignLeads(db, id, { page: 3, pageSize: 50 });
    expect(page1).toHaveLength(50);
    expect(page1[0]).toMatchObject({ phone: p(149), company: b.name, status: 'interested' });
    expect(page3.at(-1)).toMatchObject({ phone: p(0), company: a.name, status: 'materialised' });
    const all = [...page1, ...(await listCampaignLeads(db, id, { page: 2, pageSize: 50 })), ...page3].map((l) => l.id);
    expect(new Set(all).size).toBe(150);
  });

  it('a campaign without leads converts 0.00 %', async () => {
    const id = await newCampaign(admin.id);
    expect((await getCampaign(db, id))!.conversion).toBe('0.00');
    expect(conversionPercent(0, 0)).toBe('0.00');
    expect(conversionPercent(1, 3)).toBe('33.33');
    expect(conversionPercent(2, 3)).toBe('66.67');
  });
});

describe('roles', () => {
  it('employees neither read analytics nor manage campaigns; managers read but do not manage', () => {
    expect(can('employee', 'readRevenue')).toBe(false);
    expect(can('employee', 'manage')).toBe(false);
    expect(can('manager', 'readRevenue')).toBe(true);
    expect(can('manager', 'manage')).toBe(false);
    expect(can('admin', 'manage')).toBe(true);
  });
});

describe('schema', () => {
  it('keeps one recipient per phone per campaign', async () => {
    const id = await newCampaign(admin.id);
    const p = phoneBlock();
    await makeRecipients(id, [p(1)]);
    await expect(db.insert(campaignRecipients).values({ campaign_id: id, phone: p(1) })).rejects.toThrow();
    const [[n]] = (await db.execute(
      sql`select count(*) as n from campaign_recipients where campaign_id = ${id}`,
    )) as unknown as [[{ n: number }]];
    expect(Number(n.n)).toBe(1);
    expect((await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id))).length).toBe(1);
  });
});
