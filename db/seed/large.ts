/**
 * The large data set of DESIGN.md §Scale, for measuring pages at size:
 * 5,000 exhibitors, 500,000 visitors, 300 campaigns with 2,000,000
 * recipients, 400,000 follow-ups, 1,000,000 conversations, 60,000 bookings.
 *
 * Same generator (and so the same invariants) as the demo. The rows are
 * streamed as they are generated, one LOAD DATA statement per table, all
 * tables at once (load-data.ts); into an empty table without triggers MariaDB
 * builds the indexes by sorting at commit. The counters (read counters and
 * campaign counters) are counted by the generator from the rows it emits
 * (counters.ts) and written with the data, not recounted afterwards; the
 * campaign counters' shards are then folded into one row per campaign, as
 * the nightly `counters:fold` leaves them. Nothing
 * is taken on trust: the UNIQUE indexes re-prove one open lead per visitor and
 * company, a stall once per date and a phone once per campaign as they are
 * built; every table must receive every row with no warning; every foreign
 * key is proved by an orphan count; tests/seed.test.ts compares the counters
 * with their recounts.
 */
import type { PoolConnection } from 'mysql2/promise';

import { createDb, createPool } from '@/db';
import type { Role } from '@/db/schema';
import { foldCampaignStats } from '@/db/services/counters';
import { hashPassword } from '@/lib/password';

import { SEED_COLUMNS } from './bulk-sql';
import {
  CAMPAIGN_COUNTER_COLUMNS,
  CAMPAIGN_STATS_COLUMNS,
  EXHIBITOR_CAMPAIGN_STATS_COLUMNS,
  EXHIBITOR_STALL_STATS_COLUMNS,
  EXHIBITOR_STATS_COLUMNS,
  SeedCounters,
  STALL_STATS_COLUMNS,
} from './counters';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty } from './demo';
import { TableLoad } from './load-data';
import {
  analyzeSeededTables,
  countSeededRows,
  DAY,
  findOrphans,
  generateWorld,
  isoDate,
  nextIds,
  person,
  Rng,
  SEED_TABLES,
  splitTotal,
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

/** Re-adds what was set aside from one table in one ALTER; then its DDL must be what it was. */
async function restoreStructure(run: RunSql, item: SetAside): Promise<void> {
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

export type LargeProgress = { table: SeedTable; rows: number; total: number };

export type LargeOptions = {
  seed?: number;
  /** The day the data leads up to (default today, UTC). */
  now?: Date;
  /** Called as each table's rows are generated (every twentieth), and once per table when its load is done. */
  onProgress?: (progress: LargeProgress) => void;
  /** Phase messages. */
  log?: (message: string) => void;
  /** The world to load (default largeSpec); a test loads a small one the same way. */
  spec?: (seed: number, now: number, passwordHash: string) => WorldSpec;
};

export type LargeResult = {
  counts: Record<SeedTable, number>;
  ms: { load: number; indexes: number; verify: number; reconcile: number; total: number };
};

/** The tables the generator writes, as loaded here: the campaigns with their counters (counted by the generator). */
const LOAD_COLUMNS: Record<SeedTable, readonly string[]> = {
  ...SEED_COLUMNS,
  campaigns: [...SEED_COLUMNS.campaigns, ...CAMPAIGN_COUNTER_COLUMNS],
};

/** The phase of generateWorld that writes each table: users, locations and stalls, contacts, campaigns, history. */
const GENERATOR_PHASE: Record<SeedTable, number> = {
  users: 0,
  location_mngt: 1,
  location_mngt_table_details: 1,
  contacts: 2,
  campaigns: 3,
  campaign_recipients: 3,
  follow_ups: 4,
  conversations: 4,
  bookings: 4,
};

/** Tables whose ids the generator does not hand out in ascending order (a lead's talks, then the next lead's). */
const OUT_OF_ORDER = new Set<SeedTable>(['conversations', 'bookings']);

/** A connection for a bulk load: no foreign-key or unique checks row by row (proved after), triggers idle. */
async function loadingConnection(pool: ReturnType<typeof createPool>): Promise<PoolConnection> {
  const conn = await pool.getConnection();
  // foreign_key_checks off: rows arrive complete with their two-way links, so no load order satisfies them; they are proved below.
  // unique_checks off: into an empty table the unique indexes are built, and so checked, at commit.
  // net_read_timeout: a table's statement waits for its rows while the generator writes other tables.
  await conn.query(
    'SET SESSION foreign_key_checks = 0, unique_checks = 0, @read_stats_paused = 1, net_read_timeout = 3600',
  );
  return conn;
}

/** Seeds the large data set into the freshly migrated, empty database at `url`. */
export async function seedLarge(url: string, options: LargeOptions = {}): Promise<LargeResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const tables = [...SEED_TABLES];
  const pool = createPool(url, tables.length + 3);
  const run: RunSql = async (statement) => {
    const [rows] = await pool.query(statement);
    return rows as unknown[];
  };
  const connections: PoolConnection[] = [];
  try {
    const db = createDb(pool);
    if (!(await isEmpty(db))) {
      throw new Error(
        `The database ${new URL(url).pathname.slice(1)} already has users: the large seed needs a freshly migrated, empty database. Drop and recreate it first.`,
      );
    }
    const now = startOfUtcDay(options.now?.getTime() ?? Date.now());
    const spec = {
      ...(options.spec ?? largeSpec)(options.seed ?? LARGE_SEED, now, await hashPassword(DEMO_PASSWORD)),
      firstIds: await nextIds(db),
    };
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

    // The big tables are loaded with their primary key only and get their secondary indexes and foreign
    // keys back in one ALTER each as soon as their own load commits (while the generator writes the next
    // tables): measured on MariaDB 10.11, 1,000,000 conversations took 57 s with the primary key plus
    // 154 s for the ALTER against 292 s into the table with its 15 secondary indexes, the sorted build at
    // commit of an empty table included (the server busy alike for both).
    const setAside = await Promise.all(DEFERRED_TABLES.map((t) => secondaryStructure(run, t)));
    const rebuilt = new Map<SeedTable, { started: number; done: number }>();
    let loaded = 0;
    try {
      log(`Setting aside the secondary indexes and foreign keys of ${setAside.map((s) => s.table).join(', ')}…`);
      for (const item of setAside) await run(`ALTER TABLE \`${item.table}\` ${item.drop.join(', ')}`);
      log('Generating the rows and streaming them into every table at once (LOAD DATA)…');
      const loads = new Map<SeedTable, TableLoad>();
      const connectionOf = new Map<SeedTable, PoolConnection>();
      for (const table of tables) {
        const conn = await loadingConnection(pool);
        connections.push(conn);
        connectionOf.set(table, conn);
        loads.set(table, new TableLoad(conn, table, LOAD_COLUMNS[table], OUT_OF_ORDER.has(table)));
      }
      // A table's rebuild starts on its own connection once its load has committed.
      const rebuilds: Promise<void>[] = [];
      for (const item of setAside) {
        const conn = connectionOf.get(item.table)!;
        const rebuild = loads.get(item.table)!.committed.then(async () => {
          const at = { started: Date.now(), done: 0 };
          await restoreStructure(async (statement) => (await conn.query(statement))[0] as unknown[], item);
          at.done = Date.now();
          rebuilt.set(item.table, at);
        });
        rebuild.catch(() => undefined); // reported below, after the loads' own errors
        rebuilds.push(rebuild);
      }
      const counters = new SeedCounters();
      const campaignRows: SeedRows['campaigns'][] = [];
      const step = new Map<SeedTable, number>();
      let phase = 0;
      let emitted = 0;
      await generateWorld(spec, (table, row) => {
        counters.add(table, row);
        // The first row of a later phase: the tables of the earlier ones are complete.
        if (GENERATOR_PHASE[table] > phase) {
          phase = GENERATOR_PHASE[table];
          for (const t of tables) if (GENERATOR_PHASE[t] < phase && t !== 'campaigns') loads.get(t)!.end();
        }
        // A campaign's counters are known once its recipients, leads and bookings are: written at the end.
        if (table === 'campaigns') return void campaignRows.push(row as SeedRows['campaigns']);
        const load = loads.get(table)!;
        const pending = load.write(row as Record<string, unknown>);
        if (options.onProgress && Math.floor((load.rows * 20) / totals[table]) !== step.get(table)) {
          step.set(table, Math.floor((load.rows * 20) / totals[table]));
          options.onProgress({ table, rows: load.rows, total: totals[table] });
        }
        // Every few thousand rows the event loop reads the server's answers: a table whose load has
        // committed starts its index rebuild then, not when the generator next waits on a slow table
        // (without this every load was seen committed at once, 47 s after the contacts' last row).
        if (!pending && ++emitted % 5_000 === 0) return new Promise<void>((resolve) => setImmediate(resolve));
        return pending;
      });
      for (const row of campaignRows)
        await loads.get('campaigns')!.write({ ...row, ...counters.campaignColumns(row.id!) });
      await Promise.all([...loads.values()].map((l) => l.finish()));
      for (const table of tables) options.onProgress?.({ table, rows: loads.get(table)!.rows, total: totals[table] });

      log('Writing the read counters counted by the generator…');
      const statsLoads = [
        ['exhibitor_stats', EXHIBITOR_STATS_COLUMNS, counters.exhibitorStats()],
        ['stall_stats', STALL_STATS_COLUMNS, counters.stallStats()],
        ['exhibitor_stall_stats', EXHIBITOR_STALL_STATS_COLUMNS, counters.exhibitorStallStats()],
        ['campaign_stats', CAMPAIGN_STATS_COLUMNS, counters.campaignStats()],
        ['exhibitor_campaign_stats', EXHIBITOR_CAMPAIGN_STATS_COLUMNS, counters.exhibitorCampaignStats()],
      ] as const;
      await Promise.all(
        statsLoads.map(async ([table, columns, rows], i) => {
          const load = new TableLoad(connections[i]!, table, columns);
          for (const row of rows) await load.write(row);
          await load.finish();
        }),
      );
      loaded = Date.now();
      log('Waiting for the indexes and foreign keys set aside (unique indexes re-prove their rules)…');
      await Promise.all(rebuilds);
      const sec = (ms: number) => `${((ms - started) / 1000).toFixed(1)} s`;
      for (const l of loads.values()) {
        const r = rebuilt.get(l.table as SeedTable);
        log(
          `  ${l.table.padEnd(28)} load ${sec(l.at.started)} → last row ${sec(l.at.ended)} → committed ${sec(l.at.committed)}` +
            (r ? `; indexes ${sec(r.started)} → ${sec(r.done)}` : ''),
        );
      }
      for (const conn of connections)
        await conn.query('SET SESSION foreign_key_checks = 1, unique_checks = 1, @read_stats_paused = NULL');
    } catch (error) {
      // Put the schema back even after a failed load (best effort, table by table; the data is incomplete anyway).
      for (const item of setAside)
        await run(`ALTER TABLE \`${item.table}\` ${item.add.join(', ')}`).catch(() => undefined);
      for (const conn of connections.splice(0)) conn.destroy(); // never back to the pool with the checks off
      throw error;
    }
    for (const conn of connections.splice(0)) conn.release();
    const indexed = Date.now();

    log('Proving every foreign key (orphan count per constraint)…');
    const orphans = await findOrphans(run, [run, run, run]);
    if (orphans.length)
      throw new Error(`Dangling links after the load: ${orphans.map((o) => `${o.fk}: ${o.orphans}`).join(', ')}`);
    const verified = Date.now();

    // As a nightly fold leaves them: one campaign_stats row per campaign (the generator spread them over the shards).
    await foldCampaignStats(db);
    await analyzeSeededTables(db);
    const counts = await countSeededRows(db);
    const analyzed = Date.now();
    return {
      counts,
      ms: {
        load: loaded - started,
        indexes: indexed - loaded,
        verify: verified - indexed,
        reconcile: analyzed - verified,
        total: Date.now() - started,
      },
    };
  } finally {
    await pool.end();
  }
}
