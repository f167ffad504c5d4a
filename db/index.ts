import { withReplicas } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';

import { databaseUrl, env } from '@/lib/env';

import { AppPool, createAppPool, type PoolLimits } from './pool';
import * as schema from './schema';

export { createPool, type PoolLimits } from './pool';

/** A drizzle client on a mysql2 pool (scripts) or on the app's pools. */
export function createDb(pool: mysql.Pool | AppPool | SplitClient) {
  return drizzle({ client: pool as mysql.Pool, schema, mode: 'default' });
}

export type Db = ReturnType<typeof createDb>;
/** A transaction handle; queries and services accept either (midday's DatabaseOrTransaction). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Routes drizzle's single statements to one pool and its transactions to
 * another: a booth write that waits on a locked row holds a write
 * connection, never the one a page needs.
 */
class SplitClient {
  constructor(
    readonly statements: AppPool,
    readonly transactions: AppPool,
  ) {}
  query(...args: Parameters<AppPool['query']>) {
    return this.statements.query(...args);
  }
  execute(...args: Parameters<AppPool['execute']>) {
    return this.statements.execute(...args);
  }
  getConnection() {
    return this.transactions.getConnection();
  }
}

/** The limits the app runs with (env knobs in .env.example). */
function appLimits(): { reads: PoolLimits; writes: PoolLimits } {
  const common = {
    acquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
    queueLimit: env.DB_QUEUE_LIMIT,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    lockWaitSeconds: env.DB_LOCK_WAIT_SECONDS,
  };
  return { reads: { ...common, statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS }, writes: common };
}

/**
 * The app's database: two pools on one server. Single statements — page reads
 * and small autocommit writes — use the read pool, with a statement time
 * limit; transactions (every write flow) use the write pool, without one (an
 * admin upload may run long) but, like reads, waiting at most
 * DB_LOCK_WAIT_SECONDS for a row lock. Both wait at most DB_ACQUIRE_TIMEOUT_MS
 * for a connection. (Connections run READ COMMITTED: see db/pool.ts.)
 */
export function createAppDatabase(
  url: string,
  sizes = { reads: env.DB_POOL_SIZE, writes: env.DB_WRITE_POOL_SIZE },
  limits = appLimits(),
) {
  const reads = createAppPool(url, sizes.reads, limits.reads);
  const writes = createAppPool(url, sizes.writes, limits.writes);
  const db = createDb(new SplitClient(reads, writes));
  return { db, reads, writes, end: () => Promise.all([reads.end(), writes.end()]).then(() => undefined) };
}

type AppDatabase = ReturnType<typeof createAppDatabase>;

// Cached on globalThis so dev-server reloads do not open pools per edit (t3).
const globalForDb = globalThis as unknown as { paridharanDb?: AppDatabase };
const app = globalForDb.paridharanDb ?? createAppDatabase(databaseUrl());
if (env.NODE_ENV !== 'production') globalForDb.paridharanDb = app;

export const db = app.db;
/** The read pool's mysql2 pool, for raw statements (tests, checks). */
export const pool: mysql.Pool = app.reads.raw;

const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '')
  .split(',')
  .map((u) => u.trim())
  .filter(Boolean);

/**
 * For dashboards and analytics: reads go to the replicas when DATABASE_REPLICA_URLS
 * is set (writes and transactions still go to the primary); otherwise this is `db`.
 * Pages that show what the user just wrote read from `db`.
 */
export const readDb: Db = replicaUrls.length
  ? withReplicas(
      db,
      replicaUrls.map((u) => createDb(createAppPool(u, env.DB_POOL_SIZE, appLimits().reads))) as [Db, ...Db[]],
    )
  : db;
