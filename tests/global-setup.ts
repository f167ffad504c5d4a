import '../scripts/load-env';

import type { TestProject } from 'vitest/node';

import { migrateDatabase } from '../db/migrate';
import { localDatabaseUrl } from '../lib/env';
import { createDatabase, dropDatabase, ensureLocalServer, isLocalUrl } from '../scripts/local-db';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Every run gets its own fresh database on a local server, migrated by the
 * production migrations, and drops it afterwards. A non-local DATABASE_URL is refused.
 */
export default async function setup(project: TestProject) {
  let url: string;
  const name = `paridharan_test_${Date.now().toString(36)}_${process.pid}`;
  if (process.env.DATABASE_URL) {
    if (!isLocalUrl(process.env.DATABASE_URL)) {
      throw new Error(
        `Refusing to run tests against a non-local database (${new URL(process.env.DATABASE_URL).host}). Unset DATABASE_URL to use the private server.`,
      );
    }
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    url = localDatabaseUrl(name, await ensureLocalServer());
  }
  await createDatabase(url);
  await migrateDatabase(url);
  project.provide('databaseUrl', url);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(url);
  };
}
