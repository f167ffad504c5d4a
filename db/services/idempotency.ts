import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { idempotencyKeys } from '@/db/schema';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';

class Replay extends Error {}

const RETRYABLE = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);

function isRetryable(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (RETRYABLE.has((e as { errno?: number }).errno ?? 0)) return true;
  }
  return false;
}

/**
 * Runs a form write exactly once per client-made key (DESIGN.md invariant 6).
 * The key row is inserted first, inside the write's own transaction: a
 * concurrent replay blocks on it and then fails as a duplicate, a later replay
 * fails at once; either way it returns the stored result and writes nothing.
 * A write that fails stores no key, so retrying it is safe. A deadlock or a
 * race the database settled (`retryOn`) is retried a few times. (Connections
 * run READ COMMITTED: see db/index.ts.)
 */
export async function runOnce<T extends object>(
  db: Db,
  key: { key: string; userId: string; action: string },
  write: (tx: Tx) => Promise<T>,
  retryOn: (error: unknown) => boolean = () => false,
): Promise<T & { replayed: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.transaction(async (tx) => {
        try {
          await tx.insert(idempotencyKeys).values({ key: key.key, user_id: key.userId, action: key.action });
        } catch (error) {
          if (isDuplicateKeyError(error)) throw new Replay();
          throw error;
        }
        const value = await write(tx);
        await tx.update(idempotencyKeys).set({ result: value }).where(eq(idempotencyKeys.key, key.key));
        return value;
      });
      return { ...result, replayed: false };
    } catch (error) {
      if (error instanceof Replay) return { ...(await storedResult<T>(db, key)), replayed: true };
      if (attempt < 4 && (isRetryable(error) || retryOn(error))) continue;
      throw error;
    }
  }
}

async function storedResult<T>(db: Db, key: { key: string; userId: string; action: string }): Promise<T> {
  const [row] = await db
    .select({ user_id: idempotencyKeys.user_id, action: idempotencyKeys.action, result: idempotencyKeys.result })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.key, key.key));
  if (!row || row.user_id !== key.userId || row.action !== key.action || row.result === null) {
    throw new DomainError('CONFLICT', 'This form was already submitted from another session. Reload the page and try again.');
  }
  // MariaDB's JSON is LONGTEXT: mysql2 hands it over as text.
  return (typeof row.result === 'string' ? JSON.parse(row.result) : row.result) as T;
}
