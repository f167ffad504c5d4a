/**
 * A restarted database, against a real server of this test's own
 * (never the shared one): while it is down the health check says so within
 * about 2 s and the app fails fast with a clear answer; when it is back the
 * same pools answer again, without restarting the process. And a kill -9 in
 * the middle of concurrent booth writers leaves nothing half-written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAppDatabase } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { isConnectionError } from '@/db/pool';
import { listCompanies } from '@/db/queries/companies';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { recordEntry, type EntryInput } from '@/db/services/entries';
import { UNREACHABLE_MESSAGE } from '@/db/services/idempotency';
import { createHealthCheck, serviceUnavailable } from '@/lib/db-health';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';
import { MONEY_VIEWER } from '@/lib/viewer';

import { createDatabase, startServerAt, stopServerAt } from '../scripts/local-db';
import { makeCampaign, makeExhibitor, makeLocation, makeUser } from './helpers/factories';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    return { ms: performance.now() - start, value: await promise };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

async function until(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < withinMs) {
    if (await check()) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${withinMs} ms`);
}

const home = mkdtempSync(path.join(os.tmpdir(), 'paridharan-restart-'));
let port = 0;
let url = '';
let app: ReturnType<typeof createAppDatabase>;

const start = () => startServerAt(port, home);
const stop = (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => stopServerAt(home, signal);

beforeAll(async () => {
  port = await freePort();
  await start();
  url = `mysql://root@127.0.0.1:${port}/paridharan_restart`;
  await createDatabase(url);
  await migrateDatabase(url);
  app = createAppDatabase(url, { reads: 4, writes: 16 });
}, 120_000);

afterAll(async () => {
  await app?.end().catch(() => undefined);
  await stop();
  rmSync(home, { recursive: true, force: true });
}, 60_000);

/** A company, an employee, a campaign and a location with `n` stalls, on the private server. */
async function world(n: number) {
  const on = app.db;
  const employee = await makeUser({}, on);
  const exhibitor = await makeExhibitor({ company_name: null, phone: null }, on);
  const campaign = await makeCampaign({}, {}, on);
  const location = await makeLocation({ stalls: n, prefix: 'S-' }, on);
  return {
    employeeId: employee.id,
    exhibitorId: exhibitor.id,
    campaignId: campaign.id,
    locationId: location.locationId,
    stallIds: location.stallIds,
  };
}

const phoneFor = (i: number) => `+919${String(100_000_000 + i).padStart(9, '0')}`;

describe('the database stops and starts again', () => {
  it('down: a clear answer within ~2 s, no hang; back: the same pools answer again', async () => {
    const health = createHealthCheck(url);
    expect(await health.isUp()).toBe(true);
    const w = await world(2);
    expect((await listCompanies(app.db, { sort: 'name', dir: 'asc', page: 1, pageSize: 10 }, MONEY_VIEWER)).total).toBe(
      1,
    );

    await stop();

    // The health check notices within about 2 s (it caches an answer for 1 s).
    const noticed = await until(async () => !(await health.isUp()), 2500);
    expect(noticed).toBeLessThan(2500);
    const page = serviceUnavailable();
    expect(page.status).toBe(503);
    expect(page.headers.get('Retry-After')).toBe('5');
    expect(await page.text()).toMatch(/database is not answering[\s\S]*tries again by itself/);

    // A page's read fails at once with a connection error, not a hang.
    const read = await timed(listCompanies(app.db, { sort: 'name', dir: 'asc', page: 1, pageSize: 10 }, MONEY_VIEWER));
    expect(isConnectionError(read.error)).toBe(true);
    expect(read.ms).toBeLessThan(2000);
    // A booth write answers the employee clearly, nothing saved; the key is kept for the retry.
    const entry: EntryInput = {
      idempotency_key: ulid(),
      exhibitor_id: w.exhibitorId,
      phone: phoneFor(1),
      campaign_id: w.campaignId,
      outcome: 'interested',
      notes: 'During the outage',
    };
    const write = await timed(recordEntry(app.db, w.employeeId, entry));
    expect(write.error).toBeInstanceOf(DomainError);
    expect((write.error as DomainError).message).toBe(UNREACHABLE_MESSAGE);
    expect(write.ms).toBeLessThan(2000);

    await start();

    // Back: the health check, reads and writes, through the same pools.
    expect(await until(() => health.isUp(), 3000)).toBeLessThan(3000);
    const again = await timed(app.db.execute(sql`select 1 as one`));
    expect(again.error).toBeUndefined();
    expect((await listCompanies(app.db, { sort: 'name', dir: 'asc', page: 1, pageSize: 10 }, MONEY_VIEWER)).total).toBe(
      1,
    );
    const saved = await recordEntry(app.db, w.employeeId, entry);
    expect(saved.replayed).toBe(false);
    expect(await recordEntry(app.db, w.employeeId, entry)).toEqual({ ...saved, replayed: true });
  }, 90_000);

  it('kill -9 in the middle of 16 concurrent writers leaves nothing half-written', async () => {
    const w = await world(4000);
    let next = 0;
    const done: string[] = [];
    const refused: unknown[] = [];
    const writer = async () => {
      for (;;) {
        const i = next++;
        if (i >= w.stallIds.length) return;
        const sale = i % 3 === 0;
        const input: EntryInput = {
          idempotency_key: ulid(),
          exhibitor_id: w.exhibitorId,
          phone: phoneFor(1000 + i),
          table_id: w.stallIds[i],
          campaign_id: w.campaignId,
          outcome: sale ? 'materialised' : 'interested',
          notes: `Talk ${i}`,
          booking: sale ? { booking_date: '2027-01-12', price: '50000.00', amount_paid: '20000.00' } : null,
        };
        try {
          await recordEntry(app.db, w.employeeId, input);
          done.push(input.idempotency_key);
        } catch (error) {
          refused.push(error);
          return;
        }
      }
    };
    const writers = Array.from({ length: 16 }, writer);
    await until(async () => done.length >= 200, 30_000);
    await stop('SIGKILL');
    await Promise.all(writers);
    // Every writer was stopped by the crash with the clear answer, not left hanging.
    expect(refused).toHaveLength(16);
    for (const e of refused) expect((e as Error).message).toBe(UNREACHABLE_MESSAGE);

    await start();
    await until(async () => (await timed(app.db.execute(sql`select 1`))).error === undefined, 5000);

    // Every counter equals its recount, and every row written is whole and linked both ways.
    expect(await reconcileCampaignCounters(app.db, { fix: false })).toEqual([]);
    const [[broken]] = (await app.db.execute(sql`
      select
        (select count(*) from follow_ups f left join conversations c on c.id = f.conversation_id
          where f.exhibitor_id = ${w.exhibitorId} and (c.id is null or c.follow_up_id <> f.id)) as leads_without_talk,
        (select count(*) from conversations c left join follow_ups f on f.id = c.follow_up_id
          where c.exhibitor_id = ${w.exhibitorId} and f.id is null) as talks_without_lead,
        (select count(*) from conversations c left join bookings b on b.id = c.booking_id
          where c.exhibitor_id = ${w.exhibitorId} and c.outcome = 'materialised' and (b.id is null or b.conversation_id <> c.id)) as sales_without_booking,
        (select count(*) from bookings b left join conversations c on c.id = b.conversation_id
          where b.exhibitor_id = ${w.exhibitorId} and (c.id is null or c.booking_id <> b.id)) as bookings_without_talk,
        (select count(*) from idempotency_keys k where k.user_id = ${w.employeeId} and k.result is null) as keys_without_result,
        (select count(*) from follow_ups where exhibitor_id = ${w.exhibitorId}) as leads`)) as unknown as [
      [Record<string, number>],
    ];
    expect(
      Object.fromEntries(
        Object.entries({ ...broken, leads: undefined }).map(([k, v]) => [k, v === undefined ? v : Number(v)]),
      ),
    ).toEqual({
      leads_without_talk: 0,
      talks_without_lead: 0,
      sales_without_booking: 0,
      bookings_without_talk: 0,
      keys_without_result: 0,
      leads: undefined,
    });
    // What the app answered as saved is there (the private server flushes its log at each commit to the OS, which a process crash keeps).
    expect(Number(broken.leads)).toBeGreaterThanOrEqual(done.length);
  }, 120_000);
});
