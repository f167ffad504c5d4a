import { and, eq, lt, ne, sql, type SQL } from 'drizzle-orm';

import type { Db, DbOrTx, Tx } from '@/db';
import { acquireBy, hasErrno, isConnectionError, isPoolBusy } from '@/db/pool';
import { idempotencyKeys } from '@/db/schema';
import { env } from '@/lib/env';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';

/** A client's key is kept this long, then purged: a retry comes within minutes, an offline tablet syncs within days. */
export const IDEMPOTENCY_KEY_DAYS = 30;

/** The user id of internal markers (the demo seeder's `demo-seed-unfinished`): never a person, never purged. */
export const INTERNAL_KEY_USER = 'seed';

/**
 * A booth write answers within about this long, whatever the database does:
 * its attempts start (get a connection) only while a whole lock wait still
 * fits before it.
 */
const WRITE_ANSWER_MS = 8_000;

const LOCK_WAIT_TIMEOUT = 1205;
const DEADLOCK = 1213;

/** What the employee reads when the row their write needs stays locked (the key makes the second tap safe). */
export const BUSY_MESSAGE =
  'The database is busy with the same stall or campaign right now. Nothing was saved — tap Save again.';
/** What the employee reads when the database cannot be reached mid-write. */
export const UNREACHABLE_MESSAGE =
  'The database cannot be reached right now. Tap Save again in a moment — it will not be saved twice.';

/** A write that finds its key already stored ends as a replay: the first answer is returned. */
export class Replay extends Error {}

type Key = { key: string; userId: string; action: string };

/**
 * Whether the key is stored (1 or 0), as an expression for a write's first read: a write run
 * with `keyLast` answers a replay from it before writing anything (throwing Replay).
 */
export const keyStoredSql = (key: Key): SQL =>
  sql`exists(select 1 from ${idempotencyKeys} where ${idempotencyKeys.user_id} = ${key.userId} and ${idempotencyKeys.key} = ${key.key})`;

export type RunOnceOptions = {
  /**
   * Insert the key once, with the result, as the write's last statement (one statement fewer
   * than claiming it first and storing the result after). The write must check keyStoredSql in
   * its first read; a concurrent double submit is then settled at the end by the key's primary
   * key (the second blocks on it and fails as a duplicate), and a refusal met by the second
   * (the stall its twin just sold) is answered with the stored result.
   */
  keyLast?: boolean;
};

/**
 * The key's row with the write's result, as a statement: a `keyLast` write may send it together with
 * its own last statements (executeTogether, db/rows.ts) instead of runOnce inserting it after them —
 * a round trip fewer. A duplicate there is a twin that committed first: answered as a replay.
 */
export type StoreKey<T> = (result: T) => SQL;

/**
 * Runs a form write exactly once per client-made key (DESIGN.md invariant 6),
 * keys scoped to their user. The key row is inserted first, inside the
 * write's own transaction: a concurrent replay blocks on it and then fails as
 * a duplicate, a later replay fails at once; either way it returns the stored
 * result and writes nothing. A write that fails stores no key, so retrying it
 * is safe. With `keyLast` (the booth entry) the key goes in last, with its
 * result, and the write's first read answers a later replay (RunOnceOptions).
 *
 * Retries: a deadlock, or a race the database settled (`retryOn`), a few
 * times; a lock wait timeout (DB_LOCK_WAIT_SECONDS, db/index.ts) once, then
 * the employee is told to try again — a booth write never waits long on
 * someone else's lock (WRITE_ANSWER_MS). No free connection in time, or no
 * database, is said the same way at once. (Connections run READ COMMITTED:
 * see db/pool.ts.)
 */
export async function runOnce<T extends object>(
  db: Db,
  key: Key,
  write: (tx: Tx, storeKey: StoreKey<T>) => Promise<T>,
  retryOn: (error: unknown) => boolean = () => false,
  { keyLast = false }: RunOnceOptions = {},
): Promise<T & { replayed: boolean }> {
  const scoped = and(eq(idempotencyKeys.user_id, key.userId), eq(idempotencyKeys.key, key.key));
  const claim = async (tx: Tx, result: T | null) => {
    try {
      await tx.insert(idempotencyKeys).values({ key: key.key, user_id: key.userId, action: key.action, result });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new Replay();
      throw error;
    }
  };
  // With the key last, a failure may be the twin of a write that has just committed: then it is a replay.
  const failed = async (error: unknown): Promise<T & { replayed: boolean }> => {
    if (keyLast && (await isStored(db, key))) return { ...(await storedResult<T>(db, key)), replayed: true };
    throw error;
  };
  // The last moment an attempt may begin: a lock wait (granted in whole seconds, checked once a second) must still fit.
  const startBy = Date.now() + Math.max(WRITE_ANSWER_MS - (env.DB_LOCK_WAIT_SECONDS + 1) * 1000, 1000);
  let lockWaits = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await acquireBy(startBy, () =>
        db.transaction(async (tx) => {
          if (keyLast) {
            let stored = false;
            const storeKey: StoreKey<T> = (result) => {
              stored = true;
              return tx
                .insert(idempotencyKeys)
                .values({ key: key.key, user_id: key.userId, action: key.action, result })
                .getSQL();
            };
            const value = await write(tx, storeKey);
            if (!stored) await claim(tx, value);
            return value;
          }
          await claim(tx, null);
          const value = await write(tx, () => {
            throw new Error('Only a keyLast write stores its key with its own statements.');
          });
          await tx.update(idempotencyKeys).set({ result: value }).where(scoped);
          return value;
        }),
      );
      return { ...result, replayed: false };
    } catch (error) {
      if (error instanceof Replay) return { ...(await storedResult<T>(db, key)), replayed: true };
      // A race the caller knows how to settle (even one its checks report as a DomainError) is retried first.
      if (attempt < 4 && retryOn(error)) continue;
      if (error instanceof DomainError) return failed(error);
      if (hasErrno(error, LOCK_WAIT_TIMEOUT)) {
        if (++lockWaits < 2 && Date.now() < startBy) continue;
        return failed(new DomainError('BUSY', BUSY_MESSAGE));
      }
      if (isPoolBusy(error)) throw new DomainError('BUSY', BUSY_MESSAGE);
      if (isConnectionError(error)) throw new DomainError('BUSY', UNREACHABLE_MESSAGE);
      if (attempt < 4 && hasErrno(error, DEADLOCK)) continue;
      return failed(error);
    }
  }
}

async function isStored(db: Db, key: Key): Promise<boolean> {
  const rows = await db
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.user_id, key.userId), eq(idempotencyKeys.key, key.key)));
  return rows.length > 0;
}

async function storedResult<T>(db: Db, key: Key): Promise<T> {
  const [row] = await db
    .select({ action: idempotencyKeys.action, result: idempotencyKeys.result })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.user_id, key.userId), eq(idempotencyKeys.key, key.key)));
  if (!row || row.action !== key.action || row.result === null) {
    throw new DomainError(
      'CONFLICT',
      'This form was already submitted from another session. Reload the page and try again.',
    );
  }
  // MariaDB's JSON is LONGTEXT: mysql2 hands it over as text.
  return (typeof row.result === 'string' ? JSON.parse(row.result) : row.result) as T;
}

/**
 * Deletes keys older than IDEMPOTENCY_KEY_DAYS before `now` (default: the
 * database's clock), `batchSize` rows per statement so no statement holds
 * many locks or runs long; internal markers are kept. Returns how many went.
 */
export async function purgeExpiredKeys(db: DbOrTx, opts: { now?: Date; batchSize?: number } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 5000;
  const cutoff = opts.now
    ? new Date(opts.now.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000)
    : sql`current_timestamp - interval ${IDEMPOTENCY_KEY_DAYS} day`;
  let total = 0;
  for (;;) {
    const [result] = await db
      .delete(idempotencyKeys)
      .where(and(lt(idempotencyKeys.created_at, cutoff), ne(idempotencyKeys.user_id, INTERNAL_KEY_USER)))
      .limit(batchSize);
    total += result.affectedRows;
    if (result.affectedRows < batchSize) return total;
  }
}
