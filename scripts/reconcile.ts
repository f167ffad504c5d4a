/**
 * `npm run campaigns:reconcile [-- --fix]` — proves the campaign counters equal
 * their source rows (DESIGN.md invariant 7) and, with --fix, repairs them in
 * one transaction. Exits 1 when drift is found and not fixed.
 */
import './load-env';
import { createDb, createPool } from '../db';
import { reconcileCampaignCounters } from '../db/services/campaign-counters';
import { resolveDatabase } from './local-db';

const fix = process.argv.includes('--fix');
try {
  const { url } = await resolveDatabase();
  const pool = createPool(url, 2);
  try {
    const drifts = await reconcileCampaignCounters(createDb(pool), { fix });
    if (!drifts.length) console.log('[reconcile] every campaign counter equals its source rows.');
    for (const d of drifts) console.log(`  ${d.name} (${d.campaignId}) ${d.field}: stored ${d.stored}, actual ${d.actual}`);
    if (drifts.length) console.log(fix ? `[reconcile] repaired ${drifts.length} counter(s).` : `[reconcile] ${drifts.length} counter(s) drifted; run with --fix to repair.`);
    process.exitCode = drifts.length && !fix ? 1 : 0;
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(`[reconcile] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
process.exit();
