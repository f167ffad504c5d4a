/**
 * A slow database: a locked campaign row must not slow unrelated
 * pages, and a booth write waits a few seconds at most, retries once, then
 * tells the employee to tap Save again — exactly once by its key.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { createAppDatabase, db, readDb } from '@/db';
import { isPoolBusy, sessionLimitsSql } from '@/db/pool';
import { listCompanies } from '@/db/queries/companies';
import { campaigns, followUps, idempotencyKeys } from '@/db/schema';
import { recordEntry, type EntryInput } from '@/db/services/entries';
import { BUSY_MESSAGE, runOnce } from '@/db/services/idempotency';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';
import { MONEY_VIEWER } from '@/lib/viewer';

import { campaignTotals, makeWorld, uniquePhone } from './helpers/factories';

const url = inject('databaseUrl');
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** A separate connection that holds `select … for update` on a campaign row until released. */
async function lockCampaign(campaignId: string) {
  const conn = await mysql.createConnection({ uri: url });
  closers.push(() => conn.end());
  await conn.query('begin');
  await conn.query('select id from campaigns where id = ? for update', [campaignId]);
  return { release: () => conn.query('rollback') };
}

/** Milliseconds a promise takes to settle, and how it settled. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - start, value };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

async function counters(campaignId: string) {
  const { leads, revenue } = await campaignTotals(campaignId);
  return { leads, revenue };
}

describe('a locked campaign row', () => {
  it('booth entries answer the retry message within 10 s and write nothing, while an unrelated read answers within 1 s', async () => {
    const w = await makeWorld();
    const before = await counters(w.campaign.id);
    const lock = await lockCampaign(w.campaign.id);
    // Three times as many entries as the write pool has connections: the rest wait for one, but not for ever.
    const n = 3 * env.DB_WRITE_POOL_SIZE;
    const inputs: EntryInput[] = Array.from({ length: n }, () => ({
      idempotency_key: ulid(),
      exhibitor_id: w.exhibitor.id,
      phone: uniquePhone(),
      table_id: w.location.stallIds[0],
      campaign_id: w.campaign.id,
      outcome: 'interested',
      notes: 'Asked about corner stalls',
    }));
    try {
      const entries = Promise.all(inputs.map((input) => timed(recordEntry(db, w.employee.id, input))));
      // While every write connection waits on the lock: pages still answer.
      await new Promise((r) => setTimeout(r, 500));
      const ping = await timed(db.execute(sql`select 1 as one`));
      const companies = await timed(
        listCompanies(readDb, { sort: 'name', dir: 'asc', page: 1, pageSize: 25 }, MONEY_VIEWER),
      );
      expect(ping.error).toBeUndefined();
      expect(ping.ms).toBeLessThan(1000);
      expect(companies.error).toBeUndefined();
      expect(companies.ms).toBeLessThan(1000);

      for (const r of await entries) {
        expect(r.error).toBeInstanceOf(DomainError);
        expect((r.error as DomainError).message).toBe(BUSY_MESSAGE);
        expect(r.ms).toBeLessThan(10_000);
      }
    } finally {
      await lock.release();
    }

    // Nothing written: no lead, no key, counters as they were.
    const keys = inputs.map((i) => i.idempotency_key);
    expect(
      await db.select({ id: followUps.id }).from(followUps).where(eq(followUps.exhibitor_id, w.exhibitor.id)),
    ).toEqual([]);
    expect(
      await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(inArray(idempotencyKeys.key, keys)),
    ).toEqual([]);
    expect(await counters(w.campaign.id)).toEqual(before);

    // Tapping Save again with the same key, once the row is free: written exactly once.
    const again = await recordEntry(db, w.employee.id, inputs[0]!);
    expect(again.replayed).toBe(false);
    const replay = await recordEntry(db, w.employee.id, inputs[0]!);
    expect(replay).toEqual({ ...again, replayed: true });
    expect(
      await db.select({ id: followUps.id }).from(followUps).where(eq(followUps.exhibitor_id, w.exhibitor.id)),
    ).toHaveLength(1);
    expect((await counters(w.campaign.id)).leads).toBe(before.leads + 1);
  }, 30_000);

  it('a lock wait is tried twice, then refused; a deadlock is retried a few times', async () => {
    const w = await makeWorld();
    const lock = await lockCampaign(w.campaign.id);
    let attempts = 0;
    try {
      const r = await timed(
        runOnce(db, { key: ulid(), userId: w.employee.id, action: 'test-lock' }, async (tx) => {
          attempts++;
          await tx.update(campaigns).set({ message: 'touched' }).where(eq(campaigns.id, w.campaign.id));
          return { ok: true };
        }),
      );
      expect(r.error).toBeInstanceOf(DomainError);
      expect(attempts).toBe(2);
      // Two waits of DB_LOCK_WAIT_SECONDS, not four of the server's 50 s.
      expect(r.ms).toBeLessThan(2 * env.DB_LOCK_WAIT_SECONDS * 1000 + 2000);
    } finally {
      await lock.release();
    }

    // A deadlock victim (errno 1213) is rolled back by the server; runOnce tries again.
    const key = ulid();
    let tries = 0;
    const result = await runOnce(db, { key, userId: w.employee.id, action: 'test-deadlock' }, async (tx) => {
      await tx
        .update(campaigns)
        .set({ message: `try ${++tries}` })
        .where(eq(campaigns.id, w.campaign.id));
      if (tries < 3)
        throw Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), {
          errno: 1213,
        });
      return { tries };
    });
    expect(result).toEqual({ tries: 3, replayed: false });
    const [c] = await db.select({ message: campaigns.message }).from(campaigns).where(eq(campaigns.id, w.campaign.id));
    expect(c!.message).toBe('try 3');
    expect(
      await db
        .select({ key: idempotencyKeys.key })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.user_id, w.employee.id), eq(idempotencyKeys.key, key))),
    ).toHaveLength(1);
  }, 30_000);
});

describe('pool limits', () => {
  it('every connection carries its limits: a statement limit for reads, a short lock wait for both', async () => {
    const [[reads]] = (await db.execute(
      sql`select version() as v, @@innodb_lock_wait_timeout as lockWait`,
    )) as unknown as [[{ v: string; lockWait: number }]];
    expect(Number(reads.lockWait)).toBe(env.DB_LOCK_WAIT_SECONDS);
    const limitVar = /mariadb/i.test(reads.v) ? sql`@@max_statement_time * 1000` : sql`@@max_execution_time`;
    const [[limit]] = (await db.execute(sql`select ${limitVar} as ms`)) as unknown as [[{ ms: number }]];
    expect(Number(limit.ms)).toBe(env.DB_STATEMENT_TIMEOUT_MS);
    // Transactions run on the write pool: no statement limit there, the same lock wait.
    const inTx = await db.transaction(async (tx) => {
      const [[row]] = (await tx.execute(
        sql`select ${limitVar} as ms, @@innodb_lock_wait_timeout as lockWait`,
      )) as unknown as [[{ ms: number; lockWait: number }]];
      return row;
    });
    expect(Number(inTx.ms)).toBe(0);
    expect(Number(inTx.lockWait)).toBe(env.DB_LOCK_WAIT_SECONDS);
  });

  it('the dialect follows the server: MariaDB counts seconds, MySQL milliseconds', () => {
    expect(sessionLimitsSql('10.11.19-MariaDB-0+deb12u1', { statementTimeoutMs: 2500, lockWaitSeconds: 3 })).toBe(
      'SET SESSION max_statement_time = 2.5, innodb_lock_wait_timeout = 3',
    );
    expect(sessionLimitsSql('8.0.39', { statementTimeoutMs: 2500, lockWaitSeconds: 3 })).toBe(
      'SET SESSION max_execution_time = 2500, innodb_lock_wait_timeout = 3',
    );
    expect(sessionLimitsSql('8.0.39', {})).toBeNull();
  });

  it('a read past its time limit is stopped by the server', async () => {
    const app = createAppDatabase(url, { reads: 1, writes: 1 }, { reads: { statementTimeoutMs: 300 }, writes: {} });
    closers.push(app.end);
    const r = await timed(app.db.execute(sql`select sleep(3) as s`));
    expect(r.ms).toBeLessThan(1500);
    // MariaDB refuses it (1969); MySQL's SLEEP returns 1 when interrupted.
    if (r.error)
      expect(
        JSON.stringify(r.error, Object.getOwnPropertyNames(r.error)) + String((r.error as { cause?: unknown }).cause),
      ).toMatch(/max_statement_time|maximum statement execution time/);
    else expect(Number((r.value as unknown as [[{ s: number }]])[0][0].s)).toBe(1);
  });

  it('waiting for a connection is bounded; a late connection goes back to the pool', async () => {
    const app = createAppDatabase(
      url,
      { reads: 1, writes: 1 },
      { reads: { acquireTimeoutMs: 300 }, writes: { acquireTimeoutMs: 300 } },
    );
    closers.push(app.end);
    const held = await app.reads.getConnection();
    const waited = await timed(app.db.execute(sql`select 1`));
    expect(isPoolBusy(waited.error)).toBe(true);
    expect(waited.ms).toBeLessThan(1000);
    held.release();
    // The timed-out request got the connection when it came free and handed it straight back.
    const next = await timed(app.db.execute(sql`select 1 as one`));
    expect(next.error).toBeUndefined();
  });
});
