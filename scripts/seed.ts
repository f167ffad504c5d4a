/**
 * `npm run db:seed` — the demo data into an empty database (the private one,
 * or DATABASE_URL); `npm run db:seed -- --scale large` — the large data set
 * of DESIGN.md §Scale into a freshly migrated, empty database, e.g.
 * DATABASE_URL=mysql://root@127.0.0.1:3407/paridharan_large npm run db:seed -- --scale large
 */
import './load-env';

import { createDb, createPool } from '../db';
import { migrateDatabase } from '../db/migrate';
import { DEMO_LOGINS, isEmpty, seedDemo } from '../db/seed/demo';
import { seedLarge, type LargeProgress } from '../db/seed/large';
import { SEED_TABLES } from '../db/seed/shared';
import { resolveDatabase } from './local-db';

const args = process.argv.slice(2);
const scaleArg =
  args.find((a) => a.startsWith('--scale='))?.split('=')[1] ??
  (args.includes('--scale') ? args[args.indexOf('--scale') + 1] : 'demo');
if (scaleArg !== 'demo' && scaleArg !== 'large') {
  console.error(`Unknown --scale "${scaleArg}": use --scale demo (default) or --scale large.`);
  process.exit(2);
}

const n = (v: number) => v.toLocaleString('en-IN');
const where = (url: string) => `${new URL(url).host}${new URL(url).pathname}`;

async function demo(url: string) {
  const pool = createPool(url, 2);
  try {
    const db = createDb(pool);
    if (!(await isEmpty(db))) {
      console.error(
        `[seed] ${where(url)} already has users; the demo is only seeded into an empty database. Nothing was changed.`,
      );
      return 1;
    }
    const started = Date.now();
    const counts = await seedDemo(db);
    console.log(`[seed] demo data seeded into ${where(url)} in ${Date.now() - started} ms:`);
    for (const [table, rows] of Object.entries(counts)) console.log(`  ${table.padEnd(28)} ${n(rows).padStart(10)}`);
    console.log(`\nDemo logins (password for all: ${DEMO_LOGINS[0]!.password}):`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(9)} ${login.email}`);
    return 0;
  } finally {
    await pool.end();
  }
}

async function large(url: string) {
  console.log(`[seed] large data set into ${where(url)} — a few minutes…`);
  const started = Date.now();
  const lastStep = new Map<string, number>();
  // One line per table per tenth done, with the time since the start.
  const onProgress = ({ table, rows, total }: LargeProgress) => {
    const step = total ? Math.floor((rows / total) * 10) : 10;
    if ((lastStep.get(table) ?? -1) >= step) return;
    lastStep.set(table, step);
    console.log(
      `  ${`${((Date.now() - started) / 1000).toFixed(0)} s`.padStart(6)}  ${table.padEnd(28)} ${n(rows).padStart(10)} / ${n(total)}`,
    );
  };
  const result = await seedLarge(url, { onProgress, log: (m) => console.log(`[seed] ${m}`) });
  console.log(`\n[seed] rows per table:`);
  for (const [table, rows] of SEED_TABLES.map((t) => [t, result.counts[t]] as const))
    console.log(`  ${table.padEnd(28)} ${n(rows).padStart(10)}`);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\n[seed] load ${s(result.ms.load)}, index rebuild ${s(result.ms.indexes)}, foreign-key proof ${s(result.ms.verify)}, counters ${s(result.ms.reconcile)}; total ${s(result.ms.total)}`,
  );
  return 0;
}

try {
  const { url } = await resolveDatabase();
  await migrateDatabase(url);
  process.exit(scaleArg === 'large' ? await large(url) : await demo(url));
} catch (error) {
  console.error(`\n[seed] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
