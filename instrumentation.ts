/** Runs once when a Next.js server starts (Node.js runtime only): the regular clean-ups of the app. */

/** How often expired idempotency keys are purged (and once at start). */
const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const flags = globalThis as unknown as { paridharanPurgeTimer?: ReturnType<typeof setInterval> };
  if (flags.paridharanPurgeTimer) return; // dev reloads register again
  const [{ db }, { purgeExpiredKeys }] = await Promise.all([import('@/db'), import('@/db/services/idempotency')]);
  const purge = () =>
    purgeExpiredKeys(db).then(
      (n) => n > 0 && console.log(`[idempotency] purged ${n} expired keys`),
      // The database may be down or restarting; the next run tries again.
      (error: unknown) =>
        console.warn(
          `[idempotency] purge of expired keys failed, retried in 6 h: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  // Not awaited: the server starts whether the database answers or not.
  void purge();
  flags.paridharanPurgeTimer = setInterval(purge, PURGE_EVERY_MS);
  flags.paridharanPurgeTimer.unref();
}
