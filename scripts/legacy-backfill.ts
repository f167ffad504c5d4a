/**
 * `npm run legacy:backfill [-- --dry-run] [--batch 1000] [--report legacy-report.csv]`
 * — brings the old rows of an adopted database into the new links
 * (db/legacy/backfill.ts), with progress; prints the counts per field and
 * writes every unresolved row with its reason to a CSV. Run `npm run
 * db:migrate` first (it adopts an old-shape database). Safe to run again; a
 * killed run continues where it stopped.
 */
import './load-env';

import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

import { createDb, createPool } from '../db';
import { runBackfill } from '../db/legacy/backfill';
import { listUnresolved, type UnresolvedCursor } from '../db/legacy/resolutions';
import { csvLine } from '../lib/csv';
import { resolveDatabase } from './local-db';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    batch: { type: 'string', default: '1000' },
    report: { type: 'string', default: 'legacy-report.csv' },
  },
});
try {
  const { url } = await resolveDatabase();
  const pool = createPool(url, 2);
  const db = createDb(pool);
  try {
    let last = '';
    const result = await runBackfill(db, {
      dryRun: values['dry-run'],
      batchSize: Number(values.batch),
      onProgress: ({ step, done, total }) => {
        const line = `  ${step.padEnd(28)} ${done.toLocaleString('en-IN').padStart(12)} / ${total.toLocaleString('en-IN')}`;
        if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
        else if (step !== last || done === total) console.log(line);
        last = step;
      },
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    const perSecond = result.rowsSeen / Math.max(0.001, result.ms / 1000);
    console.log(
      `[legacy] ${result.dryRun ? 'dry run (nothing kept): would change' : 'changed'} ${result.changedRows.toLocaleString('en-IN')} rows; looked at ${result.rowsSeen.toLocaleString('en-IN')} rows in ${(result.ms / 1000).toFixed(1)} s (${Math.round(perSecond).toLocaleString('en-IN')} rows/s)`,
    );
    console.log('  entity      field         resolved  ambiguous unresolved  by hand');
    const keys = [...new Set(result.counts.map((c) => `${c.entity}|${c.field}`))];
    for (const key of keys) {
      const [entity, field] = key.split('|');
      const n = (o: string) =>
        result.counts.find((c) => c.entity === entity && c.field === field && c.outcome === o)?.rows ?? 0;
      console.log(
        `  ${entity!.padEnd(11)} ${field!.padEnd(12)} ${String(n('resolved')).padStart(9)} ${String(n('ambiguous')).padStart(10)} ${String(n('unresolved')).padStart(10)} ${String(n('by_hand')).padStart(8)}`,
      );
    }
    if (!result.dryRun && !result.stopped)
      console.log(
        `[legacy] counters: moved with each batch; the final recount repaired ${result.countersRepaired} (rows written outside the app).`,
      );
    if (!result.dryRun) {
      const out = createWriteStream(values.report);
      out.write(csvLine(['entity', 'row_id', 'field', 'outcome', 'reason', 'original']));
      let after: UnresolvedCursor | null = null;
      let written = 0;
      for (;;) {
        const rows = await listUnresolved(db, { after, limit: 5000 });
        for (const r of rows) out.write(csvLine([r.entity, r.row_id, r.field, r.outcome, r.reason, r.original]));
        written += rows.length;
        if (rows.length < 5000) break;
        after = rows[rows.length - 1]!;
      }
      await new Promise<void>((resolve) => out.end(resolve));
      console.log(
        `[legacy] ${written.toLocaleString('en-IN')} unresolved rows with their reasons in ${values.report}; admins can resolve them by hand at /admin/import.`,
      );
    }
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(`[legacy] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
process.exit();
