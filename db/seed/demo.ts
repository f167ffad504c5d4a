/**
 * The demo data set: a believable small organiser — two venues, 60 stalls,
 * 40 exhibitor companies, 1,500 visitors, four campaigns and a few hundred
 * leads with their talks, bookings and payments — and one login per role.
 * The base rows (users, venues, stalls, contacts, campaigns and recipients)
 * are bulk-inserted; the history (every talk, booking, payment and
 * cancellation) is replayed through the booth write services, so the demo
 * obeys every invariant the app enforces. Deterministic in content: the same
 * seed and day give the same data (the services make their own ULIDs, and
 * lead ids follow commit order, so ids of the history differ between runs).
 */
import { and, eq, like, ne, sql } from 'drizzle-orm';

import { createDb, createPool, type Db, type DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import {
  idempotencyKeys,
  users,
  type NewBooking,
  type NewConversation,
  type NewFollowUp,
  type Role,
} from '@/db/schema';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { recordEntry, type EntryInput } from '@/db/services/entries';
import { reconcileReadStats } from '@/db/services/read-stats';
import { hashPassword } from '@/lib/password';

import {
  countSeededRows,
  DAY,
  generateWorld,
  insertStatement,
  isoDate,
  nextIds,
  SEED_TABLES,
  sqlTuple,
  startOfUtcDay,
  type CampaignSpec,
  type HistoryDetail,
  type LocationSpec,
  type RunSql,
  type SeedTable,
  type WorldSpec,
} from './shared';

export const DEMO_PASSWORD = 'paridharan-demo';
export const DEMO_SEED = 20_251_104;

export const DEMO_USERS: { name: string; email: string; role: Role }[] = [
  { name: 'Rohit Malhotra', email: 'admin@paridharan.test', role: 'admin' },
  { name: 'Priya Nair', email: 'manager@paridharan.test', role: 'manager' },
  { name: 'Sandeep Yadav', email: 'employee@paridharan.test', role: 'employee' },
  { name: 'Anjali Deshmukh', email: 'anjali.deshmukh@paridharan.test', role: 'employee' },
  { name: 'Imran Qureshi', email: 'imran.qureshi@paridharan.test', role: 'employee' },
  { name: 'Kavya Reddy', email: 'kavya.reddy@paridharan.test', role: 'employee' },
];

/** Sign-ins the demo creates (the same password for all), for printing. */
export const DEMO_LOGINS: { role: Role; email: string; password: string }[] = DEMO_USERS.map((u) => ({
  role: u.role,
  email: u.email,
  password: DEMO_PASSWORD,
}));

const stallRange = (prefix: string, from: number, to: number, price: (n: number) => string) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    name: `${prefix}${String(from + i).padStart(2, '0')}`,
    price: price(from + i),
  }));

/** Two upcoming exhibitions, relative to `now` so the demo always has stalls to sell. */
function demoLocations(now: number): LocationSpec[] {
  return [
    {
      name: 'Bombay Exhibition Centre, Goregaon',
      address: 'NESCO Complex, Western Express Highway, Goregaon (East), Mumbai, Maharashtra 400063',
      eventStart: isoDate(now + 20 * DAY),
      eventDays: 4,
      stalls: [
        ...stallRange('H1-', 1, 16, (n) => (n === 1 || n === 16 ? '75000.00' : '50000.00')),
        ...stallRange('H2-', 1, 14, (n) => (n === 1 || n === 7 || n === 14 ? '120000.00' : '75000.00')),
      ],
    },
    {
      name: 'Pragati Maidan, New Delhi',
      address: 'Bharat Mandapam, Pragati Maidan, Mathura Road, New Delhi, Delhi 110001',
      eventStart: isoDate(now + 48 * DAY),
      eventDays: 5,
      stalls: stallRange('T-', 1, 30, (n) => (n <= 6 ? '120000.00' : n <= 18 ? '75000.00' : '50000.00')),
    },
  ];
}

function demoCampaigns(now: number): CampaignSpec[] {
  // 11:00 IST on the day.
  const at = (daysAgo: number) => startOfUtcDay(now - daysAgo * DAY) + 5.5 * 3600_000;
  return [
    {
      name: 'Goregaon Textile & Handloom Expo — WhatsApp invite',
      channel: 'whatsapp',
      message:
        'Namaste {name}! Stalls for the Goregaon Textile & Handloom Expo are open. Early-bird rates till month end — reply YES and our team will call you.',
      status: 'sent',
      sentAt: at(95),
      recipients: 420,
    },
    {
      name: 'Pragati Maidan Trade Fair — SMS',
      channel: 'sms',
      message:
        'Book your stall at Pragati Maidan, New Delhi. Corner stalls from Rs 1.2 lakh. Call 1800-123-4567. -PARIDH',
      status: 'sent',
      sentAt: at(60),
      recipients: 360,
    },
    {
      name: 'Early-bird stall offer — email',
      channel: 'email',
      message: 'Dear {name}, book before the 15th and save up to 10% on any stall at Goregaon or Pragati Maidan.',
      status: 'sent',
      sentAt: at(32),
      recipients: 300,
    },
    {
      name: 'Diwali season reminder — WhatsApp',
      channel: 'whatsapp',
      message:
        'Shubh Deepavali {name}! A few stalls are still free for the festive season fairs. Reply STALL to get the floor plan.',
      status: 'sent',
      sentAt: at(12),
      recipients: 380,
    },
  ];
}

export function demoSpec(seed: number, now: number, passwordHash: string): WorldSpec {
  return {
    seed,
    now,
    from: now - 150 * DAY,
    passwordHash,
    users: DEMO_USERS,
    locations: demoLocations(now),
    exhibitors: 40,
    exhibitorSkew: 0.6,
    visitors: 1500,
    duplicateVisitors: 6,
    campaigns: demoCampaigns(now),
    leads: 340,
    materialised: 75,
    campaignLeadShare: 0.5,
    talkWeights: [3, 4, 3],
    cancelledShare: 0.04,
  };
}

/** True when nobody can sign in yet: the users table has no rows. */
export async function isEmpty(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length === 0;
}

export type DemoOptions = {
  seed?: number;
  /** The day the data leads up to (default today, UTC); talks lie in the 150 days before it. */
  now?: Date;
};

const CHUNK = 1000;
/** Tables written in bulk, parents first (foreign-key checks stay on). */
const BASE_TABLES = [
  'users',
  'location_mngt',
  'location_mngt_table_details',
  'contacts',
  'campaigns',
  'campaign_recipients',
] as const satisfies readonly SeedTable[];
type BaseTable = (typeof BASE_TABLES)[number];
const isBase = (table: SeedTable): table is BaseTable => (BASE_TABLES as readonly SeedTable[]).includes(table);
/** Leads replayed at once (each lead's own steps stay in order). */
export const REPLAY_CONCURRENCY = 8;
/** Idempotency keys of the replay: `demo-` and 11 digits, the booth form's pattern; deleted when the replay is done. */
const KEY_PREFIX = 'demo-';
/** Written with the base rows, deleted last: while it is there, the demo is not complete. */
const UNFINISHED = `${KEY_PREFIX}seed-unfinished`;

/** One write of the history: a talk, a payment or a cancellation, of one generated lead. */
type Step = { at: number; seq: number; lead: number; conversation: NewConversation };

/** The generated history, as the replay needs it. */
type History = {
  conversations: NewConversation[];
  followUps: Map<number, NewFollowUp>;
  bookings: Map<string, NewBooking>;
  details: Map<string, HistoryDetail>;
};

/**
 * Seeds the demo into an empty database. The base rows go in one
 * transaction (with the campaigns' messages-sent counters recounted); then
 * the history is replayed in time order through recordEntry, recordPayment
 * and cancelBooking — each its own transaction, several leads at a time — so
 * the services write the leads, links, bookings and counters. A failure
 * part-way leaves a partial demo: the error says to drop the database and
 * seed again. Ends by proving the counters need no repair and that every
 * generated row was written.
 */
export async function seedDemo(db: Db, options: DemoOptions = {}): Promise<Record<SeedTable, number>> {
  const now = startOfUtcDay(options.now?.getTime() ?? Date.now());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const history: History = { conversations: [], followUps: new Map(), bookings: new Map(), details: new Map() };

  const counts = await db.transaction(async (tx) => {
    if (!(await isEmpty(tx)))
      throw new Error('The database already has users: the demo is only seeded into an empty database.');
    const run: RunSql = async (statement) => {
      const [rows] = (await tx.execute(sql.raw(statement))) as unknown as [unknown[], unknown];
      return rows;
    };
    const tuples = Object.fromEntries(BASE_TABLES.map((t) => [t, [] as string[]])) as Record<BaseTable, string[]>;
    const spec = { ...demoSpec(options.seed ?? DEMO_SEED, now, passwordHash), firstIds: await nextIds(tx) };
    const generated = await generateWorld(
      spec,
      (table, row) => {
        if (isBase(table)) tuples[table].push(sqlTuple(table, row));
        if (table === 'conversations') history.conversations.push(row as NewConversation);
        else if (table === 'follow_ups') history.followUps.set((row as NewFollowUp).id!, row as NewFollowUp);
        else if (table === 'bookings') history.bookings.set((row as NewBooking).id, row as NewBooking);
      },
      (conversationId, detail) => history.details.set(conversationId, detail),
    );
    for (const table of BASE_TABLES) {
      for (let i = 0; i < tuples[table].length; i += CHUNK)
        await run(insertStatement(table, tuples[table].slice(i, i + CHUNK)));
    }
    // The recipients were bulk-inserted: count their messages once; the services keep every other counter.
    await reconcileCampaignCounters(tx, { fix: true });
    await tx.insert(idempotencyKeys).values({ key: UNFINISHED, user_id: 'seed', action: 'seed-demo' });
    return generated;
  });

  try {
    await replay(db, history);
    const drifts = await reconcileCampaignCounters(db, { fix: false });
    if (drifts.length)
      throw new Error(
        `the campaign counters drifted from their rows (${drifts.map((d) => `${d.name}: ${d.field} ${d.stored} ≠ ${d.actual}`).join('; ')})`,
      );
    const statDrifts = await reconcileReadStats(db, { fix: false });
    if (statDrifts.length)
      throw new Error(
        `the read counters drifted from their rows (${statDrifts
          .slice(0, 5)
          .map((d) => `${d.table} ${d.key}: ${d.field} ${d.stored} ≠ ${d.actual}`)
          .join('; ')})`,
      );
    await expectCounts(db, counts);
    // The replay's keys (nobody will retry them) and, last, the marker.
    await db
      .delete(idempotencyKeys)
      .where(and(like(idempotencyKeys.key, `${KEY_PREFIX}%`), ne(idempotencyKeys.key, UNFINISHED)));
    await db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.user_id, 'seed'), eq(idempotencyKeys.key, UNFINISHED)));
  } catch (error) {
    throw new Error(
      `The demo seeding stopped part-way (${error instanceof Error ? error.message : String(error)}). ${await partialAdvice(db)}`,
      { cause: error },
    );
  }
  return counts;
}

/** The history in time order; a lead's steps keep the order the generator wrote them in. */
function steps(history: History): Step[] {
  const list = history.conversations.map((conversation, seq): Step => {
    if (conversation.follow_up_id == null || !conversation.conversation_date)
      throw new Error(`generated conversation ${conversation.id} has no lead or date`);
    return { at: conversation.conversation_date.getTime(), seq, lead: conversation.follow_up_id, conversation };
  });
  return list.sort((x, y) => x.at - y.at || x.seq - y.seq);
}

/**
 * Replays the steps through the services, REPLAY_CONCURRENCY at a time in
 * time order; a step waits for the previous step of its lead. Leads never
 * share a visitor and company, nor a stall and date (the generator sees to
 * both), so concurrent leads cannot collide.
 */
async function replay(db: Db, history: History): Promise<void> {
  const all = steps(history);
  // The lead's talks in order, for the next follow-up date an earlier talk set (the day of the next talk).
  const talksOf = new Map<number, Step[]>();
  for (const step of all) {
    if (step.conversation.kind !== 'talk') continue;
    const talks = talksOf.get(step.lead);
    if (talks) talks.push(step);
    else talksOf.set(step.lead, [step]);
  }
  const bookingIds = new Map<string, string>();

  const write = async (step: Step, key: string) => {
    const c = step.conversation;
    const at = new Date(step.at);
    const detail = history.details.get(c.id);
    if (c.kind === 'talk') {
      const talks = talksOf.get(step.lead)!;
      const index = talks.indexOf(step);
      const lead = history.followUps.get(step.lead);
      if (!lead) throw new Error(`generated lead ${step.lead} is missing`);
      const isLast = index === talks.length - 1;
      const booking = c.booking_id ? history.bookings.get(c.booking_id) : undefined;
      if (c.outcome === 'materialised' && (!booking || detail?.kind !== 'sale'))
        throw new Error(`generated sale ${c.id} has no booking`);
      const input: EntryInput = {
        idempotency_key: key,
        exhibitor_id: c.exhibitor_id,
        phone: c.visitor_phone!,
        visitor_id: c.visitor_id,
        location_id: c.location_id,
        table_id: c.table_id,
        campaign_id: c.campaign_id ?? null,
        outcome: c.outcome,
        notes: c.notes,
        next_followup_date: isLast ? lead.next_followup_date : isoDate(talks[index + 1]!.at),
        next_followup_time: isLast ? lead.next_followup_time : null,
        booking:
          booking && detail?.kind === 'sale'
            ? {
                booking_date: booking.booking_date,
                table_id: booking.table_id,
                price: booking.price!,
                amount_paid: detail.paid,
              }
            : null,
        at,
      };
      const result = await recordEntry(db, c.employee_id, input);
      if (result.leadCreated !== (index === 0) || result.campaignId !== (c.campaign_id ?? null)) {
        throw new Error(
          `the talk of ${at.toISOString()} with ${c.visitor_phone} did not ${index === 0 ? 'open a new lead' : 'continue its lead'} as generated`,
        );
      }
      if (booking) bookingIds.set(booking.id, result.booking!.id);
      return;
    }
    const bookingId = c.booking_id ? bookingIds.get(c.booking_id) : undefined;
    if (!bookingId) throw new Error(`the ${c.kind} of ${at.toISOString()} has no booking written before it`);
    if (c.kind === 'payment' && detail?.kind === 'payment') {
      await recordPayment(db, c.employee_id, {
        idempotency_key: key,
        booking_id: bookingId,
        amount: detail.amount,
        notes: `Paid by ${detail.mode}.`,
        at,
      });
    } else if (c.kind === 'cancellation' && detail?.kind === 'cancellation') {
      await cancelBooking(db, c.employee_id, {
        idempotency_key: key,
        booking_id: bookingId,
        reason: detail.reason,
        at,
      });
    } else throw new Error(`generated ${c.kind} ${c.id} cannot be replayed`);
  };

  const tails = new Map<number, Promise<void>>();
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < all.length) {
      const seq = next++;
      const step = all[seq]!;
      const done = (tails.get(step.lead) ?? Promise.resolve()).then(() =>
        write(step, `${KEY_PREFIX}${String(seq).padStart(11, '0')}`),
      );
      tails.set(step.lead, done);
      try {
        await done;
      } catch (error) {
        const c = step.conversation;
        failure ??= {
          error: new Error(
            `step ${seq + 1} of ${all.length}, the ${c.kind} of ${new Date(step.at).toISOString()} with ${c.visitor_phone}: ${rootMessage(error)}`,
            { cause: error },
          ),
        };
      }
    }
  };
  // Every worker finishes its step before the error is reported: no write is left running.
  await Promise.all(Array.from({ length: REPLAY_CONCURRENCY }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** The innermost message: a failed query's database error, not drizzle's echo of the SQL. */
function rootMessage(error: unknown): string {
  let message = String(error);
  for (let e: unknown = error; e instanceof Error; e = e.cause) message = e.message;
  return message;
}

/** Every generated row was written, no more, no fewer. */
async function expectCounts(db: Db, expected: Record<SeedTable, number>) {
  const actual = await countSeededRows(db);
  const wrong = SEED_TABLES.filter((t) => actual[t] !== expected[t]);
  if (wrong.length)
    throw new Error(
      `rows written differ from the generated ones (${wrong.map((t) => `${t}: ${actual[t]} ≠ ${expected[t]}`).join(', ')})`,
    );
}

async function partialAdvice(db: Db): Promise<string> {
  const [row] = await rowsOf<{ name: string }>(db, sql`select database() as name`).catch(() => []);
  return `The database${row?.name ? ` "${row.name}"` : ''} holds part of the demo: drop it${row?.name ? ` (DROP DATABASE \`${row.name}\`)` : ''} and seed again.`;
}

/** True when a demo seeding began in this database and did not finish. */
export async function isPartialDemo(db: DbOrTx): Promise<boolean> {
  // The seeder's own marker (user 'seed'); a form's key can never be it (client keys are ULIDs or UUIDs, scoped to their user).
  const rows = await db
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.user_id, 'seed'), eq(idempotencyKeys.key, UNFINISHED)));
  return rows.length > 0;
}

/**
 * For `npm start`: seeds the demo when the database at `url` has no users.
 * True when it did; false when it has users; refuses a demo that an earlier
 * run left half-written.
 */
export async function seedDemoIfEmpty(url: string): Promise<boolean> {
  const pool = createPool(url, REPLAY_CONCURRENCY);
  try {
    const db = createDb(pool);
    if (!(await isEmpty(db))) {
      if (await isPartialDemo(db))
        throw new Error(`An earlier demo seeding did not finish. ${await partialAdvice(db)}`);
      return false;
    }
    await seedDemo(db);
    return true;
  } finally {
    await pool.end();
  }
}
