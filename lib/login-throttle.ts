/**
 * The sign-in throttle, on the `login_attempts` table. An attempt is counted
 * BEFORE its password is checked, under the row's lock, so a parallel burst
 * cannot outrun the count: of 200 simultaneous guesses only the first
 * MAX_FAILURES are ever checked.
 *
 * Two kinds of rows share the table's `email` key:
 * - the lower-cased email typed (whether or not such a user exists), limit
 *   MAX_FAILURES: a targeted guesser gets 5 tries per 15 minutes per account;
 * - `ip:<client address>`, limit MAX_PER_ADDRESS: one address spraying many
 *   emails (or keeping the admin locked) is slowed too. It is higher because a
 *   whole booth team may share one address (the venue's NAT, one proxy), and a
 *   successful sign-in gives its attempt back, so only failures use it up.
 * An email never contains ':', so the two key spaces cannot meet.
 *
 * Row columns: `failures` counts the attempts of the current streak,
 * `last_failed_at` is when the streak began (or was last locked), and
 * `locked_until` is set when the streak reaches its limit. A streak older than
 * LOCK_MINUTES starts again at 1; attempts refused while locked change nothing
 * (a lock is never extended by hammering it).
 */
import { eq, sql } from 'drizzle-orm';

import type { Db, DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import { loginAttempts } from '@/db/schema';

/** After this many failures in a row for one email, sign-in is locked… */
export const MAX_FAILURES = 5;
/** …and after this many failed (or refused) attempts from one client address. */
export const MAX_PER_ADDRESS = 20;
/** …for this long. A streak older than this is forgotten. */
export const LOCK_MINUTES = 15;

export type LockState = { locked: false } | { locked: true; minutesLeft: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The throttle key of a client address (see clientAddress in lib/credentials.ts). */
export function addressKey(address: string): string {
  return `ip:${address.trim().toLowerCase().slice(0, 64) || 'unknown'}`;
}

const minutesFrom = (secondsLeft: unknown) => Math.max(1, Math.ceil(Number(secondsLeft) / 60));

/** Is this key locked out right now? Uses the database clock, like the writes. */
export async function getLockState(db: DbOrTx, key: string): Promise<LockState> {
  const [row] = await db
    .select({ secondsLeft: sql<number | null>`timestampdiff(second, utc_timestamp(), ${loginAttempts.locked_until})` })
    .from(loginAttempts)
    .where(eq(loginAttempts.email, key));
  const secondsLeft = Number(row?.secondsLeft ?? 0);
  return secondsLeft > 0 ? { locked: true, minutesLeft: minutesFrom(secondsLeft) } : { locked: false };
}

export type Attempt =
  /** Go on and check the password. `lockedIfWrong`: this attempt used up the allowance, so a failure leaves the key locked. */
  | { allowed: true; count: number; lockedIfWrong: number | null }
  /** Refused without checking anything. */
  | { allowed: false; minutesLeft: number };

type Row = { failures: number; locked: number | null; secondsLeft: number | null; stale: number | null };

const RETRYABLE = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);
const isRetryable = (error: unknown): boolean => {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    if (RETRYABLE.has((e as { errno?: number }).errno ?? 0)) return true;
  return false;
};

/**
 * Counts one attempt on `key` against `limit`, before any password is checked.
 * The upsert creates the row or takes its exclusive lock, so attempts on one
 * key queue here and each one sees every attempt before it.
 */
export async function countAttempt(db: Db, key: string, limit: number): Promise<Attempt> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into login_attempts (email, failures, last_failed_at, locked_until)
          values (${key}, 0, null, null)
          on duplicate key update failures = failures`);
        const [row] = await rowsOf<Row>(
          tx,
          sql`select failures,
                     locked_until > utc_timestamp() as locked,
                     timestampdiff(second, utc_timestamp(), locked_until) as secondsLeft,
                     (last_failed_at is null or last_failed_at <= utc_timestamp() - interval ${LOCK_MINUTES} minute) as stale
              from login_attempts where email = ${key} for update`,
        );
        if (!row) throw new Error(`login_attempts row ${key} vanished under its lock`);
        if (Number(row.locked)) return { allowed: false, minutesLeft: minutesFrom(row.secondsLeft) };

        const count = Number(row.stale) ? 1 : Number(row.failures) + 1;
        const locks = count >= limit;
        await tx
          .update(loginAttempts)
          .set({
            failures: count,
            // A new streak starts its clock; locking restarts it, so the lock and the streak end together.
            ...(Number(row.stale) || locks ? { last_failed_at: sql`utc_timestamp()` } : {}),
            locked_until: locks ? sql`utc_timestamp() + interval ${LOCK_MINUTES} minute` : null,
          })
          .where(eq(loginAttempts.email, key));
        return { allowed: true, count, lockedIfWrong: locks ? LOCK_MINUTES : null };
      });
    } catch (error) {
      if (attempt < 4 && isRetryable(error)) continue;
      throw error;
    }
  }
}

/** A successful sign-in clears the email's streak. */
export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, key));
}

/**
 * A successful sign-in gives its counted attempt back to the address (so a
 * team behind one address only spends its allowance on failures), and lifts
 * the lock that attempt may have set. `locked_until` is assigned first: it reads
 * the old `failures`.
 */
export async function refundAttempt(db: DbOrTx, key: string, limit: number): Promise<void> {
  await db.execute(sql`
    update login_attempts
    set locked_until = if(failures - 1 < ${limit}, null, locked_until),
        failures = greatest(failures - 1, 0)
    where email = ${key} and failures > 0`);
}
