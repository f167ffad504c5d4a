/**
 * The large data set of DESIGN.md §Scale, for measuring pages at size:
 * 5,000 exhibitors, 500,000 visitors, 300 campaigns with 2,000,000
 * recipients, 400,000 follow-ups, 1,000,000 conversations, 60,000 bookings.
 *
 * Same generator (and so the same invariants) as the demo. Loaded with
 * multi-row INSERTs on a few parallel connections. Maintaining 15 secondary
 * indexes row by row is what makes a bulk load slow, so the big tables load
 * with only their primary key: their secondary indexes and foreign keys are
 * set aside and re-added afterwards (a sorted build, several times faster).
 * Nothing is taken on trust: re-adding the UNIQUE indexes re-proves one open
 * lead per visitor and company, a stall once per date and a phone once per
 * campaign; every foreign key is proved by an orphan count; and the tables'
 * DDL must come back byte for byte.
 */
import type { PoolConnection } from 'mysql2/promise';

import { createDb, createPool } from '@/db';
import type { Role } from '@/db/schema';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { refillReadStats } from '@/db/services/read-stats';
import { hashPassword } from '@/lib/password';

import { DEMO_PASSWORD, DEMO_USERS, isEmpty } from './demo';
import {
  analyzeSeededTables,
  countSeededRows,
  DAY,
  findOrphans,
  generateWorld,
  insertStatement,
  isoDate,
  nextIds,
  person,
  Rng,
  SEED_TABLES,
  splitTotal,
  sqlTuple,
  startOfUtcDay,
  type CampaignSpec,
  type LocationSpec,
  type RunSql,
  type SeedRows,
  type SeedTable,
  type WorldSpec,
} from './shared';

export const LARGE_SEED = 20_250_601;

const VENUES = [
  { name: 'Pragati Maidan, New Delhi', address: 'Bharat Mandapam, Mathura Road, New Delhi, Delhi 110001' },
  {
    name: 'Bombay Exhibition Centre, Goregaon',
    address: 'NESCO Complex, Western Express Highway, Goregaon (East), Mumbai, Maharashtra 400063',
  },
  {
    name: 'Bangalore International Exhibition Centre',
    address: '10th Mile, Tumakuru Road, Madavara, Bengaluru, Karnataka 562123',
  },
  {
    name: 'Chennai Trade Centre, Nandambakkam',
    address: 'Mount Poonamallee Road, Nandambakkam, Chennai, Tamil Nadu 600089',
  },
  { name: 'HITEX Exhibition Centre, Hyderabad', address: 'Izzathnagar, Kothaguda, Hyderabad, Telangana 500084' },
  {
    name: 'Biswa Bangla Mela Prangan, Kolkata',
    address: 'Central Park, Salt Lake Sector III, Kolkata, West Bengal 700098',
  },
  { name: 'Helipad Exhibition Centre, Gandhinagar', address: 'Sector 17, Gandhinagar, Gujarat 382017' },
  {
    name: 'Jaipur Exhibition & Convention Centre, Sitapura',
    address: 'EPIP Zone, Sitapura Industrial Area, Jaipur, Rajasthan 302022',
  },
];
const FAIRS = [
  'Handloom & Textile Expo',
  'Diwali Utsav Mela',
  'Crafts Bazaar',
  'Home & Lifestyle Fair',
  'Food & Spice Festival',
  'Wedding Shopping Fest',
];

export const LARGE_SIZES = {
  exhibitors: 5_000,
  visitors: 500_000,
  campaigns: 300,
  recipients: 2_000_000,
  biggestCampaign: 90_000,
  leads: 400_000,
  conversations: 1_000_000,
  bookings: 60_000,
  employees: 47,
  /** 24 editions × 150 stalls × 25 days = 90,000 stall-days for 60,000 bookings. */
  editions: 24,
  stallsPerEdition: 150,
  eventDays: 25,
};

export function largeSpec(seed: number, now: number, passwordHash: string): WorldSpec {
  const rng = new Rng(seed ^ 0x2545f491);
  const S = LARGE_SIZES;
  const from = now - 3 * 365 * DAY;

  const users: { name: string; email: string; role: Role }[] = [...DEMO_USERS];
  const emails = new Set(users.map((u) => u.email));
  while (users.length < DEMO_USERS.length + S.employees) {
    const p = person(rng);
    const base = `${p.first}.${p.last}`.toLowerCase().replace(/[^a-z.]/g, '');
    let email = `${base}@paridharan.test`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@paridharan.test`;
    emails.add(email);
    users.push({ name: p.name, email, role: users.length % 16 === 0 ? 'manager' : 'employee' });
  }

  // An edition every 45 days, the last ones still to come.
  const locations: LocationSpec[] = Array.from({ length: S.editions }, (_, i) => {
    const venue = VENUES[i % VENUES.length]!;
    const start = startOfUtcDay(from + 95 * DAY + i * 45 * DAY);
    return {
      name: `${venue.name} — ${FAIRS[i % FAIRS.length]} ${new Date(start).getUTCFullYear()}`,
      address: venue.address,
      eventStart: isoDate(start),
      eventDays: S.eventDays,
      stalls: Array.from({ length: S.stallsPerEdition }, (_, k) => {
        const hall = Math.floor(k / 50) + 1;
        const n = (k % 50) + 1;
        const price = n % 10 === 1 ? '120000.00' : hall === 1 ? '75000.00' : hall === 2 ? '50000.00' : '40000.00';
        return { name: `H${hall}-${String(n).padStart(2, '0')}`, price };
      }),
    };
  });

  // Campaign sizes: heavy-tailed, the biggest exactly 90,000, 2,000,000 in all.
  const weights = Array.from({ length: S.campaigns }, () => Math.exp(1.1 * rng.gaussian()));
  const biggest = weights.indexOf(Math.max(...weights));
  const rest = splitTotal(
    S.recipients - S.biggestCampaign,
    weights.filter((_, i) => i !== biggest),
    400,
    60_000,
  );
  const sizes = weights.map((_, i) => (i === biggest ? S.biggestCampaign : rest[i < biggest ? i : i - 1]!));
  const sendTimes = Array.from(
    { length: S.campaigns },
    () => startOfUtcDay(rng.between(from - 20 * DAY, now - DAY)) + 5.5 * 3600_000,
  ).sort((a, b) => a - b);
  const channels = [
    ['whatsapp', 60],
    ['sms', 30],
    ['email', 10],
  ] as const;
  const label = { whatsapp: 'WhatsApp', sms: 'SMS', email: 'email' } as const;
  const campaigns: CampaignSpec[] = sendTimes.map((sentAt, i) => {
    const channel = rng.weighted(channels);
    const fair = rng.pick(FAIRS);
    return {
      name: `${fair} ${new Date(sentAt).getUTCFullYear()} — ${label[channel]} ${rng.pick(['invite', 'early-bird offer', 'reminder', 'last stalls'])} #${i + 1}`,
      channel,
      message: `Namaste {name}! Stalls for the ${fair} are open — reply YES and our team will call you.`,
      status: i === S.campaigns - 1 ? 'sending' : 'sent',
      sentAt,
      recipients: sizes[i]!,
    };
  });

  return {
    seed,
    now,
    from,
    passwordHash,
    users,
    locations,
    exhibitors: S.exhibitors,
    exhibitorSkew: 0.75,
    visitors: S.visitors,
    campaigns,
    leads: S.leads,
    materialised: S.bookings,
    campaignLeadShare: 0.4,
    talkWeights: [2, 3, 5],
    cancelledShare: 0.01,
    conversations: S.conversations,
  };
}

const ROWS_PER_INSERT = 4000;
const BYTES_PER_INSERT = 2 << 20;

/**
 * Buffers rows per table into multi-row INSERTs and runs them on a few
 * connections at once. Every id is explicit, so the order the statements
 * finish in changes nothing. Backpressure: at most `maxPending` statements
 * queued or running.
 */
class BulkWriter {
  private readonly tuples = new Map<SeedTable, string[]>();
  private readonly bytes = new Map<SeedTable, number>();
  private readonly idle: PoolConnection[];
  private readonly waiting: ((conn: PoolConnection) => void)[] = [];
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;
  readonly inserted = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;

  constructor(
    connections: PoolConnection[],
    private readonly onInserted: (table: SeedTable, rows: number) => void,
    private readonly maxPending = connections.length * 2,
  ) {
    this.idle = [...connections];
  }

  push<T extends SeedTable>(table: T, row: SeedRows[T]): void | Promise<void> {
    if (this.failure) throw this.failure;
    const tuple = sqlTuple(table, row);
    let list = this.tuples.get(table);
    if (!list) this.tuples.set(table, (list = []));
    list.push(tuple);
    const size = (this.bytes.get(table) ?? 0) + tuple.length;
    this.bytes.set(table, size);
    if (list.length >= ROWS_PER_INSERT || size >= BYTES_PER_INSERT) return this.flush(table);
  }

  private async flush(table: SeedTable): Promise<void> {
    const list = this.tuples.get(table);
    if (!list?.length) return;
    this.tuples.set(table, []);
    this.bytes.set(table, 0);
    const statement = insertStatement(table, list);
    const job: Promise<void> = this.run(statement)
      .then(() => {
        this.inserted[table] += list.length;
        this.onInserted(table, this.inserted[table]);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
    // Let the sockets move (the generator otherwise keeps the event loop busy), and wait when the queue is full.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size >= this.maxPending) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }

  private async run(statement: string): Promise<void> {
    const conn = this.idle.pop() ?? (await new Promise<PoolConnection>((resolve) => this.waiting.push(resolve)));
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await conn.query(statement);
          return;
        } catch (error) {
          // A deadlock or lock wait rolls back only this statement: run it again.
          const errno = (error as { errno?: number }).errno;
          if ((errno === 1213 || errno === 1205) && attempt < 4) continue;
          throw error;
        }
      }
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else this.idle.push(conn);
    }
  }

  async close(): Promise<void> {
    for (const table of SEED_TABLES) await this.flush(table);
    while (this.pending.size) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }
}

/** The tables big enough to load without their secondary indexes and foreign keys, biggest rebuild first. */
const DEFERRED_TABLES: SeedTable[] = ['conversations', 'campaign_recipients', 'follow_ups', 'contacts', 'bookings'];

type SetAside = { table: SeedTable; ddl: string; drop: string[]; add: string[] };

async function showCreate(run: RunSql, table: string): Promise<string> {
  const [row] = (await run(`SHOW CREATE TABLE \`${table}\``)) as Record<string, string>[];
  const ddl = row?.['Create Table'];
  if (!ddl) throw new Error(`No DDL for ${table}`);
  return ddl.replace(/ AUTO_INCREMENT=\d+/, ''); // the counter moves with the data; the structure must not
}

/** Reads a table's secondary indexes and foreign keys from its DDL: how to drop them and how to add them back. */
async function secondaryStructure(run: RunSql, table: SeedTable): Promise<SetAside> {
  const ddl = await showCreate(run, table);
  const lines = ddl.split('\n').map((l) => l.trim().replace(/,$/, ''));
  const keys = lines.filter((l) => /^(UNIQUE )?KEY `/.test(l));
  const fks = lines.filter((l) => /^CONSTRAINT `[^`]+` FOREIGN KEY/.test(l));
  const name = (l: string) => /`([^`]+)`/.exec(l)![1]!;
  return {
    table,
    ddl,
    drop: [...fks.map((l) => `DROP FOREIGN KEY \`${name(l)}\``), ...keys.map((l) => `DROP INDEX \`${name(l)}\``)],
    add: [...keys.map((l) => `ADD ${l}`), ...fks.map((l) => `ADD ${l}`)],
  };
}

/** Re-adds what was set aside, one ALTER per table, two tables at a time; then the DDL must be what it was. */
async function restoreStructure(runs: RunSql[], setAside: SetAside[]): Promise<void> {
  const queue = [...setAside].sort((a, b) => DEFERRED_TABLES.indexOf(a.table) - DEFERRED_TABLES.indexOf(b.table));
  await Promise.all(
    runs.map(async (run) => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        try {
          await run(`ALTER TABLE \`${item.table}\` ${item.add.join(', ')}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(
            `Could not rebuild the indexes of ${item.table} (${message}): the generated data breaks a unique rule.`,
            { cause: error },
          );
        }
        const after = await showCreate(run, item.table);
        if (after !== item.ddl)
          throw new Error(`The DDL of ${item.table} did not come back as it was:\n${item.ddl}\n---\n${after}`);
      }
    }),
  );
}

export type LargeProgress = { table: SeedTable; rows: number; total: number };

export type LargeOptions = {
  seed?: number;
  /** The day the data leads up to (default today, UTC). */
  now?: Date;
  /** Called after each INSERT with the table's rows so far. */
  onProgress?: (progress: LargeProgress) => void;
  /** Phase messages (verify, reconcile). */
  log?: (message: string) => void;
  /** Parallel loading connections (default 3). */
  connections?: number;
};

export type LargeResult = {
  counts: Record<SeedTable, number>;
  ms: { load: number; indexes: number; verify: number; reconcile: number; total: number };
};

/** Seeds the large data set into the freshly migrated, empty database at `url`. */
export async function seedLarge(url: string, options: LargeOptions = {}): Promise<LargeResult> {
  const started = Date.now();
  const lanes = options.connections ?? 3;
  const log = options.log ?? (() => undefined);
  const pool = createPool(url, lanes + 1);
  const runOn =
    (conn: { query: PoolConnection['query'] }): RunSql =>
    async (statement) => {
      const [rows] = await conn.query(statement);
      return rows as unknown[];
    };
  try {
    const run = runOn(pool);
    const db = createDb(pool);
    if (!(await isEmpty(db))) {
      throw new Error(
        `The database ${new URL(url).pathname.slice(1)} already has users: the large seed needs a freshly migrated, empty database. Drop and recreate it first.`,
      );
    }
    const now = startOfUtcDay(options.now?.getTime() ?? Date.now());
    const spec = {
      ...largeSpec(options.seed ?? LARGE_SEED, now, await hashPassword(DEMO_PASSWORD)),
      firstIds: await nextIds(db),
    };
    let loaded = 0;
    const totals: Record<SeedTable, number> = {
      users: spec.users.length,
      location_mngt: spec.locations.length,
      location_mngt_table_details: spec.locations.reduce((s, l) => s + l.stalls.length, 0),
      contacts: spec.exhibitors + spec.visitors,
      campaigns: spec.campaigns.length,
      campaign_recipients: spec.campaigns.reduce((s, c) => s + c.recipients, 0),
      follow_ups: spec.leads,
      conversations: spec.conversations ?? 0,
      bookings: spec.materialised,
    };

    const connections = await Promise.all(Array.from({ length: lanes }, () => pool.getConnection()));
    const laneRuns = connections.map(runOn);
    const setAside = await Promise.all(DEFERRED_TABLES.map((t) => secondaryStructure(run, t)));
    try {
      // foreign_key_checks off: rows arrive complete with their two-way links, so no load order satisfies them; they are proved below.
      for (const conn of connections) await conn.query('SET SESSION foreign_key_checks = 0');
      // The read-counter triggers move nothing on these connections; the counters are refilled from a recount below.
      for (const conn of connections) await conn.query('SET @read_stats_paused = 1');
      log(`Setting aside the secondary indexes and foreign keys of ${DEFERRED_TABLES.join(', ')} for the load…`);
      for (const item of setAside) await run(`ALTER TABLE \`${item.table}\` ${item.drop.join(', ')}`);
      const writer = new BulkWriter(connections, (table, rows) =>
        options.onProgress?.({ table, rows, total: totals[table] }),
      );
      await generateWorld(spec, (table, row) => writer.push(table, row));
      await writer.close();
      loaded = Date.now();
      log('Rebuilding the indexes and foreign keys (unique indexes re-prove their rules)…');
      await restoreStructure(laneRuns.slice(0, 2), setAside);
      for (const conn of connections) await conn.query('SET SESSION foreign_key_checks = 1, @read_stats_paused = NULL');
    } catch (error) {
      // Put the schema back even after a failed load (best effort, table by table; the data is incomplete anyway).
      for (const item of setAside)
        await laneRuns[0]!(`ALTER TABLE \`${item.table}\` ${item.add.join(', ')}`).catch(() => undefined);
      for (const conn of connections) conn.destroy(); // never back to the pool with the checks off
      throw error;
    }
    for (const conn of connections) conn.release();
    const indexed = Date.now();

    log('Proving every foreign key (orphan count per constraint)…');
    const orphans = await findOrphans(run, [run, run]);
    if (orphans.length)
      throw new Error(`Dangling links after the load: ${orphans.map((o) => `${o.fk}: ${o.orphans}`).join(', ')}`);
    const verified = Date.now();

    log('Recounting the campaign counters and the read counters…');
    await reconcileCampaignCounters(db, { fix: true });
    await refillReadStats(db);
    await analyzeSeededTables(db);
    const reconciled = Date.now();

    const counts = await countSeededRows(db);
    return {
      counts,
      ms: {
        load: loaded - started,
        indexes: indexed - loaded,
        verify: verified - indexed,
        reconcile: reconciled - verified,
        total: Date.now() - started,
      },
    };
  } finally {
    await pool.end();
  }
}
