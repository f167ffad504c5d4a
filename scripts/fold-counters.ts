/**
 * `npm run counters:fold` — folds each campaign's counter shards
 * (campaign_stats, 16 rows a campaign so booth entries of different companies
 * do not queue on one row) into one row, so the campaign list and pages sum
 * one row per campaign again. The sums do not change; safe beside live
 * writes. Run it when the halls are quiet, e.g. nightly from cron.
 */
import './load-env';

import { createDb, createPool } from '../db';
import { foldCampaignStats } from '../db/services/counters';
import { resolveDatabase } from './local-db';

try {
  const { url } = await resolveDatabase();
  const pool = createPool(url, 2);
  try {
    const started = Date.now();
    const r = await foldCampaignStats(createDb(pool));
    console.log(
      r.rows
        ? `[fold] folded ${r.rows} counter row(s) of ${r.campaigns} campaign(s) into one row each (${Date.now() - started} ms).`
        : `[fold] every campaign's counters are already one row (${Date.now() - started} ms).`,
    );
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(`[fold] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
process.exit();
