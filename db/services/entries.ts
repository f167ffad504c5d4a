/**
 * The booth write path (design document §3.1 ConversationService, §3.2
 * FollowUpService, §4.1–4.2): a talk with a visitor writes its lead
 * (follow-up), its conversation and — when materialised — its booking, all
 * linked both ways, plus the counters (./counters.ts), in one transaction, exactly
 * once per client key.
 */
import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type MySqlColumn } from 'drizzle-orm/mysql-core';

import type { Db, Tx } from '@/db';
import { attributionQuery } from '@/db/queries/attribution';
import { executeTogether, rowsOf } from '@/db/rows';
import {
  bookings,
  campaigns,
  contacts,
  conversations,
  followUps,
  locations,
  stalls,
  type AmountStatus,
  type Outcome,
} from '@/db/schema';
import { todayInIndia } from '@/lib/dates';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';
import { formatDay } from '@/lib/format';
import { amountStatus, formatINR, fromPaise, MAX_BOOKING_PRICE_PAISE, toPaise } from '@/lib/money';
import { normalisePhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

import { auditStatement } from './audit';
import { assertVisitorPhoneFree, PhoneTakenError } from './contacts';
import { bookingMove, conversationMove, counterStatements, moveCounters, type CounterMove } from './counters';
import { keyStoredSql, Replay, runOnce, type StoreKey } from './idempotency';

export type BookingInput = {
  /** The exhibition day the stall is booked for. */
  booking_date: string;
  /** The stall sold; defaults to the stall of the talk. */
  table_id?: number | null;
  price: string;
  amount_paid: string;
};

export type EntryInput = {
  idempotency_key: string;
  exhibitor_id: string;
  /** As typed; normalised to E.164 here. */
  phone: string;
  /** An existing visitor contact; otherwise found by phone. */
  visitor_id?: string | null;
  /** Save an unknown phone as a new visitor with this name (else only `visitor_phone` is kept). */
  new_visitor_name?: string | null;
  location_id?: number | null;
  table_id?: number | null;
  /** undefined: attribute by the campaign rule; null: no campaign; an id: the employee's choice. */
  campaign_id?: string | null;
  outcome: Outcome;
  notes?: string | null;
  /** undefined: the employee did not touch it — a continued lead keeps its planned follow-up; null: none. */
  next_followup_date?: string | null;
  /** Read with next_followup_date (ignored when that is undefined). */
  next_followup_time?: string | null;
  booking?: BookingInput | null;
  /** When the talk happened (default now; the seeder and imports pass history). */
  at?: Date;
};

export type EntryResult = {
  followUpId: number;
  leadCreated: boolean;
  conversationId: string;
  visitorId: string | null;
  phone: string;
  campaignId: string | null;
  booking: null | {
    id: string;
    stall: string | null;
    booking_date: string;
    price: string;
    amount_paid: string;
    amount_status: AmountStatus;
  };
};

/** 0 ≤ paid ≤ price, and the status that follows (DESIGN.md invariant 4). */
export function deriveAmountStatus(price: string, paid: string): AmountStatus {
  const p = toPaise(price);
  const a = toPaise(paid);
  if (p < 0n) throw new DomainError('INVALID', 'The price cannot be negative.', 'price');
  if (a < 0n) throw new DomainError('INVALID', 'The amount paid cannot be negative.', 'amount_paid');
  if (p > MAX_BOOKING_PRICE_PAISE)
    throw new DomainError('INVALID', `The price cannot be more than ${formatINR(MAX_BOOKING_PRICE_PAISE)}.`, 'price');
  if (a > p)
    throw new DomainError(
      'PAYMENT_EXCEEDS_PRICE',
      `The amount paid (${formatINR(paid)}) is more than the price (${formatINR(price)}).`,
      'amount_paid',
    );
  return amountStatus(p, a);
}

function requirePhone(raw: string): string {
  const phone = normalisePhone(raw);
  if (!phone)
    throw new DomainError(
      'INVALID',
      'This is not a valid phone number. Indian mobiles have 10 digits, e.g. 98765 43210.',
      'phone',
    );
  return phone;
}

/** After a refused insert: who holds the stall on that date (read in the same, doomed transaction). */
async function stallTakenError(tx: Tx, tableId: number, date: string): Promise<DomainError> {
  const [holder] = await tx
    .select({ stall: stalls.table_name, company: contacts.name })
    .from(bookings)
    .innerJoin(stalls, eq(stalls.id, bookings.table_id))
    .leftJoin(contacts, eq(contacts.id, bookings.exhibitor_id))
    .where(and(eq(bookings.active_table_id, tableId), eq(bookings.booking_date, date)));
  const stall = holder?.stall ? `Stall ${holder.stall}` : 'This stall';
  const who = holder?.company ? ` by ${holder.company}` : '';
  return new DomainError(
    'STALL_TAKEN',
    `${stall} is already booked for ${formatDay(date)}${who}. Choose another stall or date.`,
    'booking_table_id',
  );
}

/** Records one booth talk: see the module comment. Throws DomainError for refusals; nothing is written then. */
export async function recordEntry(
  db: Db,
  employeeId: string,
  input: EntryInput,
): Promise<EntryResult & { replayed: boolean }> {
  const phone = requirePhone(input.phone);
  if (input.outcome === 'materialised' && !input.booking)
    throw new DomainError(
      'INVALID',
      'A materialised talk needs the booking: stall, date, price and amount paid.',
      'outcome',
    );
  const amountStatus = input.booking ? deriveAmountStatus(input.booking.price, input.booking.amount_paid) : null;

  const key = { key: input.idempotency_key, userId: employeeId, action: 'record-entry' };
  return runOnce(
    db,
    key,
    (tx, storeKey) => writeEntry(tx, employeeId, input, phone, amountStatus, key, storeKey),
    // Two tablets opening the same lead at once: the loser retries and continues the winner's lead.
    // Two tablets adding one new phone at once: the loser retries and finds the winner's visitor.
    (error) => isDuplicateKeyError(error, 'follow_ups_open_lead_unique') || error instanceof PhoneTakenError,
    // The key is checked in readContext and stored with the result at the end: one round trip fewer.
    { keyLast: true },
  );
}

/**
 * Everything the write needs to know, read in one statement (each round trip
 * to the database costs more than the reads themselves): whether this key was
 * already answered, the company, the stalls, the visitor contact(s) with this
 * phone, the campaign — the employee's choice checked, or the attribution
 * rule's answer — and the open lead of this visitor with this company, locked
 * (a talk continues it, invariant 11; FOR UPDATE in its own subquery locks that
 * row only, not the company, stall or settings rows read beside it).
 */
/** The company an entry names, and the one it was merged into (readContext; `from contacts ex`). */
const ex = alias(contacts, 'ex');
const survivor = alias(contacts, 'survivor');

async function readContext(
  tx: Tx,
  input: EntryInput,
  phone: string,
  at: Date,
  key: Parameters<typeof keyStoredSql>[0],
) {
  const bookingTable = input.booking ? (input.booking.table_id ?? input.table_id ?? null) : null;
  const campaign =
    input.campaign_id === undefined
      ? sql`(select id from (${attributionQuery(tx, phone, at)}) a)`
      : input.campaign_id === null
        ? sql`null`
        : sql`(select ${campaigns.id} from ${campaigns} where ${campaigns.id} = ${input.campaign_id})`;
  const [row] = await rowsOf<{
    replayed: number | string;
    exhibitor_id: string | null;
    talk_location_id: number | null;
    location_id: number | null;
    booking_stall: string | null;
    visitor_ids: string | null;
    campaign_id: string | null;
    open_lead: string | null;
    later_lead: string | null;
  }>(
    tx,
    sql`
    select
      ${keyStoredSql(key)} as replayed,
      (select coalesce(if(${ex.deleted_at} is null, ${ex.id}, null),
                       (select ${survivor.id} from ${contacts} survivor where ${survivor.id} = ${ex.merged_into_id} and ${survivor.deleted_at} is null))
         from ${contacts} ex where ${ex.id} = ${input.exhibitor_id} and ${ex.type} = 'exhibitor') as exhibitor_id,
      (select ${stalls.location_mngt_id} from ${stalls} where ${stalls.id} = ${input.table_id ?? null}) as talk_location_id,
      (select ${locations.id} from ${locations} where ${locations.id} = ${input.location_id ?? null}) as location_id,
      (select concat_ws('\t', ${stalls.location_mngt_id}, ${stalls.table_name}, ${locations.loc_name}, coalesce(${locations.event_start_date}, ''), coalesce(${locations.event_end_date}, ''))
         from ${stalls} join ${locations} on ${locations.id} = ${stalls.location_mngt_id} where ${stalls.id} = ${bookingTable}) as booking_stall,
      ${
        input.visitor_id
          ? sql`(select ${contacts.id} from ${contacts} where ${contacts.id} = ${input.visitor_id} and ${contacts.deleted_at} is null)`
          : // No live visitor with this phone but one merged away (while a tablet held the talk): its survivor.
            sql`coalesce(
                (select group_concat(${contacts.id}) from ${contacts}
                   where ${contacts.phone} = ${phone} and ${contacts.type} = 'visitor' and ${contacts.deleted_at} is null),
                (select group_concat(distinct ${contacts.merged_into_id}) from ${contacts}
                   where ${contacts.phone} = ${phone} and ${contacts.type} = 'visitor' and ${contacts.merged_into_id} is not null))`
      } as visitor_ids,
      ${campaign} as campaign_id,
      (select concat_ws('\t', ${followUps.id}, ${followUps.campaign_id}) from ${followUps}
         where ${followUps.exhibitor_id} = ${input.exhibitor_id} and ${followUps.open_lead_phone} = ${phone} for update) as open_lead,
      (select concat_ws('\t', ${followUps.id}, ${followUps.campaign_id}) from ${followUps}
         join ${conversations} on ${conversations.id} = ${followUps.conversation_id}
         where ${followUps.phone} = ${phone} and ${followUps.exhibitor_id} = ${input.exhibitor_id} and ${gt(conversations.conversation_date, at)}
         order by ${conversations.conversation_date} asc, ${followUps.id} asc limit 1) as later_lead`,
  );
  if (Number(row?.replayed)) throw new Replay();
  if (!row?.exhibitor_id)
    throw new DomainError(
      'COMPANY_GONE',
      'That company is no longer in the list (it was deleted): choose the company this talk is for.',
      'exhibitor_id',
    );
  // The company was merged into another while the tablet held the entry: the talk is the survivor's,
  // read again for it (its open lead, its later talks). Rare, so the common path stays one statement.
  if (row.exhibitor_id !== input.exhibitor_id)
    return readContext(tx, { ...input, exhibitor_id: row.exhibitor_id }, phone, at, key);
  if (input.table_id && row.talk_location_id === null)
    throw new DomainError('NOT_FOUND', 'That stall no longer exists. Choose the stall from the list.', 'table_id');
  if (input.location_id && row.location_id === null)
    throw new DomainError(
      'NOT_FOUND',
      'That location no longer exists. Choose the location from the list.',
      'location_id',
    );
  if (input.visitor_id && !row.visitor_ids)
    throw new DomainError('NOT_FOUND', 'That visitor no longer exists.', 'phone');
  if (typeof input.campaign_id === 'string' && !row.campaign_id)
    throw new DomainError('NOT_FOUND', 'That campaign no longer exists.', 'campaign_id');
  let booking: { tableId: number; locationId: number; name: string; locationName: string } | null = null;
  if (input.booking) {
    if (!bookingTable) throw new DomainError('INVALID', 'Choose the stall being booked.', 'booking_table_id');
    if (!row.booking_stall) throw new DomainError('NOT_FOUND', 'That stall no longer exists.', 'booking_table_id');
    const [locationId, name, locationName, eventStart, eventEnd] = row.booking_stall.split('\t') as [
      string,
      string,
      string,
      string,
      string,
    ];
    refuseOutsideEvent(input.booking.booking_date, locationName, eventStart || null, eventEnd || null);
    booking = { tableId: bookingTable, locationId: Number(locationId), name, locationName };
  }
  const visitors = row.visitor_ids?.split(',') ?? [];
  const [openId, openCampaign] = row.open_lead?.split('\t') ?? [];
  const [laterId, laterCampaign] = row.later_lead?.split('\t') ?? [];
  return {
    open: openId ? { id: Number(openId), campaign_id: openCampaign || null } : null,
    later: laterId ? { id: Number(laterId), campaign_id: laterCampaign || null } : null,
    exhibitorId: row.exhibitor_id,
    locationId: input.table_id ? Number(row.talk_location_id) : (input.location_id ?? null),
    // Two visitor contacts with one phone (legacy duplicates) are not guessed between.
    visitorId: visitors.length === 1 ? visitors[0]! : null,
    unknownVisitor: visitors.length === 0,
    campaignId: row.campaign_id,
    booking,
  };
}

/**
 * Locks a visitor contact and answers the contact to record against: the survivor if it was merged
 * away. FOR UPDATE, as MariaDB has no FOR SHARE; talks with one visitor are rarely simultaneous, and
 * they meet at the open lead's lock anyway.
 */
async function lockVisitor(tx: Tx, id: string): Promise<string> {
  for (let hops = 0, current = id; ; hops++) {
    const [row] = await tx
      .select({ merged_into_id: contacts.merged_into_id })
      .from(contacts)
      .where(eq(contacts.id, current))
      .for('update');
    // A merge re-points what was merged into the contact it merges away, so one hop is the norm.
    if (!row?.merged_into_id || hops >= 3) return current;
    current = row.merged_into_id;
  }
}

/** A stall is booked for a day of its location's exhibition: a date outside the event's dates is refused, naming them. */
function refuseOutsideEvent(date: string, locationName: string, start: string | null, end: string | null) {
  if ((start && date < start) || (end && date > end)) {
    const span =
      start && end
        ? start === end
          ? `on ${formatDay(start)}`
          : `from ${formatDay(start)} to ${formatDay(end)}`
        : start
          ? `from ${formatDay(start)}`
          : `until ${formatDay(end!)}`;
    throw new DomainError(
      'INVALID',
      `${locationName} runs ${span}. Choose a booking date within the event.`,
      'booking_date',
    );
  }
}

/** The next follow-up is planned from the talk on: not before the talk's day, not years ahead (a typo). */
function checkFollowUpDate(input: EntryInput, at: Date) {
  const day = input.next_followup_date;
  if (!day || input.outcome === 'materialised') return;
  const talkDay = todayInIndia(at);
  if (day < talkDay)
    throw new DomainError(
      'INVALID',
      `The next follow-up cannot be before the talk (${formatDay(talkDay)}).`,
      'next_followup_date',
    );
  const limit = `${Number(talkDay.slice(0, 4)) + FOLLOW_UP_YEARS_AHEAD}${talkDay.slice(4)}`;
  if (day > limit)
    throw new DomainError(
      'INVALID',
      `Plan the next follow-up within ${FOLLOW_UP_YEARS_AHEAD} years of the talk (by ${formatDay(limit)}).`,
      'next_followup_date',
    );
}

/** How far ahead a next follow-up may be planned. */
const FOLLOW_UP_YEARS_AHEAD = 2;

async function writeEntry(
  tx: Tx,
  employeeId: string,
  input: EntryInput,
  phone: string,
  amountStatus: AmountStatus | null,
  key: Parameters<typeof keyStoredSql>[0],
  storeKey: StoreKey<EntryResult>,
): Promise<EntryResult> {
  const at = input.at ?? new Date();
  checkFollowUpDate(input, at);
  const ctx = await readContext(tx, input, phone, at, key);
  // The visitor row locked for the rest of the write: a merge (which locks both contacts) then either
  // waits for this talk and moves it, or has committed and this talk follows it to the survivor.
  let visitorId = ctx.visitorId ? await lockVisitor(tx, ctx.visitorId) : null;
  const newName = input.new_visitor_name?.trim();
  if (ctx.unknownVisitor && newName) {
    visitorId = ulid(at.getTime());
    await tx
      .insert(contacts)
      .values({ id: visitorId, type: 'visitor', name: newName, phone, created_at: at, updated_at: at });
    // One phone, one live visitor (invariant 13), also when two tablets add it in the same second.
    await assertVisitorPhoneFree(tx, { id: visitorId, phone });
  }

  // The open lead of this visitor with this company (locked by readContext); a talk continues it (invariant 11).
  // A talk that happened before a later talk of this visitor and company (it waited on a tablet while
  // another was recorded) joins the lead that talk belongs to as history: it never moves that lead
  // back (status, follow-up, place and campaign stay) and never opens a second lead.
  const history = ctx.later;
  const open = history ? null : ctx.open;
  // Attribution is decided at the lead's first talk.
  const campaignId = history ? history.campaign_id : open ? open.campaign_id : ctx.campaignId;

  // The lead if it is new, the talk, the booking: moved last (see moveCounters), so the next talk of the
  // company or the campaign waits on the counter rows for as short a time as possible.
  const moves: CounterMove[] = [
    conversationMove({ exhibitorId: ctx.exhibitorId, tableId: input.table_id ?? null, kind: 'talk', at }),
  ];
  if (!open && !history) moves.push({ exhibitorId: ctx.exhibitorId, campaignId, leads: 1 });
  if (input.booking && ctx.booking)
    moves.push(
      bookingMove({
        exhibitorId: ctx.exhibitorId,
        tableId: ctx.booking.tableId,
        campaignId,
        price: input.booking.price,
        amountPaid: input.booking.amount_paid,
      }),
    );

  const lead = {
    status: input.outcome,
    ...(input.outcome === 'materialised'
      ? { next_followup_date: null, next_followup_time: null }
      : input.next_followup_date === undefined
        ? // Not touched by the employee: a continued lead keeps its planned follow-up (left out of the update).
          { next_followup_date: undefined, next_followup_time: undefined }
        : { next_followup_date: input.next_followup_date, next_followup_time: input.next_followup_time ?? null }),
    employee_id: employeeId,
    updated_at: at,
  };
  let followUpId: number;
  if (history) {
    followUpId = history.id;
  } else if (open) {
    followUpId = open.id;
  } else {
    const [inserted] = await tx.insert(followUps).values({
      ...lead,
      phone,
      exhibitor_id: ctx.exhibitorId,
      visitor_id: visitorId,
      location_id: ctx.locationId,
      table_id: input.table_id ?? null,
      campaign_id: campaignId,
      comment: input.notes ?? null,
      created_at: at,
    });
    followUpId = inserted.insertId;
  }

  // The talk, its booking, the links between them, the counters and the idempotency key with the answer:
  // one round trip (executeTogether).
  const together: SQL[] = [];
  const conversationId = ulid(at.getTime());
  together.push(
    tx
      .insert(conversations)
      .values({
        id: conversationId,
        exhibitor_id: ctx.exhibitorId,
        visitor_id: visitorId,
        visitor_phone: phone,
        employee_id: employeeId,
        location_id: ctx.locationId,
        table_id: input.table_id ?? null,
        campaign_id: campaignId,
        outcome: input.outcome,
        kind: 'talk',
        notes: input.notes ?? null,
        conversation_date: at,
        follow_up_id: followUpId,
        created_at: at,
        updated_at: at,
      })
      .getSQL(),
  );
  let booking: EntryResult['booking'] = null;
  let bookingId: string | null = null;
  if (input.booking && amountStatus && ctx.booking) {
    bookingId = ulid(at.getTime());
    together.push(
      tx
        .insert(bookings)
        .values({
          id: bookingId,
          phone,
          booking_date: input.booking.booking_date,
          // The legacy strings too, so old queries by location name keep finding new bookings (§7.2).
          booking_location: ctx.booking.locationName,
          table_no: ctx.booking.name,
          price: input.booking.price,
          amount_paid: input.booking.amount_paid,
          amount_status: amountStatus,
          employee_id: employeeId,
          exhibitor_id: ctx.exhibitorId,
          visitor_id: visitorId,
          location_id: ctx.booking.locationId,
          table_id: ctx.booking.tableId,
          campaign_id: campaignId, // attribution persists from the lead (§4.2)
          conversation_id: conversationId,
          created_at: at,
          updated_at: at,
        })
        .getSQL(),
    );
    booking = {
      id: bookingId,
      stall: ctx.booking.name,
      booking_date: input.booking.booking_date,
      price: input.booking.price,
      amount_paid: input.booking.amount_paid,
      amount_status: amountStatus,
    };
    // Its audit row rides in the same batch: no round trip of its own.
    together.push(
      auditStatement(
        [
          {
            action: 'booking.created',
            entity: 'booking',
            entityId: bookingId,
            after: {
              exhibitor_id: ctx.exhibitorId,
              campaign_id: campaignId,
              table_id: ctx.booking.tableId,
              booking_date: input.booking.booking_date,
              price: fromPaise(toPaise(input.booking.price)),
              amount_paid: fromPaise(toPaise(input.booking.amount_paid)),
              amount_status: amountStatus,
              follow_up_id: followUpId,
            },
            userId: employeeId,
          },
        ],
        // When it was written, not when the talk happened (an entry may have waited offline).
      )!,
    );
  }

  // The lead points at its latest talk (a continued lead takes the talk's status and place), and the talk
  // at its booking: one statement (the links go both ways, so each row exists before it is pointed at).
  const f = followUps;
  const set: [MySqlColumn, unknown][] = history
    ? []
    : open
      ? [
          [f.status, lead.status],
          [f.next_followup_date, lead.next_followup_date],
          [f.next_followup_time, lead.next_followup_time],
          [f.employee_id, lead.employee_id],
          [f.updated_at, at],
          [f.conversation_id, conversationId],
          [f.comment, input.notes ?? undefined],
          [f.location_id, ctx.locationId ?? undefined],
          [f.table_id, input.table_id ?? undefined],
          [f.visitor_id, visitorId ?? undefined],
        ]
      : [
          [f.conversation_id, conversationId],
          [f.updated_at, at],
        ];
  if (bookingId) set.push([conversations.booking_id, bookingId], [conversations.updated_at, at]);
  const assignments = sql.join(
    set.filter(([, v]) => v !== undefined).map(([column, v]) => sql`${column} = ${sql.param(v, column)}`),
    sql`, `,
  );
  if (history) {
    // History: the lead is not touched; only the talk points at its booking.
    if (bookingId)
      together.push(sql`update ${conversations} set ${assignments} where ${conversations.id} = ${conversationId}`);
  } else
    together.push(
      bookingId
        ? sql`update ${f}, ${conversations} set ${assignments} where ${f.id} = ${followUpId} and ${conversations.id} = ${conversationId}`
        : sql`update ${f} set ${assignments} where ${f.id} = ${followUpId}`,
    );

  const result = { followUpId, leadCreated: !open && !history, conversationId, visitorId, phone, campaignId, booking };
  together.push(...counterStatements(moves), storeKey(result));
  try {
    await executeTogether(tx, together);
  } catch (error) {
    if (input.booking && ctx.booking && isDuplicateKeyError(error, 'bookings_stall_date_unique'))
      throw await stallTakenError(tx, ctx.booking.tableId, input.booking.booking_date);
    throw error;
  }
  return result;
}

export type NoteInput = { idempotency_key: string; exhibitor_id: string; phone: string; notes: string; at?: Date };

/**
 * A manual timeline entry (§3.1 "manual conversation entry"), e.g. a phone
 * call: kind `manual`, linked to the visitor's latest lead with the company,
 * which it does not change. `outcome` cannot be empty, so it records the lead's
 * status at that moment (`interested` when there is no lead yet) — the note
 * reports, it does not decide.
 */
export async function recordManualNote(db: Db, employeeId: string, input: NoteInput) {
  const phone = requirePhone(input.phone);
  const notes = input.notes.trim();
  if (!notes) throw new DomainError('INVALID', 'Write what was said.', 'notes');
  return runOnce(db, { key: input.idempotency_key, userId: employeeId, action: 'record-note' }, async (tx) => {
    const at = input.at ?? new Date();
    const [exhibitor] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, input.exhibitor_id), eq(contacts.type, 'exhibitor'), isNull(contacts.deleted_at)));
    if (!exhibitor)
      throw new DomainError(
        'COMPANY_GONE',
        'That company is no longer in the list: choose the company this note is for.',
        'exhibitor_id',
      );
    const [lead] = await tx
      .select({
        id: followUps.id,
        status: followUps.status,
        visitor_id: followUps.visitor_id,
        campaign_id: followUps.campaign_id,
        location_id: followUps.location_id,
        table_id: followUps.table_id,
      })
      .from(followUps)
      .where(and(eq(followUps.exhibitor_id, exhibitor.id), eq(followUps.phone, phone)))
      .orderBy(sql`${followUps.id} desc`)
      .limit(1);
    const id = ulid(at.getTime());
    await tx.insert(conversations).values({
      id,
      exhibitor_id: exhibitor.id,
      visitor_id: lead?.visitor_id ?? null,
      visitor_phone: phone,
      employee_id: employeeId,
      location_id: lead?.location_id ?? null,
      table_id: lead?.table_id ?? null,
      campaign_id: lead?.campaign_id ?? null,
      outcome: lead?.status ?? 'interested',
      kind: 'manual',
      notes,
      conversation_date: at,
      follow_up_id: lead?.id ?? null,
      created_at: at,
      updated_at: at,
    });
    await moveCounters(tx, [conversationMove({ exhibitorId: exhibitor.id, kind: 'manual', at })]);
    return { conversationId: id, followUpId: lead?.id ?? null };
  });
}
