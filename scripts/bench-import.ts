/**
 * npm run bench:import [-- --rows 100000 --existing 10000 --no-browser]
 * The contacts CSV import at size, on a fresh database of its own:
 * 1. makes a visitors CSV (Indian phone spellings, 1% bad phones, some rows
 *    without a name, some phones twice, a tenth of the phones already known);
 * 2. times the browser-side read and check (lib/contact-import.ts) in Node,
 *    and — when Debian's Chromium is there — in a Web Worker of a Chromium
 *    page, with the longest pause of that page's main thread meanwhile;
 * 3. the preview's read-only matching pass, then the import through the same
 *    service chunks the page sends (rows/s, total seconds, chunk p50/p95/max),
 *    then the revert.
 * Prints figures and checks that the counts add up and that no phone has two
 * live visitors; it asserts nothing about speed.
 */
import './load-env';

import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';

import { ulid } from '@/lib/ulid';

import { createDb, createPool } from '../db';
import { migrateDatabase } from '../db/migrate';
import { matchImportRows } from '../db/queries/contact-imports';
import { contacts, users } from '../db/schema';
import { importChunk, revertImport, startImport } from '../db/services/contact-imports';
import { autoMap, dryRunCounts, FileChecker, mappingOf, parseCsvText, type ImportMatch } from '../lib/contact-import';
import { localDatabaseUrl } from '../lib/env';
import { createDatabase, dropDatabase, ensureLocalServer, ROOT } from './local-db';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    existing: { type: 'string', default: '10000' },
    'no-browser': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const EXISTING = Math.min(Number(values.existing), ROWS);

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/* ------------------------------------------------------------------ the file */

// Row i's phone is 9 followed by 9 digits made from i (distinct for every i); every 200th row repeats
// the previous row's phone; every 100th has a bad phone; every 250th has no name. Rows i % (ROWS / EXISTING)
// = 0 are visitors the database already has (every other one with another city: an update).
const digitsOf = (i: number) => `9${String(100_000_000 + ((i * 7_919) % 900_000_000)).padStart(9, '0')}`;
const spell = (d: string, i: number) =>
  [
    `0${d.slice(0, 5)} ${d.slice(5)}`,
    `+91-${d.slice(0, 5)}-${d.slice(5)}`,
    `${d.slice(0, 5)} ${d.slice(5)}`,
    `+91${d}`,
  ][i % 4]!;
const every = Math.max(1, Math.floor(ROWS / Math.max(EXISTING, 1)));
const known = (i: number) => EXISTING > 0 && i % every === 0 && i / every < EXISTING;
const lines = ['Name,Mobile No,E-mail,City,Organisation'];
for (let i = 0; i < ROWS; i++) {
  const phone = i % 100 === 99 ? '12345' : spell(digitsOf(i % 200 === 150 ? i - 1 : i), i);
  const name = i % 250 === 249 ? '' : `Visitor ${i}`;
  lines.push(
    `${name},${phone},${i % 2 === 0 ? `v${i}@bench.test` : ''},${i % 3 === 0 ? 'Pune' : 'Mumbai'},${i % 5 === 0 ? `"Firm ${i}, Pvt"` : ''}`,
  );
}
const text = lines.join('\r\n');
console.log(
  `bench:import — ${ROWS.toLocaleString('en-IN')} visitor rows (${(text.length / 1e6).toFixed(1)} MB of CSV), ${EXISTING.toLocaleString('en-IN')} already known; ${os.cpus().length} CPUs`,
);

/* ----------------------------------------------------------- check in Node */

let t0 = performance.now();
const parsed = parseCsvText(text);
const parseMs = ms(t0);
const columns = autoMap('visitor', parsed.headers);
t0 = performance.now();
const checker = new FileChecker('visitor', parsed.rows, columns);
checker.step(Infinity);
const checkMs = ms(t0);
console.log(
  `  browser-side check in Node: parse ${parseMs.toFixed(0)} ms + check ${checkMs.toFixed(0)} ms = ${(parseMs + checkMs).toFixed(0)} ms (${Math.round(ROWS / ((parseMs + checkMs) / 1000)).toLocaleString('en-IN')} rows/s)`,
);
console.log(
  `    valid ${checker.counts.valid}, invalid ${checker.counts.invalid}, duplicate ${checker.counts.duplicate}`,
);

/* ------------------------------------------------------- check in Chromium */

async function inChromium(): Promise<string> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const [{ build }, { chromium }] = await Promise.all([import('esbuild'), import('@playwright/test')]);
  // The same module the page's Web Worker runs, bundled for the browser.
  const bundle = await build({
    stdin: {
      contents: `import { parseCsvFile, FileChecker, autoMap } from '@/lib/contact-import';
        self.onmessage = async (e) => {
          const t0 = performance.now();
          const { headers, rows } = await parseCsvFile(new Blob([e.data]));
          const t1 = performance.now();
          const c = new FileChecker('visitor', rows, autoMap('visitor', headers));
          while (!c.step(5000)) self.postMessage({ progress: c.done });
          self.postMessage({ parseMs: t1 - t0, checkMs: performance.now() - t1, counts: c.counts });
        };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>bench</title>');
    const result = await page.evaluate(
      async ({ code, csv }) => {
        const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
        // The page's main thread meanwhile: the longest gap between 10 ms ticks is how long it froze.
        let last = performance.now();
        let longest = 0;
        const tick = setInterval(() => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
        }, 10);
        const t0 = performance.now();
        const done = await new Promise<{ parseMs: number; checkMs: number; counts: unknown }>((resolve) => {
          worker.onmessage = (e) => {
            if (!('progress' in e.data)) resolve(e.data);
          };
          worker.postMessage(csv);
        });
        clearInterval(tick);
        worker.terminate();
        return { ...done, totalMs: performance.now() - t0, longestGapMs: longest };
      },
      { code: bundle.outputFiles[0]!.text, csv: text },
    );
    return `parse ${result.parseMs.toFixed(0)} ms + check ${result.checkMs.toFixed(0)} ms in a Web Worker (${result.totalMs.toFixed(0)} ms with the hand-over); the page's main thread paused at most ${result.longestGapMs.toFixed(0)} ms meanwhile`;
  } finally {
    await browser.close();
  }
}

if (!values['no-browser']) {
  const figure = await inChromium().catch(
    (error: unknown) => `skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
  );
  console.log(`  browser-side check in Chromium: ${figure}`);
}

/* ---------------------------------------------------------------- database */

const url =
  process.env.BENCH_IMPORT_DATABASE_URL ?? localDatabaseUrl('paridharan_bench_import', await ensureLocalServer());
await dropDatabase(url);
await createDatabase(url);
await migrateDatabase(url);
const pool = createPool(url, 4);
const db = createDb(pool);
const adminId = ulid();
await db
  .insert(users)
  .values({ id: adminId, name: 'Bench Admin', email: 'bench-admin@bench.test', password: 'x', role: 'admin' });
const pinned = new Date('2025-01-01T00:00:00Z');
const knownRows = Array.from({ length: ROWS }, (_, i) => i).filter(known);
for (let i = 0; i < knownRows.length; i += 1000) {
  await db.insert(contacts).values(
    knownRows.slice(i, i + 1000).map((r) => ({
      id: ulid(),
      type: 'visitor' as const,
      name: `Visitor ${r}`,
      phone: `+91${digitsOf(r)}`,
      email: r % 2 === 0 ? `v${r}@bench.test` : null,
      city: (r / every) % 2 === 0 ? (r % 3 === 0 ? 'Pune' : 'Mumbai') : 'Nashik',
      company_name: r % 5 === 0 ? `Firm ${r}, Pvt` : null,
      created_at: pinned,
      updated_at: pinned,
    })),
  );
}
const checksum = async () =>
  ((await pool.query('CHECKSUM TABLE contacts')) as unknown as [{ Checksum: unknown }[]])[0][0]!.Checksum;
const before = await checksum();

// The preview's read-only pass: the valid rows in chunks, as the page sends them.
t0 = performance.now();
const matches: [number, ImportMatch][] = [];
for (let from = 0; from < checker.total;) {
  const { rows, next } = checker.chunk(from, true);
  from = next;
  if (!rows.length) continue;
  for (const a of await matchImportRows(db, 'visitor', rows)) if ('match' in a) matches.push([a.line, a.match]);
}
const matchMs = ms(t0);
const expected = dryRunCounts('upsert', checker.counts, matches);
console.log(
  `  preview matching pass (read-only): ${(matchMs / 1000).toFixed(1)} s for ${checker.counts.valid.toLocaleString('en-IN')} valid rows`,
);
console.log(`    dry run, create and update: ${JSON.stringify(expected)}`);

// The import, chunk after chunk, as the page sends it.
const id = ulid();
await startImport(db, adminId, {
  id,
  type: 'visitor',
  mode: 'upsert',
  fileName: 'bench.csv',
  mapping: mappingOf(parsed.headers, columns),
  rowsTotal: checker.total,
});
const chunkMs: number[] = [];
const sizes: number[] = [];
let progress;
t0 = performance.now();
for (let from = 0; from < checker.total;) {
  const { rows, next } = checker.chunk(from, false);
  const c0 = performance.now();
  progress = await importChunk(db, id, rows);
  chunkMs.push(ms(c0));
  sizes.push(rows.length);
  from = next;
}
const importS = ms(t0) / 1000;
console.log(
  `  import: ${importS.toFixed(1)} s, ${Math.round(ROWS / importS).toLocaleString('en-IN')} rows/s, ${chunkMs.length} chunks of ≤ ${Math.max(...sizes)} rows; chunk p50 ${pct(chunkMs, 50).toFixed(0)} ms, p95 ${pct(chunkMs, 95).toFixed(0)} ms, max ${Math.max(...chunkMs).toFixed(0)} ms`,
);
console.log(`    counts: ${JSON.stringify(progress!.counts)} (${progress!.status})`);

const twice = async () =>
  Number(
    (
      (await db.execute(
        sql`select count(*) as n from (select phone from ${contacts} where type = 'visitor' and deleted_at is null group by phone having count(*) > 1) d`,
      )) as unknown as [[{ n: unknown }]]
    )[0][0].n,
  );
const doubled = await twice();
t0 = performance.now();
const reverted = await revertImport(db, id, adminId);
const revertS = ms(t0) / 1000;
console.log(
  `  revert: ${revertS.toFixed(1)} s (deleted ${reverted.deleted}, soft-deleted ${reverted.softDeleted}, restored ${reverted.restored})`,
);
const after = await checksum();

const same = JSON.stringify(progress!.counts) === JSON.stringify(expected);
console.log(
  `  phones with two live visitors after the import: ${doubled}; the contacts table after the revert ${after === before ? 'equals' : 'DIFFERS FROM'} the table before (CHECKSUM TABLE)`,
);
const ok = same && doubled === 0 && after === before && progress!.status === 'done';
console.log(
  ok
    ? '  OK: the import gave the dry run’s counts, one live visitor per phone, the revert restored the table exactly'
    : '  MISMATCH: see the figures above',
);
await pool.end();
await dropDatabase(url);
process.exit(ok ? 0 : 1);
