/**
 * The leads written out, in time order: each lead's talks, the lead itself,
 * and for a sale its later payments, perhaps a cancellation, and the booking.
 */
import { amountStatus, formatINR } from '@/lib/money';

import type { SeedRows } from '../bulk-sql';
import { DAY, isoDate, wholeSecond } from '../dates';
import { BUSY_NOTES, CANCEL_REASONS, FOLLOW_UP_TIMES, INTERESTED_NOTES, PAYMENT_MODES } from '../phrases';
import type { Sends } from './campaigns';
import type { Contacts } from './contacts';
import { money, round500, type World } from './context';
import { lastTalk, PAY_FULL, PAY_PARTIAL, type LeadPlan, type SalesPlan } from './leads';
import { chooseLocation, takeSlot, type Venue } from './locations';
import type { Staff } from './users';

/** One lead as its rows see it: the links every row of the lead carries. */
type Lead = {
  index: number;
  followUpId: number;
  exhibitorId: string;
  visitorId: string;
  phone: string;
  campaignId: string | null;
  firstAt: number;
  lastAt: number;
  isSale: boolean;
  status: 'materialised' | 'busy' | 'interested';
  venue: Venue;
  stallIdx: number;
  tableId: number;
  stallName: string;
  /** A sale's exhibition day (ms); 0 for no sale. */
  bookingDay: number;
};

/** A sale's money, decided up front so the sale talk and the later payments can tell it. */
type Sale = {
  bookingId: string | null;
  listPrice: number;
  price: number;
  /** The amount at the sale first, then each later payment. */
  installments: number[];
  paidAtSale: number;
  laterPayments: number;
};

/** What the lead's last talk left: the lead and the booking point at it. */
type LastTalk = { conversationId: string; notes: string; employee: string };

export type HistoryInput = {
  staff: Staff;
  venues: Venue[];
  contacts: Contacts;
  sends: Sends;
  attribute: (v: number, at: number) => number;
  leads: LeadPlan;
  sales: SalesPlan;
};

export async function writeHistory(w: World, h: HistoryInput): Promise<void> {
  let followUpId = w.first.followUp;
  for (const i of h.sales.order) {
    const lead = placeLead(w, h, i, followUpId++);
    const sale = priceSale(w, h, lead);
    const last = await writeTalks(w, h, lead, sale);
    await writeFollowUp(w, lead, last);
    if (!lead.isSale || !sale.bookingId) continue;
    await writeAfterSale(w, h, lead, sale, last);
  }
}

/** The lead's links; its status; the stall talked about — for a sale, a free (stall, day) of an exhibition after the sale. */
function placeLead(w: World, h: HistoryInput, i: number, followUpId: number): Lead {
  const { rng } = w;
  const v = h.leads.visitor[i]!;
  const firstAt = h.leads.talkAt[i * 3]!;
  const lastAt = lastTalk(h.leads, i);
  const c = h.attribute(v, firstAt);
  const isSale = h.sales.materialised[i] === 1;
  const status = isSale ? 'materialised' : rng.chance(0.35) ? 'busy' : 'interested';
  const venue = chooseLocation(rng, h.venues, isSale ? lastAt : firstAt, isSale);
  const { stallIdx, day: bookingDay } = isSale
    ? takeSlot(rng, venue)
    : { stallIdx: rng.int(0, venue.stallIds.length - 1), day: 0 };
  return {
    index: i,
    followUpId,
    exhibitorId: h.contacts.exhibitorIds[h.leads.exhibitor[i]!]!,
    visitorId: h.contacts.visitorIds[v]!,
    phone: h.contacts.visitorPhones[v]!,
    campaignId: c >= 0 ? h.sends.campaignIds[c]! : null,
    firstAt,
    lastAt,
    isSale,
    status,
    venue,
    stallIdx,
    tableId: venue.stallIds[stallIdx]!,
    stallName: venue.stallNames[stallIdx]!,
    bookingDay,
  };
}

/** The price (a discount now and then), what is paid in all, and that split into the amount at the sale and the later payments of at least ₹500. */
function priceSale(w: World, h: HistoryInput, lead: Lead): Sale {
  const { rng } = w;
  const i = lead.index;
  const bookingId = lead.isSale ? w.newId(lead.lastAt) : null;
  const listPrice = lead.venue.stallPrices[lead.stallIdx]!;
  const price = lead.isSale && rng.chance(0.4) ? listPrice - round500(listPrice * rng.between(0.03, 0.12)) : listPrice;
  const kind = h.sales.payKind[i];
  const paid =
    kind === PAY_FULL
      ? price
      : kind === PAY_PARTIAL
        ? Math.min(price - 50_000, Math.max(50_000, round500(price * rng.between(0.2, 0.8))))
        : 0;
  const k = h.sales.payments[i]!;
  // Nothing at the sale, sometimes, when payments follow.
  const installments: number[] = [];
  if (lead.isSale && paid > 0) {
    const room = paid - k * 50_000;
    const initial =
      k === 0 ? paid : rng.chance(0.3) ? 0 : Math.min(room, Math.max(50_000, round500(paid * rng.between(0.2, 0.6))));
    installments.push(initial);
    let left = paid - initial;
    for (let p = 0; p < k; p++) {
      const after = k - 1 - p;
      const amount =
        after === 0 ? left : Math.min(left - after * 50_000, Math.max(50_000, round500(left * rng.between(0.3, 0.7))));
      installments.push(amount);
      left -= amount;
    }
  }
  return { bookingId, listPrice, price, installments, paidAtSale: installments[0] ?? 0, laterPayments: k };
}

/** The talks: the lead's owner mostly, a colleague now and then; the last one says the lead's status. */
async function writeTalks(w: World, h: HistoryInput, lead: Lead, sale: Sale): Promise<LastTalk> {
  const { rng } = w;
  const { recorders, userIds } = h.staff;
  const { price, listPrice, paidAtSale } = sale;
  const n = h.leads.talks[lead.index]!;
  const owner = userIds[recorders.pick(rng)]!;
  const last: LastTalk = { conversationId: '', notes: '', employee: owner };
  for (let t = 0; t < n; t++) {
    const at = h.leads.talkAt[lead.index * 3 + t]!;
    const isLast = t === n - 1;
    const outcome = isLast ? lead.status : rng.chance(0.4) ? 'busy' : 'interested';
    const employee = rng.chance(0.8) ? owner : userIds[recorders.pick(rng)]!;
    const notes =
      outcome === 'materialised'
        ? `Booked ${lead.stallName} for ${isoDate(lead.bookingDay)} at ${formatINR(money(price))}${price < listPrice ? ` (list ${formatINR(money(listPrice))})` : ''}; ${paidAtSale > 0 ? `${formatINR(money(paidAtSale))} paid by ${rng.pick(PAYMENT_MODES)}` : 'payment to follow'}.`
        : rng.pick(outcome === 'busy' ? BUSY_NOTES : INTERESTED_NOTES);
    const conversationId = w.newId(at);
    await w.out(
      'conversations',
      timelineEntry(lead, {
        id: conversationId,
        employee,
        outcome,
        kind: 'talk',
        notes,
        at,
        bookingId: isLast ? sale.bookingId : null,
      }),
    );
    if (outcome === 'materialised') w.describe?.(conversationId, { kind: 'sale', paid: money(paidAtSale) });
    last.conversationId = conversationId;
    last.notes = notes;
    last.employee = employee;
  }
  return last;
}

type Entry = {
  id: string;
  employee: string;
  outcome: Lead['status'];
  kind: 'talk' | 'payment' | 'cancellation';
  notes: string;
  at: number;
  bookingId: string | null;
};

/** A timeline entry of the lead, with the links every entry of it carries. */
function timelineEntry(lead: Lead, e: Entry): SeedRows['conversations'] {
  const at = new Date(e.at);
  return {
    id: e.id,
    exhibitor_id: lead.exhibitorId,
    visitor_id: lead.visitorId,
    visitor_phone: lead.phone,
    employee_id: e.employee,
    location_id: lead.venue.id,
    table_id: lead.tableId,
    campaign_id: lead.campaignId,
    outcome: e.outcome,
    kind: e.kind,
    notes: e.notes,
    conversation_date: at,
    follow_up_id: lead.followUpId,
    booking_id: e.bookingId,
    created_at: at,
    updated_at: at,
  };
}

async function writeFollowUp(w: World, lead: Lead, last: LastTalk): Promise<void> {
  const nextDate = lead.isSale ? null : isoDate(lead.lastAt + w.rng.int(2, 10) * DAY);
  await w.out('follow_ups', {
    id: lead.followUpId,
    phone: lead.phone,
    exhibitor_id: lead.exhibitorId,
    visitor_id: lead.visitorId,
    location_id: lead.venue.id,
    table_id: lead.tableId,
    campaign_id: lead.campaignId,
    conversation_id: last.conversationId,
    status: lead.status,
    next_followup_date: nextDate,
    next_followup_time: nextDate ? w.rng.pick(FOLLOW_UP_TIMES) : null,
    comment: last.notes,
    employee_id: last.employee,
    created_at: new Date(lead.firstAt),
    updated_at: new Date(lead.lastAt),
  });
}

/** What a booking has been through by the end: paid in all, last changed, cancelled when. */
type Afterwards = { paid: number; updatedAt: number; cancelledAt: Date | null };

/** Later payments, then perhaps a cancellation, each a timeline entry carrying the booking; then the booking with what they add up to. */
async function writeAfterSale(w: World, h: HistoryInput, lead: Lead, sale: Sale, last: LastTalk): Promise<void> {
  const k = sale.laterPayments;
  const cancelled = h.sales.cancelled[lead.index]!;
  const span = Math.min(w.now - lead.lastAt, 90 * DAY);
  const eventTimes = Array.from({ length: k + cancelled }, () => lead.lastAt + w.rng.between(0.02, 1) * span)
    .map(wholeSecond)
    .sort((x, y) => x - y);
  const after: Afterwards = { paid: sale.paidAtSale, updatedAt: lead.lastAt, cancelledAt: null };
  await writeLaterPayments(w, h, lead, sale, eventTimes, after);
  if (cancelled) await writeCancellation(w, h, lead, sale, eventTimes[k]!, after);
  await writeBooking(w, lead, sale, last, after);
}

async function writeLaterPayments(
  w: World,
  h: HistoryInput,
  lead: Lead,
  sale: Sale,
  eventTimes: number[],
  after: Afterwards,
): Promise<void> {
  const { rng } = w;
  const { recorders, userIds } = h.staff;
  for (let p = 0; p < sale.laterPayments; p++) {
    const at = eventTimes[p]!;
    const amount = sale.installments[p + 1]!;
    after.paid += amount;
    // Drawn in the order the row literal used to draw them, so the data stays the same.
    const paymentId = w.newId(at);
    const employee = userIds[recorders.pick(rng)]!;
    const mode = rng.pick(PAYMENT_MODES);
    const notes = `Payment of ${formatINR(money(amount))} received by ${mode}; ${formatINR(money(after.paid))} of ${formatINR(money(sale.price))} paid.`;
    await w.out(
      'conversations',
      timelineEntry(lead, {
        id: paymentId,
        employee,
        outcome: 'materialised',
        kind: 'payment',
        notes,
        at,
        bookingId: sale.bookingId,
      }),
    );
    w.describe?.(paymentId, { kind: 'payment', amount: money(amount), mode });
    after.updatedAt = at;
  }
}

/** A cancellation after the last payment (a second later at the least). */
async function writeCancellation(
  w: World,
  h: HistoryInput,
  lead: Lead,
  sale: Sale,
  drawnAt: number,
  after: Afterwards,
): Promise<void> {
  const { recorders, userIds } = h.staff;
  const at = Math.max(drawnAt, after.updatedAt + 1000);
  const cancellationId = w.newId(at);
  const employee = userIds[recorders.pick(w.rng)]!;
  const reason = w.rng.pick(CANCEL_REASONS);
  const notes = `Booking cancelled; the stall is free again. ${reason}`;
  await w.out(
    'conversations',
    timelineEntry(lead, {
      id: cancellationId,
      employee,
      outcome: 'materialised',
      kind: 'cancellation',
      notes,
      at,
      bookingId: sale.bookingId,
    }),
  );
  w.describe?.(cancellationId, { kind: 'cancellation', reason });
  after.cancelledAt = new Date(at);
  after.updatedAt = at;
}

async function writeBooking(w: World, lead: Lead, sale: Sale, last: LastTalk, after: Afterwards): Promise<void> {
  await w.out('bookings', {
    id: sale.bookingId!,
    phone: lead.phone,
    booking_date: isoDate(lead.bookingDay),
    booking_location: lead.venue.name,
    table_no: lead.stallName,
    price: money(sale.price),
    amount_status: amountStatus(BigInt(sale.price), BigInt(after.paid)),
    amount_paid: money(after.paid),
    employee_id: last.employee,
    exhibitor_id: lead.exhibitorId,
    visitor_id: lead.visitorId,
    location_id: lead.venue.id,
    table_id: lead.tableId,
    campaign_id: lead.campaignId,
    conversation_id: last.conversationId,
    cancelled_at: after.cancelledAt,
    created_at: new Date(lead.lastAt),
    updated_at: new Date(after.updatedAt),
  });
}
