/**
 * `npm run counters:reconcile [-- --fix]` (also `npm run campaigns:reconcile`)
 * — proves the cache counters equal their source rows and, with --fix,
 * repairs them: the campaign counters (DESIGN.md invariant 7) and the read
 * counters of the company views (db/schema/stats.ts). Exits 1 when drift is
 * found and not fixed.
 */
import './load-env';

import { createDb, createPool } from '../db';
import { reconcileCampaignCounters } from '../db/services/campaign-counters';
import { reconcileReadStats } from '../db/services/read-stats';
import { resolveDatabase } from './local-db';

const fix = process.argv.includes('--fix');
const SHOWN = 20;
try {
  const { url } = await resolveDatabase();
  const pool = createPool(url, 2);
  try {
    const db = createDb(pool);
    const started = Date.now();
    const campaigns = await reconcileCampaignCounters(db, { fix });
    const campaignsMs = Date.now() - started;
    const stats = await reconcileReadStats(db, { fix });
    const statsMs = Date.now() - started - campaignsMs;
    console.log(
      `[reconcile] campaign counters: ${campaigns.length ? `${campaigns.length} drifted` : 'every one equals its source rows'} (${campaignsMs} ms)`,
    );
    for (const d of campaigns.slice(0, SHOWN))
      console.log(`  ${d.name} (${d.campaignId}) ${d.field}: stored ${d.stored}, actual ${d.actual}`);
    console.log(
      `[reconcile] company and stall read counters: ${stats.length ? `${stats.length} drifted` : 'every one equals its source rows'} (${statsMs} ms)`,
    );
    for (const d of stats.slice(0, SHOWN))
      console.log(`  ${d.table} ${d.key} ${d.field}: stored ${d.stored}, actual ${d.actual}`);
    const drifted = campaigns.length + stats.length;
    if (drifted > 2 * SHOWN) console.log(`  … (${drifted - 2 * SHOWN} more not shown)`);
    if (drifted)
      console.log(
        fix
          ? `[reconcile] repaired ${drifted} counter(s).`
          : `[reconcile] ${drifted} counter(s) drifted; run with --fix to repair.`,
      );
    process.exitCode = drifted && !fix ? 1 : 0;
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(`[reconcile] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
process.exit();
