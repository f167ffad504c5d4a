import { drizzle } from 'drizzle-orm/mysql2';
import { withReplicas } from 'drizzle-orm/mysql-core';
import mysql from 'mysql2/promise';
import * as schema from './schema';
import { databaseUrl, env } from '@/lib/env';

/** One mysql2 pool. DECIMAL stays a string (money is exact); the session speaks UTC. */
export function createPool(url: string, connectionLimit = env.DB_POOL_SIZE) {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    timezone: 'Z',
    decimalNumbers: false,
    supportBigNumbers: true,
    charset: 'utf8mb4_unicode_ci',
  });
  pool.pool.on('connection', (conn) => {
    // UTC; strict mode whatever the server's default (a lenient legacy server
    // would otherwise store a bad enum as '' or cut an amount silently); and
    // READ COMMITTED, which keeps gap locks (and their deadlocks) out of
    // concurrent booth writes — the write flows lock the rows they read.
    conn.query("SET time_zone = '+00:00', sql_mode = TRIM(BOTH ',' FROM CONCAT(@@SESSION.sql_mode, ',STRICT_TRANS_TABLES'))");
    conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  });
  return pool;
}

export function createDb(pool: mysql.Pool) {
  return drizzle(pool, { schema, mode: 'default' });
}

export type Db = ReturnType<typeof createDb>;
/** A transaction handle; queries and services accept either (midday's DatabaseOrTransaction). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

// Cached on globalThis so dev-server reloads do not open a pool per edit (t3).
const globalForDb = globalThis as unknown as { paridharanPool?: mysql.Pool };
export const pool = globalForDb.paridharanPool ?? createPool(databaseUrl());
if (env.NODE_ENV !== 'production') globalForDb.paridharanPool = pool;

export const db = createDb(pool);

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
  ? withReplicas(db, replicaUrls.map((u) => createDb(createPool(u))) as [Db, ...Db[]])
  : db;
