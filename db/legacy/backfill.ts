/**
 * The legacy backfill (design document §6.2, done conservatively):
 * brings the old rows of an adopted database into the new links.
 *
 *   phones        → E.164 (India by default) in place; the typed text is kept in legacy_resolutions.original
 *   visitor_id    → the one contact with that phone (follow-ups and bookings); two or more: ambiguous;
 *                   when that one contact is a company, the row is the company's (exhibitor_id)
 *   location_id   → the location whose name equals booking_location, ignoring case and spaces
 *   table_id      → a stall of that same location (db/legacy/stall-match.ts): the stall of exactly that
 *                   name (ignoring case, spaces, dashes) wins; only without one, `Table 12` ≈ `T-12`, and
 *                   `12` is the one stall numbered 12 there; a stall sold twice on one date keeps NULL
 *   amounts       → price / amount paid / amount_status checked; inconsistent rows reported, not rewritten
 *   employee_id   → rows of users who no longer exist reported (kept)
 *   conversation  → each old follow-up and booking of a known company gets a timeline entry
 *                   (kind 'import'), linked both ways; without a company it is reported
 *   counters      → moved with each batch's changes (db/services/counters.ts); a recount at
 *                   the end repairs what rows written outside the app left (an adopted
 *                   database's campaign recipients) and says how many counters it repaired
 *
 * Every rule leaves an ambiguous match NULL and records why. A field an admin
 * resolved by hand is never touched again. Batches of rows in id order, each
 * in its own transaction, so a killed run continues where it stopped; the
 * selection of each step is "still to do", so a second run changes nothing.
 * A dry run does the same inside one transaction and rolls it back. The
 * steps themselves are in db/legacy/backfill-steps.ts; this is their driver.
 */
import type { Db, DbOrTx, Tx } from '@/db';
import { rowsOf } from '@/db/rows';
import { reconcileCampaignCounters, reconcileReadStats } from '@/db/services/counters';

import { backfillSteps, type Step, type StepRunner } from './backfill-steps';
import { countResolutions, type ResolutionCount } from './resolutions';

export type BackfillProgress = { step: string; done: number; total: number };
export type BackfillOptions = {
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (p: BackfillProgress) => void;
  /** Stop after this many batches in all (a test's stand-in for a killed run). */
  stopAfterBatches?: number;
};
export type BackfillResult = {
  dryRun: boolean;
  changedRows: number;
  counts: ResolutionCount[];
  stopped: boolean;
  ms: number;
  rowsSeen: number;
  /** Counters the final recount found drifted and repaired (0 when the batches moved them right). */
  countersRepaired: number;
};

class Stop extends Error {}
class DryRunRollback extends Error {}

/**
 * Runs each step over its rows in batches of `batchSize` in id order: one
 * transaction per batch, or every batch inside the dry run's transaction.
 */
class BatchRunner implements StepRunner {
  batches = 0;
  changedRows = 0;
  rowsSeen = 0;
  stopped = false;
  /** The dry run's one transaction, when there is one. */
  outerTx: Tx | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: BackfillOptions,
    private readonly batchSize: number,
  ) {}

  get on(): DbOrTx {
    return this.outerTx ?? this.db;
  }

  async step<R extends { id: string | number }>(step: Step<R>): Promise<void> {
    const { options, batchSize } = this;
    const [countRow] = await rowsOf<{ n: unknown }>(this.on, step.count);
    const total = Number(countRow?.n ?? 0);
    let done = 0;
    let after: string | number | null = null;
    options.onProgress?.({ step: step.name, done, total });
    for (;;) {
      if (options.stopAfterBatches !== undefined && this.batches >= options.stopAfterBatches) {
        this.stopped = true;
        throw new Stop();
      }
      const batch = async (tx: Tx) => {
        const rows = await rowsOf<R>(tx, step.select(after, batchSize));
        if (rows.length) this.changedRows += await step.apply(tx, rows);
        return rows;
      };
      const rows = this.outerTx ? await batch(this.outerTx) : await this.db.transaction(batch);
      this.batches++;
      if (!rows.length) break;
      this.rowsSeen += rows.length;
      after = rows[rows.length - 1]!.id;
      done += rows.length;
      options.onProgress?.({ step: step.name, done: Math.min(done, total), total });
      if (rows.length < batchSize) break;
    }
  }
}

export async function runBackfill(db: Db, options: BackfillOptions = {}): Promise<BackfillResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const dryRun = options.dryRun ?? false;
  const runner = new BatchRunner(db, options, batchSize);

  /** Recounts the counters after a real, complete run; then the report. */
  const finish = async (on: DbOrTx): Promise<BackfillResult> => {
    let countersRepaired = 0;
    if (!dryRun && !runner.stopped) {
      options.onProgress?.({ step: 'counters', done: 0, total: 1 });
      countersRepaired += (await reconcileCampaignCounters(on, { fix: true })).length;
      countersRepaired += (await reconcileReadStats(on, { fix: true })).length;
      options.onProgress?.({ step: 'counters', done: 1, total: 1 });
    }
    return {
      dryRun,
      changedRows: runner.changedRows,
      counts: await countResolutions(on),
      stopped: runner.stopped,
      ms: Date.now() - started,
      rowsSeen: runner.rowsSeen,
      countersRepaired,
    };
  };

  try {
    if (!dryRun) {
      await backfillSteps(runner);
      return await finish(db);
    }
    let result: BackfillResult | null = null;
    try {
      await db.transaction(async (tx) => {
        runner.outerTx = tx;
        await backfillSteps(runner);
        result = await finish(tx);
        throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    return result!;
  } catch (error) {
    if (error instanceof Stop)
      return {
        dryRun,
        changedRows: runner.changedRows,
        counts: await countResolutions(db),
        stopped: true,
        ms: Date.now() - started,
        rowsSeen: runner.rowsSeen,
        countersRepaired: 0,
      };
    throw error;
  }
}
