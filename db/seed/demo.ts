/**
 * The demo data set: a believable small organiser — two venues, 60 stalls,
 * 40 exhibitor companies, 1,500 visitors, four campaigns and a few hundred
 * leads with their talks, bookings and payments — and one login per role.
 * Deterministic: the same seed and day give the same rows.
 */
import { sql } from 'drizzle-orm';
import { createDb, createPool, type Db, type DbOrTx } from '@/db';
import { users, type Role } from '@/db/schema';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { hashPassword } from '@/lib/password';
import { DAY, findOrphans, generateWorld, insertStatement, isoDate, nextIds, SEED_TABLES, sqlTuple, startOfUtcDay, type CampaignSpec, type LocationSpec, type RunSql, type SeedTable, type WorldSpec } from './shared';

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
export const DEMO_LOGINS: { role: Role; email: string; password: string }[] = DEMO_USERS.map((u) => ({ role: u.role, email: u.email, password: DEMO_PASSWORD }));

const stallRange = (prefix: string, from: number, to: number, price: (n: number) => string) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ name: `${prefix}${String(from + i).padStart(2, '0')}`, price: price(from + i) }));

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
      message: 'Namaste {name}! Stalls for the Goregaon Textile & Handloom Expo are open. Early-bird rates till month end — reply YES and our team will call you.',
      status: 'sent',
      sentAt: at(95),
      recipients: 420,
    },
    {
      name: 'Pragati Maidan Trade Fair — SMS',
      channel: 'sms',
      message: 'Book your stall at Pragati Maidan, New Delhi. Corner stalls from Rs 1.2 lakh. Call 1800-123-4567. -PARIDH',
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
      message: 'Shubh Deepavali {name}! A few stalls are still free for the festive season fairs. Reply STALL to get the floor plan.',
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

/**
 * Seeds the demo into an empty database, in one transaction (a failure leaves
 * nothing). Rows are written complete with their two-way links under
 * foreign_key_checks = 0, then every foreign key is proved by SQL before
 * commit, and the campaign counters are recounted.
 */
export async function seedDemo(db: Db, options: DemoOptions = {}): Promise<Record<SeedTable, number>> {
  const now = startOfUtcDay(options.now?.getTime() ?? Date.now());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) throw new Error('The database already has users: the demo is only seeded into an empty database.');
    const run: RunSql = async (statement) => {
      const [rows] = (await tx.execute(sql.raw(statement))) as unknown as [unknown[], unknown];
      return rows;
    };
    const tuples = Object.fromEntries(SEED_TABLES.map((t) => [t, [] as string[]])) as Record<SeedTable, string[]>;
    const spec = { ...demoSpec(options.seed ?? DEMO_SEED, now, passwordHash), firstIds: await nextIds(run) };
    const counts = await generateWorld(spec, (table, row) => {
      tuples[table].push(sqlTuple(table, row));
    });

    await run('SET foreign_key_checks = 0');
    try {
      for (const table of SEED_TABLES) {
        for (let i = 0; i < tuples[table].length; i += CHUNK) await run(insertStatement(table, tuples[table].slice(i, i + CHUNK)));
      }
      const orphans = await findOrphans(run);
      if (orphans.length) throw new Error(`The demo data has dangling links (${orphans.map((o) => `${o.fk}: ${o.orphans}`).join(', ')}); nothing was written.`);
    } finally {
      // The pooled connection outlives the transaction: never hand it back without the checks.
      await run('SET foreign_key_checks = 1').catch(() => undefined);
    }
    await reconcileCampaignCounters(tx, { fix: true });
    return counts;
  });
}

/** For `npm start`: seeds the demo when the database at `url` has no users. True when it did. */
export async function seedDemoIfEmpty(url: string): Promise<boolean> {
  const pool = createPool(url, 2);
  try {
    const db = createDb(pool);
    if (!(await isEmpty(db))) return false;
    await seedDemo(db);
    return true;
  } finally {
    await pool.end();
  }
}
