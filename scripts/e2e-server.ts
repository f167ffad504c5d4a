/**
 * The app as the end-to-end tests see it: a production build on its own port,
 * on a fresh `paridharan_e2e` database seeded with the demo.
 */
import './load-env';

import { migrateDatabase } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed/demo';
import { localDatabaseUrl } from '../lib/env';
import { createDatabase, dropDatabase, ensureAuthSecret, ensureLocalServer, isLocalUrl } from './local-db';
import { ensureBuild, runNext } from './next-app';

const port = Number(process.env.E2E_PORT ?? 3100);
// Its own database name, so two checkouts can run their suites side by side.
const database = process.env.E2E_DB ?? 'paridharan_e2e';
if (!/^\w+$/.test(database)) throw new Error('E2E_DB must be a plain database name.');
let url: string;
if (process.env.DATABASE_URL) {
  if (!isLocalUrl(process.env.DATABASE_URL))
    throw new Error('Refusing to run end-to-end tests against a non-local database.');
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${database}`;
  url = u.toString();
} else {
  url = localDatabaseUrl(database, await ensureLocalServer());
}
await dropDatabase(url);
await createDatabase(url);
await migrateDatabase(url);
await seedDemoIfEmpty(url);
ensureBuild();
runNext('start', port, { DATABASE_URL: url, AUTH_SECRET: ensureAuthSecret() });
