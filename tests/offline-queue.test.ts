/**
 * The on-device queue (lib/offline/queue.ts) over an IndexedDB implementation in memory
 * (fake-indexeddb: the same API the browser has, each test with its own database name).
 * Node has no Web Locks, so these runs also prove the fallback lock and the atomic claim.
 */
import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';

import {
  discardEntry,
  enqueue,
  lastSyncedAt,
  listEntries,
  OfflineDb,
  replay,
  retryEntry,
  watchQueue,
  type QueuedEntry,
  type Send,
  type SendResult,
} from '@/lib/offline/queue';

type Talk = { key: string; note: string };

let dbCount = 0;
const freshName = () => `offline-test-${Date.now().toString(36)}-${dbCount++}`;

function talk(userId: string, n: number, happenedAt = `2031-02-14T10:0${n}:00+05:30`) {
  const key = `${userId}-key-${n}`;
  return { key, userId, kind: 'talk', payload: { key, note: `talk ${n}` }, happenedAt };
}

/** A server that records every call, answering from `answers` by the note (saved when not listed). */
function recordingServer(answers: Record<string, SendResult | 'network'> = {}, delayMs = 0) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: Send<Talk> = async (payload) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    calls.push(payload.key);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const answer = answers[payload.note] ?? { status: 'saved', result: { id: `row-${payload.key}` } };
      if (answer === 'network') throw new TypeError('Failed to fetch');
      return answer;
    } finally {
      inFlight--;
    }
  };
  return { send, calls, maxInFlight: () => maxInFlight };
}

const states = (entries: QueuedEntry[]) => entries.map((e) => [e.key, e.state]);

describe('offline queue', () => {
  it('sends waiting entries in the order they were made, marks them saved and notes the sync time', async () => {
    const db = new OfflineDb(freshName());
    for (const n of [3, 1, 2]) await enqueue(db, talk('u1', n));
    const server = recordingServer();

    expect(await lastSyncedAt(db, 'u1')).toBeNull();
    const report = await replay(db, 'u1', server.send);

    expect(server.calls).toEqual(['u1-key-3', 'u1-key-1', 'u1-key-2']);
    expect(report).toEqual({ saved: 3, refused: 0, conflict: 0, stopped: null });
    const entries = await listEntries(db, 'u1');
    expect(states(entries)).toEqual([
      ['u1-key-3', 'saved'],
      ['u1-key-1', 'saved'],
      ['u1-key-2', 'saved'],
    ]);
    expect(entries.map((e) => e.attempts)).toEqual([1, 1, 1]);
    expect(entries[0]!.result).toEqual({ id: 'row-u1-key-3' });
    // The talk keeps its own time; the queue only adds its own bookkeeping.
    expect(entries[1]!.happenedAt).toBe('2031-02-14T10:01:00+05:30');
    expect(await lastSyncedAt(db, 'u1')).toEqual(expect.any(Number));
    db.close();
  });

  it('enqueuing the same key twice keeps one entry', async () => {
    const db = new OfflineDb(freshName());
    const first = await enqueue(db, talk('u1', 1));
    const again = await enqueue(db, { ...talk('u1', 1), payload: { key: 'u1-key-1', note: 'changed' } });
    expect(again.seq).toBe(first.seq);
    expect((await listEntries(db, 'u1')).map((e) => e.payload)).toEqual([{ key: 'u1-key-1', note: 'talk 1' }]);
    await expect(enqueue(db, { ...talk('u1', 2), key: '' })).rejects.toThrow(/idempotency key/);
    await expect(enqueue(db, { ...talk('u1', 3), happenedAt: 'yesterday' })).rejects.toThrow(/time/);
    db.close();
  });

  it('stops at a network failure, keeps the rest waiting, and resumes from the same entry', async () => {
    const db = new OfflineDb(freshName());
    for (const n of [1, 2, 3]) await enqueue(db, talk('u1', n));
    const down = recordingServer({ 'talk 2': 'network' });

    const report = await replay(db, 'u1', down.send);
    expect(report.saved).toBe(1);
    expect(report.stopped).toEqual({ reason: 'network', message: 'Failed to fetch' });
    expect(down.calls).toEqual(['u1-key-1', 'u1-key-2']);
    const after = await listEntries(db, 'u1');
    expect(states(after)).toEqual([
      ['u1-key-1', 'saved'],
      ['u1-key-2', 'waiting'],
      ['u1-key-3', 'waiting'],
    ]);
    expect(after[1]!.reason).toBe('Failed to fetch');

    const up = recordingServer();
    expect((await replay(db, 'u1', up.send)).saved).toBe(2);
    expect(up.calls).toEqual(['u1-key-2', 'u1-key-3']);
    const done = await listEntries(db, 'u1');
    expect(done.map((e) => [e.key, e.state, e.attempts])).toEqual([
      ['u1-key-1', 'saved', 1],
      ['u1-key-2', 'saved', 2],
      ['u1-key-3', 'saved', 1],
    ]);
    db.close();
  });

  it('marks refused and conflicting entries with the reason and goes on; a retry sends the fix', async () => {
    const db = new OfflineDb(freshName());
    for (const n of [1, 2, 3]) await enqueue(db, talk('u1', n));
    const server = recordingServer({
      'talk 1': { status: 'conflict', reason: 'Stall A-1 was booked by someone else meanwhile.' },
      'talk 2': { status: 'refused', reason: 'The amount paid is above the price.' },
    });
    expect(await replay(db, 'u1', server.send)).toEqual({ saved: 1, refused: 1, conflict: 1, stopped: null });
    const entries = await listEntries(db, 'u1');
    expect(entries.map((e) => [e.state, e.reason])).toEqual([
      ['conflict', 'Stall A-1 was booked by someone else meanwhile.'],
      ['refused', 'The amount paid is above the price.'],
      ['saved', null],
    ]);

    // A waiting or sending entry cannot be discarded; a settled one can.
    await enqueue(db, talk('u1', 4));
    expect(await discardEntry(db, 'u1-key-4')).toBe(false);
    expect(await discardEntry(db, 'u1-key-2')).toBe(true);

    await retryEntry(db, 'u1-key-1', { key: 'u1-key-1', note: 'talk 1 on stall A-2' });
    const fixed = recordingServer();
    expect((await replay(db, 'u1', fixed.send)).saved).toBe(2);
    expect(fixed.calls).toEqual(['u1-key-1', 'u1-key-4']);
    expect(states(await listEntries(db, 'u1'))).toEqual([
      ['u1-key-1', 'saved'],
      ['u1-key-3', 'saved'],
      ['u1-key-4', 'saved'],
    ]);
    db.close();
  });

  it('a "not now" answer (server busy) leaves the entry waiting and stops the run', async () => {
    const db = new OfflineDb(freshName());
    for (const n of [1, 2]) await enqueue(db, talk('u1', n));
    const busy = recordingServer({ 'talk 1': { status: 'retry', reason: 'The database is busy.' } });
    const report = await replay(db, 'u1', busy.send);
    expect(report.stopped).toEqual({ reason: 'retry', message: 'The database is busy.', code: null });
    expect(busy.calls).toEqual(['u1-key-1']);
    expect(states(await listEntries(db, 'u1'))).toEqual([
      ['u1-key-1', 'waiting'],
      ['u1-key-2', 'waiting'],
    ]);
    db.close();
  });

  it('two replays at once (two tabs over one database) never send an entry twice, nor two at a time', async () => {
    const name = freshName();
    const tabA = new OfflineDb(name);
    const tabB = new OfflineDb(name);
    for (const n of [1, 2, 3, 4, 5]) await enqueue(tabA, talk('u1', n));
    const server = recordingServer({}, 15);

    const [a, b] = await Promise.all([replay(tabA, 'u1', server.send), replay(tabB, 'u1', server.send)]);

    expect(a.saved + b.saved).toBe(5);
    expect(server.calls).toEqual(['u1-key-1', 'u1-key-2', 'u1-key-3', 'u1-key-4', 'u1-key-5']);
    expect(server.maxInFlight()).toBe(1);
    tabA.close();
    tabB.close();
  });

  it("replays only the signed-in user's entries", async () => {
    const db = new OfflineDb(freshName());
    await enqueue(db, talk('u1', 1));
    await enqueue(db, talk('u2', 2));
    const server = recordingServer();
    await replay(db, 'u2', server.send);
    expect(server.calls).toEqual(['u2-key-2']);
    expect(states(await listEntries(db, 'u1'))).toEqual([['u1-key-1', 'waiting']]);
    expect(await lastSyncedAt(db, 'u1')).toBeNull();
    db.close();
  });

  it('survives a reopen: a new instance over the same database sees the entries and takes back an abandoned send', async () => {
    const name = freshName();
    const before = new OfflineDb(name);
    for (const n of [1, 2]) await enqueue(before, talk('u1', n));
    // The page closed while entry 1 was on its way: it stays "sending" in the database.
    await before.entries.update('u1-key-1', { state: 'sending', attempts: 1, claimedAt: Date.now() - 10 * 60_000 });
    before.close();

    const after = new OfflineDb(name);
    expect(states(await listEntries(after, 'u1'))).toEqual([
      ['u1-key-1', 'sending'],
      ['u1-key-2', 'waiting'],
    ]);
    const server = recordingServer();
    expect((await replay(after, 'u1', server.send)).saved).toBe(2);
    // Sent again with the same key: the server answers a replay from its stored result (db/services/idempotency.ts).
    expect(server.calls).toEqual(['u1-key-1', 'u1-key-2']);
    expect((await listEntries(after, 'u1')).map((e) => e.attempts)).toEqual([2, 1]);
    after.close();
  });

  it('the live view counts what waits and follows every change', async () => {
    const db = new OfflineDb(freshName());
    const seen: number[] = [];
    const subscription = watchQueue(db, 'u1').subscribe({ next: (s) => seen.push(s.waiting) });
    await enqueue(db, talk('u1', 1));
    await enqueue(db, talk('u1', 2));
    await expect.poll(() => seen.at(-1)).toBe(2);
    await replay(db, 'u1', recordingServer().send);
    await expect.poll(() => seen.at(-1)).toBe(0);
    subscription.unsubscribe();
    db.close();
  });
});
