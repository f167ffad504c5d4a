import { z } from 'zod';

/** Port of the project-private database server (scripts/local-db.ts). */
export const LOCAL_DB_DEFAULT_PORT = 3407;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** mysql://user:pass@host:port/db. Unset: the project's private server on loopback. */
  DATABASE_URL: z.string().url().optional(),
  /** Comma-separated read replicas for dashboards (optional). */
  DATABASE_REPLICA_URLS: z.string().optional(),
  LOCAL_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(LOCAL_DB_DEFAULT_PORT),
  /** Connections for single statements: page reads and small autocommit writes (db/index.ts). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Connections for write transactions (booth entries, admin writes). */
  DB_WRITE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Longest a read statement may run, in ms (0: no limit). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Longest a statement waits for a row lock, in seconds (innodb_lock_wait_timeout). */
  DB_LOCK_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(3),
  /** Longest wait for a free pool connection, in ms (0: no limit). */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Most requests queued for a connection per pool; beyond it they are refused at once (0: no limit). */
  DB_QUEUE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(100),
  /** Longest wait for a new connection's handshake, in ms. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3_000),
  AUTH_SECRET: z.string().min(16).optional(),
});

/** Environment, validated once. */
export const env = envSchema.parse(process.env);

/** The private server's URL, for a database name (default `paridharan`). */
export function localDatabaseUrl(database = 'paridharan', port = env.LOCAL_DB_PORT): string {
  return `mysql://root@127.0.0.1:${port}/${database}`;
}

/** DATABASE_URL as given, or the project's private server. Read at call time so scripts and tests can set it. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || localDatabaseUrl();
}
