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
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
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
