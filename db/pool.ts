/**
 * mysql2 pools and the limits a web app needs on a slow or restarted database.
 * mysql2 3.x pools bound their queue (`queueLimit`) and the
 * handshake (`connectTimeout`) but have no acquire timeout and no statement
 * limit, so `AppPool` adds both: a bounded wait for a connection, and per
 * connection the session limits in the server's own dialect.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import mysql from 'mysql2/promise';

import { env } from '@/lib/env';

export type PoolLimits = {
  /** Longest a statement may run, in ms (0 or unset: no limit). MariaDB `max_statement_time`, MySQL `max_execution_time` (SELECTs only). */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a row lock, in seconds (`innodb_lock_wait_timeout`; the server's default is 50). */
  lockWaitSeconds?: number;
  /** Longest wait for a free connection, in ms (0 or unset: no limit). */
  acquireTimeoutMs?: number;
  /** Most requests waiting for a connection; more are refused at once (0 or unset: no limit). */
  queueLimit?: number;
  /** Longest wait for a new connection's handshake, in ms (mysql2's default is 10 s). */
  connectTimeoutMs?: number;
};

/**
 * One mysql2 pool. DECIMAL stays a string (money is exact); the session speaks
 * UTC. Scripts use it as is (no limits: a migration or a bulk seed may take
 * minutes); the app wraps it in an `AppPool`.
 */
export function createPool(
  url: string,
  connectionLimit = env.DB_POOL_SIZE,
  limits: Pick<PoolLimits, 'queueLimit' | 'connectTimeoutMs'> = {},
): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    queueLimit: limits.queueLimit ?? 0,
    connectTimeout: limits.connectTimeoutMs ?? 10_000,
    enableKeepAlive: true,
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
    conn.query(
      "SET time_zone = '+00:00', sql_mode = TRIM(BOTH ',' FROM CONCAT(@@SESSION.sql_mode, ',STRICT_TRANS_TABLES'))",
    );
    conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  });
  return pool;
}

/** No connection came free within the acquire timeout, or the pool's queue is full. Nothing was sent to the database. */
export class PoolBusyError extends Error {
  readonly code = 'DB_POOL_BUSY';
  constructor(message: string) {
    super(message);
    this.name = 'PoolBusyError';
  }
}

/** The session limits of one connection, in its server's dialect (MariaDB counts seconds, MySQL milliseconds). */
export function sessionLimitsSql(serverVersion: string, limits: PoolLimits): string | null {
  const sets: string[] = [];
  if (limits.statementTimeoutMs) {
    const ms = Math.round(limits.statementTimeoutMs);
    sets.push(/mariadb/i.test(serverVersion) ? `max_statement_time = ${ms / 1000}` : `max_execution_time = ${ms}`);
  }
  if (limits.lockWaitSeconds) sets.push(`innodb_lock_wait_timeout = ${Math.round(limits.lockWaitSeconds)}`);
  return sets.length ? `SET SESSION ${sets.join(', ')}` : null;
}

function acquire(raw: mysql.Pool, timeoutMs: number): Promise<mysql.PoolConnection> {
  const pending = raw.getConnection().catch((error: unknown) => {
    if (error instanceof Error && error.message === 'Queue limit reached.')
      throw new PoolBusyError('The database connection pool is full.');
    throw error;
  });
  if (!timeoutMs) return pending;
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new PoolBusyError(`No database connection came free within ${timeoutMs} ms.`));
    }, timeoutMs);
    pending.then(
      (conn) => {
        clearTimeout(timer);
        // mysql2 cannot take a request back out of its queue: a connection that arrives too late goes straight back.
        if (late) conn.release();
        else resolve(conn);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}

const acquireDeadline = new AsyncLocalStorage<number>();

/**
 * Runs `fn` so that no app pool connection is waited for past `at` (epoch
 * ms), however many it asks for: a write flow's overall time limit, which
 * the per-request acquire timeout alone cannot give across retries.
 */
export function acquireBy<T>(at: number, fn: () => Promise<T>): Promise<T> {
  return acquireDeadline.run(at, fn);
}

type QueryArgs = [sql: string | mysql.QueryOptions, values?: mysql.ExecuteValues];

/**
 * A pool with limits, shaped like mysql2's promise pool as far as drizzle uses
 * it (`query`, `execute`, `getConnection`). Each connection learns its
 * server's flavour from `VERSION()` once, before its first statement, and
 * sets its limits in that dialect — so MySQL 8 and MariaDB behind one URL (a
 * proxy, a failover) both work.
 */
export class AppPool {
  private readonly prepared = new WeakSet<object>();

  constructor(
    readonly raw: mysql.Pool,
    readonly limits: PoolLimits,
  ) {}

  async getConnection(): Promise<mysql.PoolConnection> {
    let wait = this.limits.acquireTimeoutMs ?? 0;
    const by = acquireDeadline.getStore();
    if (by !== undefined) {
      const left = Math.floor(by - Date.now());
      if (left <= 0) throw new PoolBusyError('No time is left to wait for a database connection.');
      wait = wait ? Math.min(wait, left) : left;
    }
    const conn = await acquire(this.raw, wait);
    if (!this.prepared.has(conn.connection)) {
      try {
        const [rows] = (await conn.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
        const set = sessionLimitsSql(rows[0]?.v ?? '', this.limits);
        if (set) await conn.query(set);
      } catch (error) {
        conn.destroy();
        throw error;
      }
      this.prepared.add(conn.connection);
    }
    return conn;
  }

  async query(...args: QueryArgs) {
    const conn = await this.getConnection();
    try {
      return await conn.query(args[0] as string, args[1] as mysql.QueryValues);
    } finally {
      conn.release();
    }
  }

  async execute(...args: QueryArgs) {
    const conn = await this.getConnection();
    try {
      return await conn.execute(args[0] as string, args[1]);
    } finally {
      conn.release();
    }
  }

  end(): Promise<void> {
    return this.raw.end();
  }
}

/** Creates a pool with limits (see `PoolLimits`). */
export function createAppPool(url: string, connectionLimit: number, limits: PoolLimits): AppPool {
  return new AppPool(createPool(url, connectionLimit, limits), limits);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
]);

function* causes(error: unknown): Generator<{ code?: unknown; errno?: unknown; message?: unknown }> {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 10;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    yield e as { code?: unknown; errno?: unknown; message?: unknown };
  }
}

/** The server cannot be reached, went away mid-statement, or is shutting down — however drizzle wraps it. */
export function isConnectionError(error: unknown): boolean {
  for (const e of causes(error)) {
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /connection is in closed state|Connection lost/i.test(e.message)) return true;
    // AggregateError (Node's happy-eyeballs connect) carries the codes of its parts.
    if (e instanceof AggregateError && e.errors.some(isConnectionError)) return true;
  }
  return false;
}

/** No connection came free in time (see `PoolBusyError`). */
export function isPoolBusy(error: unknown): boolean {
  for (const e of causes(error)) if (e.code === 'DB_POOL_BUSY') return true;
  return false;
}

/** The server's errno anywhere in the cause chain (1205 lock wait timeout, 1213 deadlock, …). */
export function hasErrno(error: unknown, errno: number): boolean {
  for (const e of causes(error)) if (e.errno === errno) return true;
  return false;
}

/**
 * Runs `work` (one transaction) again when the database chose it as a
 * deadlock's victim (1213: it was rolled back whole), up to `attempts` runs in
 * all; any other error, or the last deadlock, is thrown.
 */
export async function retryingDeadlocks<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt < attempts && hasErrno(error, 1213)) continue;
      throw error;
    }
  }
}

/** A statement ran past its time limit (MariaDB 1969, MySQL 3024). */
export function isStatementTimeout(error: unknown): boolean {
  return hasErrno(error, 1969) || hasErrno(error, 3024);
}
