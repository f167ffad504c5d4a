import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { loginAttempts } from '@/db/schema';

/** After this many failures in a row for one email, sign-in is locked… */
export const MAX_FAILURES = 5;
/** …for this long. Failures older than this are forgotten. */
export const LOCK_MINUTES = 15;

export type LockState = { locked: false } | { locked: true; minutesLeft: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Is this email locked out right now? Uses the database clock, like the writes. */
export async function getLockState(db: DbOrTx, email: string): Promise<LockState> {
  const [row] = await db
    .select({ secondsLeft: sql<number | null>`timestampdiff(second, utc_timestamp(), ${loginAttempts.locked_until})` })
    .from(loginAttempts)
    .where(eq(loginAttempts.email, normaliseEmail(email)));
  const secondsLeft = Number(row?.secondsLeft ?? 0);
  return secondsLeft > 0 ? { locked: true, minutesLeft: Math.ceil(secondsLeft / 60) } : { locked: false };
}

/** Counts one failure; the MAX_FAILURES-th in a row locks the email. One statement, so concurrent failures all count. */
export async function recordFailure(db: DbOrTx, email: string): Promise<LockState> {
  const key = normaliseEmail(email);
  // A streak older than the lock window starts again at 1 (the `stale` test reads the old row's values).
  await db.execute(sql`
    insert into login_attempts (email, failures, last_failed_at, locked_until)
    values (${key}, 1, utc_timestamp(), null)
    on duplicate key update
      failures = if(last_failed_at < utc_timestamp() - interval ${LOCK_MINUTES} minute, 1, failures + 1),
      locked_until = if(failures >= ${MAX_FAILURES}, utc_timestamp() + interval ${LOCK_MINUTES} minute, locked_until),
      last_failed_at = utc_timestamp()`);
  return getLockState(db, key);
}

/** A successful sign-in clears the streak. */
export async function clearFailures(db: DbOrTx, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, normaliseEmail(email)));
}
