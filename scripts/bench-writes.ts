/**
 * npm run bench:writes [-- --entries 4000 --writers 16]
 * Drives the booth write path (recordEntry) with concurrent writers on a fresh
 * database of its own, mixing busy / interested / materialised talks and
 * replaying some submits, then checks that rows and counters add up.
 * Prints entries/s and latency percentiles; it asserts nothing about speed.
 */
import './load-env';

import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';

import { ulid } from '@/lib/ulid';

import { createDb, createPool } from '../db';
import { migrateDatabase } from '../db/migrate';
import { campaignRecipients, campaigns, contacts, locations, stalls, users } from '../db/schema';
import { reconcileCampaignCounters } from '../db/services/campaign-counters';
import { recordEntry, type EntryInput } from '../db/services/entries';
import { reconcileReadStats } from '../db/services/read-stats';
import { todayInIndia } from '../lib/dates';
import { localDatabaseUrl } from '../lib/env';
import { DomainError } from '../lib/errors';
import { createDatabase, dropDatabase, ensureLocalServer } from './local-db';

const { values } = parseArgs({
  options: { entries: { type: 'string', default: '4000' }, writers: { type: 'string', default: '16' } },
});
const ENTRIES = Number(values.entries);
const WRITERS = Number(values.writers);

const url = process.env.BENCH_WRITES_DATABASE_URL ?? localDatabaseUrl('paridharan_bench', await ensureLocalServer());
await dropDatabase(url);
await createDatabase(url);
await migrateDatabase(url);
const pool = createPool(url, WRITERS + 2);
const db = createDb(pool);

// Every statement sent during the run, by its first word: the round trips per entry.
const statements = new Map<string, number>();
let counting = false;
pool.pool.on('connection', (conn) => {
  for (const method of ['query', 'execute'] as const) {
    const send = conn[method].bind(conn) as (...args: unknown[]) => unknown;
    (conn as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (counting) {
        const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { sql?: string })?.sql ?? '');
        // A MariaDB compound statement (db/rows.ts executeTogether) is one statement: counted as `compound`.
        const word = /^\s*begin not atomic/i.test(text) ? 'compound' : text.trim().split(/\s+/, 1)[0]!.toLowerCase();
        statements.set(word, (statements.get(word) ?? 0) + 1);
      }
      return send(...args);
    };
  }
});

// A fixture: 20 employees, 200 companies, 10 locations × 100 stalls, 3,000 visitor phones, 5 campaigns that messaged half of them.
let rng = 42;
const rand = () => (rng = (rng * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
const employees = Array.from({ length: 20 }, () => ulid());
await db.insert(users).values(
  employees.map((id, i) => ({
    id,
    name: `Bench ${i}`,
    email: `bench${i}@bench.test`,
    password: 'x',
    role: 'employee' as const,
  })),
);
const exhibitors = Array.from({ length: 200 }, () => ulid());
await db.insert(contacts).values(exhibitors.map((id, i) => ({ id, type: 'exhibitor' as const, name: `Company ${i}` })));
const stallIds: number[] = [];
for (let l = 0; l < 10; l++) {
  const [loc] = await db.insert(locations).values({ loc_name: `Venue ${l}` });
  await db.insert(stalls).values(
    Array.from({ length: 100 }, (_, s) => ({
      location_mngt_id: loc.insertId,
      table_name: `T-${s}`,
      price: '50000.00',
    })),
  );
}
for (const r of await db.select({ id: stalls.id }).from(stalls)) stallIds.push(r.id);
const phones = Array.from({ length: 3000 }, (_, i) => `+9198${String(10_000_000 + i).padStart(8, '0')}`);
const campaignIds = Array.from({ length: 5 }, () => ulid());
await db
  .insert(campaigns)
  .values(campaignIds.map((id, i) => ({ id, name: `Campaign ${i}`, status: 'sent' as const, sent_at: new Date() })));
await db.insert(campaignRecipients).values(
  phones.slice(0, 1500).map((phone, i) => ({
    campaign_id: campaignIds[i % 5]!,
    phone,
    status: 'sent' as const,
    sent_at: new Date(Date.now() - 86_400_000),
  })),
);

// The fixture's recipients were inserted directly: count them once (messages sent) before the run.
await reconcileCampaignCounters(db, { fix: true });

// The work: each entry a talk; one in six materialised on a random stall and one of 30 dates (so some collide: refused, as they must be).
const dates = Array.from({ length: 30 }, (_, i) => `2030-03-${String(i + 1).padStart(2, '0')}`);
// A next follow-up a month after today: a fixed date would drift out of the allowed window (two years ahead).
const followUpDay = todayInIndia(new Date(Date.now() + 30 * 86_400_000));
const jobs: EntryInput[] = Array.from({ length: ENTRIES }, () => {
  const outcome = rand() < 1 / 6 ? 'materialised' : rand() < 0.5 ? 'busy' : 'interested';
  return {
    idempotency_key: ulid(),
    exhibitor_id: pick(exhibitors),
    phone: pick(phones),
    table_id: pick(stallIds),
    outcome,
    notes: 'bench',
    next_followup_date: outcome === 'materialised' ? null : followUpDay,
    booking:
      outcome === 'materialised'
        ? { booking_date: pick(dates), price: '50000.00', amount_paid: rand() < 0.5 ? '25000.00' : '50000.00' }
        : null,
  };
});
// 5% of submits are replayed (a tablet retrying after the Wi-Fi dropped).
const replays = jobs.filter(() => rand() < 0.05);
const queue = [...jobs, ...replays];

const latencies: number[] = [];
let written = 0;
let replayed = 0;
let refused = 0;
const refusals = new Map<string, number>();
let next = 0;
const started = performance.now();
counting = true;
await Promise.all(
  Array.from({ length: WRITERS }, async (_, w) => {
    while (next < queue.length) {
      const job = queue[next++]!;
      const t0 = performance.now();
      try {
        const r = await recordEntry(db, employees[w % employees.length]!, job);
        if (r.replayed) replayed++;
        else written++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused++;
        refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
      }
      latencies.push(performance.now() - t0);
    }
  }),
);
counting = false;
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);

const [[counts]] = (await db.execute(sql`
  select (select count(*) from conversations) as talks,
         (select count(*) from bookings) as bookings,
         (select count(*) from (select exhibitor_id, open_lead_phone from follow_ups where open_lead_phone is not null group by 1, 2 having count(*) > 1) d) as duplicate_open_leads,
         (select count(*) from (select active_table_id, booking_date from bookings where active_table_id is not null group by 1, 2 having count(*) > 1) d) as double_sold,
         (select count(*) from idempotency_keys) as keys_stored`)) as unknown as [[Record<string, number>]];
const drift = [
  ...(await reconcileCampaignCounters(db, { fix: false })),
  ...(await reconcileReadStats(db, { fix: false })),
];

console.log(
  `bench:writes — ${ENTRIES} entries (+${replays.length} replays) by ${WRITERS} writers in ${seconds.toFixed(2)} s`,
);
console.log(`  ${(queue.length / seconds).toFixed(0)} submits/s, ${(written / seconds).toFixed(0)} written entries/s`);
console.log(
  `  latency p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
);
const sent = [...statements.values()].reduce((a, b) => a + b, 0);
console.log(
  `  ${(sent / queue.length).toFixed(2)} statements per submit (${[...statements]
    .sort(([, a], [, b]) => b - a)
    .map(([word, n]) => `${word} ${(n / queue.length).toFixed(2)}`)
    .join(', ')})`,
);
console.log(
  `  written ${written}, replays answered ${replayed}, refused ${refused} (${[...refusals].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'})`,
);
console.log(
  `  talks ${counts!.talks} (expected ${written}), bookings ${counts!.bookings}, keys ${counts!.keys_stored}`,
);
console.log(
  `  duplicate open leads ${counts!.duplicate_open_leads}, stalls sold twice ${counts!.double_sold}, counter drift ${drift.length} (campaign and read counters)`,
);
for (const d of drift) console.log('  drift', d);
const ok =
  Number(counts!.talks) === written &&
  Number(counts!.keys_stored) === written &&
  Number(counts!.duplicate_open_leads) === 0 &&
  Number(counts!.double_sold) === 0 &&
  drift.length === 0 &&
  [...refusals.keys()].every((code) => code === 'STALL_TAKEN');
console.log(
  ok ? '  OK: every write once, nothing doubled, counters equal a recount' : '  MISMATCH: see the figures above',
);
await pool.end();
process.exit(ok ? 0 : 1);
