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
let url: string;
if (process.env.DATABASE_URL) {
  if (!isLocalUrl(process.env.DATABASE_URL)) throw new Error('Refusing to run end-to-end tests against a non-local database.');
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = '/paridharan_e2e';
  url = u.toString();
} else {
  url = localDatabaseUrl('paridharan_e2e', await ensureLocalServer());
}
await dropDatabase(url);
await createDatabase(url);
await migrateDatabase(url);
await seedDemoIfEmpty(url);
ensureBuild();
runNext('start', port, { DATABASE_URL: url, AUTH_SECRET: ensureAuthSecret() });
