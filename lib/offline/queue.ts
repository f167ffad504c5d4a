/**
 * The on-device queue of entries (IndexedDB through Dexie): every write the booth makes goes in
 * here first, with its client idempotency key and the time the talk happened, and is sent from
 * here — at once when online, later when not. The server stores a key once (db/services/
 * idempotency.ts), so sending an entry again after a dropped connection writes nothing twice;
 * this module makes sure it is not sent twice *at the same time* either (one replay per user at
 * a time, and an entry is claimed before it is sent).
 *
 * Nothing here knows the booth's forms: an entry's payload is whatever plain, serialisable value
 * the caller's `send` understands.
 */
import Dexie, { liveQuery, type Observable, type Table } from 'dexie';

import { hasWebLocks, withLock } from './lock';

/** waiting → sending → saved, or refused / conflict (with the reason) for the employee to resolve. */
export type EntryState = 'waiting' | 'sending' | 'saved' | 'refused' | 'conflict';

export type QueuedEntry<P = unknown> = {
  /** The client idempotency key: the entry's identity here and on the server. */
  key: string;
  /** Whose entry it is: only that user's replay sends it. */
  userId: string;
  /** What it is (a talk, a payment…), for the list; the payload says the rest. */
  kind: string;
  payload: P;
  /** When the talk happened (ISO 8601), not when it is sent. */
  happenedAt: string;
  /** The order entries were made in, which is the order they are sent in. */
  seq: number;
  state: EntryState;
  /** Why it was refused or conflicts, or the last failure while it waits. */
  reason: string | null;
  /** The server's refusal code (STALL_TAKEN, SESSION_ENDED…) with the reason, when it gave one. */
  code?: string | null;
  /** The server's field errors of a refused or conflicting entry, for its fix form. */
  fieldErrors?: Record<string, string[] | undefined> | null;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  /** When the current attempt claimed it (only while sending). */
  claimedAt: number | null;
  savedAt: number | null;
  /** What the server answered for a saved entry (for a confirmation). */
  result?: unknown;
};

type Refusal = { reason: string; code?: string | null; fieldErrors?: Record<string, string[] | undefined> | null };

/** What `send` answers for one entry. A thrown error is a network failure: the entry waits. */
export type SendResult =
  | { status: 'saved'; result?: unknown }
  /** Will never be accepted as it is (its input is refused). */
  | ({ status: 'refused' } & Refusal)
  /** The world changed meanwhile (the stall was sold): the employee decides. */
  | ({ status: 'conflict' } & Refusal)
  /** Not now (the server is busy, the session must be renewed): it waits, and the run stops. */
  | { status: 'retry'; reason: string; code?: string | null };

export type Send<P = unknown> = (payload: P, entry: QueuedEntry<P>) => Promise<SendResult>;

type MetaRow = { id: string; value: number };

/** The device's database. A new instance over the same name sees everything an earlier one stored. */
export class OfflineDb extends Dexie {
  declare entries: Table<QueuedEntry, string>;
  declare meta: Table<MetaRow, string>;

  constructor(name = 'paridharan-offline') {
    super(name);
    this.version(1).stores({
      entries: 'key, seq, [userId+seq], [userId+state+seq]',
      meta: 'id',
    });
  }
}

let shared: OfflineDb | null = null;

/** This browser's queue (one per page, created when first used). */
export function offlineDb(): OfflineDb {
  shared ??= new OfflineDb();
  return shared;
}

/** A "sending" entry with no live sender after this long (no Web Locks to prove it) is taken back. */
const STALE_CLAIM_MS = 2 * 60_000;
/** Saved entries stay in the list this long (the employee sees what went through), then go. */
export const KEEP_SAVED_MS = 3 * 24 * 60 * 60_000;

const lastSyncedId = (userId: string) => `lastSyncedAt:${userId}`;

export type NewEntry<P> = { key: string; userId: string; kind: string; payload: P; happenedAt: string };

/**
 * Puts an entry in the queue, waiting. Enqueuing a key already there changes nothing and
 * returns the entry as it stands (a double tap is one entry).
 */
export async function enqueue<P>(db: OfflineDb, entry: NewEntry<P>, now = Date.now()): Promise<QueuedEntry<P>> {
  if (!entry.key) throw new Error('An entry needs its idempotency key.');
  if (Number.isNaN(Date.parse(entry.happenedAt))) throw new Error('An entry needs the time the talk happened.');
  return db.transaction('rw', db.entries, async () => {
    const existing = await db.entries.get(entry.key);
    if (existing) return existing as QueuedEntry<P>;
    const last = await db.entries.orderBy('seq').last();
    const row: QueuedEntry<P> = {
      ...entry,
      seq: (last?.seq ?? 0) + 1,
      state: 'waiting',
      reason: null,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      claimedAt: null,
      savedAt: null,
    };
    await db.entries.add(row as QueuedEntry);
    return row;
  });
}

/** A user's entries in the order they were made. */
export function listEntries(db: OfflineDb, userId: string): Promise<QueuedEntry[]> {
  return db.entries.where('[userId+seq]').between([userId, Dexie.minKey], [userId, Dexie.maxKey]).toArray();
}

export async function lastSyncedAt(db: OfflineDb, userId: string): Promise<number | null> {
  return (await db.meta.get(lastSyncedId(userId)))?.value ?? null;
}

export type QueueSnapshot = { entries: QueuedEntry[]; waiting: number; lastSyncedAt: number | null };

/** The user's queue as it changes (any tab's write shows): subscribe, and unsubscribe when done. */
export function watchQueue(db: OfflineDb, userId: string): Observable<QueueSnapshot> {
  return liveQuery(async () => {
    const [entries, synced] = await Promise.all([listEntries(db, userId), lastSyncedAt(db, userId)]);
    const waiting = entries.filter((e) => e.state === 'waiting' || e.state === 'sending').length;
    return { entries, waiting, lastSyncedAt: synced };
  });
}

/**
 * Sends a refused or conflicting entry again, with the payload the employee corrected (or as it
 * was), and its new kind when the fix changed it (a booking kept as a lead is a talk).
 */
export async function retryEntry<P>(
  db: OfflineDb,
  key: string,
  payload?: P,
  now = Date.now(),
  kind?: string,
): Promise<void> {
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(key);
    if (!entry || (entry.state !== 'refused' && entry.state !== 'conflict')) return;
    await db.entries.update(key, {
      state: 'waiting',
      reason: null,
      code: null,
      fieldErrors: null,
      updatedAt: now,
      ...(payload === undefined ? {} : { payload }),
      ...(kind === undefined ? {} : { kind }),
    });
  });
}

/** One entry as it stands now (after a replay: did it go through?). */
export function getEntry(db: OfflineDb, key: string): Promise<QueuedEntry | undefined> {
  return db.entries.get(key);
}

/** The employee gives an entry up (never a waiting or sending one: it may be on its way). */
export async function discardEntry(db: OfflineDb, key: string): Promise<boolean> {
  return db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(key);
    if (!entry || entry.state === 'waiting' || entry.state === 'sending') return false;
    await db.entries.delete(key);
    return true;
  });
}

/** Takes the user's first waiting entry, marking it sending, in one transaction: no two senders get it. */
async function claimNext(db: OfflineDb, userId: string, now: number): Promise<QueuedEntry | null> {
  return db.transaction('rw', db.entries, async () => {
    const next = await db.entries
      .where('[userId+state+seq]')
      .between([userId, 'waiting', Dexie.minKey], [userId, 'waiting', Dexie.maxKey])
      .first();
    if (!next) return null;
    const claimed = { ...next, state: 'sending' as const, attempts: next.attempts + 1, claimedAt: now, updatedAt: now };
    await db.entries.put(claimed);
    return claimed;
  });
}

/** Ends an attempt: the entry moves from sending to its outcome (only if this attempt still holds it). */
async function settle(db: OfflineDb, claimed: QueuedEntry, change: Partial<QueuedEntry>): Promise<void> {
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(claimed.key);
    if (!entry || entry.state !== 'sending' || entry.claimedAt !== claimed.claimedAt) return;
    await db.entries.update(claimed.key, { ...change, claimedAt: null, updatedAt: Date.now() });
  });
}

/**
 * Entries left "sending" by a page that closed mid-send go back to waiting (their key makes a
 * resend harmless). Holding the Web Lock proves no one else is sending; without it, only old claims.
 */
async function recoverAbandoned(db: OfflineDb, userId: string, now: number): Promise<void> {
  const cutoff = hasWebLocks() ? Infinity : now - STALE_CLAIM_MS;
  await db.transaction('rw', db.entries, async () => {
    await db.entries
      .where('[userId+state+seq]')
      .between([userId, 'sending', Dexie.minKey], [userId, 'sending', Dexie.maxKey])
      .filter((e) => (e.claimedAt ?? 0) <= cutoff)
      .modify({ state: 'waiting', claimedAt: null, updatedAt: now });
    await db.entries
      .where('[userId+state+seq]')
      .between([userId, 'saved', Dexie.minKey], [userId, 'saved', Dexie.maxKey])
      .filter((e) => (e.savedAt ?? now) < now - KEEP_SAVED_MS)
      .delete();
  });
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type ReplayReport = {
  saved: number;
  refused: number;
  conflict: number;
  /** Why the run stopped before the queue was empty: the network failed, or the server said "not now". */
  stopped: null | { reason: 'network' | 'retry'; message: string; code?: string | null };
};

/**
 * Sends the user's waiting entries, oldest first, one at a time, and marks each with its outcome.
 * Stops at the first network failure (the entry waits for the next run: call again on `online`,
 * on opening the app, on "Sync now"). Runs of the same user — in this tab or another — take turns,
 * never overlap; an entry added during a run is sent by that run.
 */
export function replay<P>(db: OfflineDb, userId: string, send: Send<P>): Promise<ReplayReport> {
  return withLock(`paridharan-replay:${db.name}:${userId}`, async () => {
    const report: ReplayReport = { saved: 0, refused: 0, conflict: 0, stopped: null };
    await recoverAbandoned(db, userId, Date.now());
    for (;;) {
      const entry = await claimNext(db, userId, Date.now());
      if (!entry) return report;
      let outcome: SendResult;
      try {
        outcome = await send(entry.payload as P, entry as QueuedEntry<P>);
      } catch (error) {
        await settle(db, entry, { state: 'waiting', reason: messageOf(error), code: null });
        report.stopped = { reason: 'network', message: messageOf(error) };
        return report;
      }
      if (outcome.status === 'saved') {
        const now = Date.now();
        await settle(db, entry, {
          state: 'saved',
          reason: null,
          code: null,
          fieldErrors: null,
          savedAt: now,
          result: outcome.result,
        });
        await db.meta.put({ id: lastSyncedId(userId), value: now });
        report.saved++;
      } else if (outcome.status === 'retry') {
        await settle(db, entry, { state: 'waiting', reason: outcome.reason, code: outcome.code ?? null });
        report.stopped = { reason: 'retry', message: outcome.reason, code: outcome.code ?? null };
        return report;
      } else {
        await settle(db, entry, {
          state: outcome.status,
          reason: outcome.reason,
          code: outcome.code ?? null,
          fieldErrors: outcome.fieldErrors ?? null,
        });
        report[outcome.status]++;
      }
    }
  });
}

/** After a replay the network stopped: the next tries, sooner first (then AUTO_REPLAY_EVERY_MS). */
const RETRY_AFTER_MS = [1_000, 3_000, 10_000];

/** How often a shown page tries what waits again, whatever the browser says about the network. */
export const AUTO_REPLAY_EVERY_MS = 30_000;

/**
 * Replays now (the app opened), whenever the browser comes back online, and when the tab is shown
 * again, and every AUTO_REPLAY_EVERY_MS while it is shown; returns the function that stops it. `onReport` hears each run's outcome.
 */
export function startAutoReplay<P>(
  db: OfflineDb,
  userId: string,
  send: Send<P>,
  onReport?: (report: ReplayReport) => void,
): () => void {
  let stopped = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    clearTimeout(retry);
    if (stopped || (typeof navigator !== 'undefined' && navigator.onLine === false)) return;
    replay(db, userId, send).then(
      (report) => {
        // The network is often not quite back when the browser says so: try again soon, then less often.
        if (report.stopped?.reason === 'network' && failures < RETRY_AFTER_MS.length)
          retry = setTimeout(run, RETRY_AFTER_MS[failures++]);
        else if (!report.stopped) failures = 0;
        onReport?.(report);
      },
      (error: unknown) => console.warn('The offline queue could not be replayed.', error),
    );
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') run();
  };
  window.addEventListener('online', run);
  document.addEventListener('visibilitychange', onVisible);
  // Exhibition Wi-Fi comes back without an 'online' event (the browser thought it was online all
  // along): while the page is shown, what waits is tried again every so often. Cheap when nothing waits.
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') run();
  }, AUTO_REPLAY_EVERY_MS);
  run();
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(retry);
    window.removeEventListener('online', run);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
