/**
 * `npm start` (and `npm run dev` with --dev): the app on http://localhost:3000
 * with nothing to configure. Without DATABASE_URL it starts the project's own
 * database server, migrates it, seeds the demo when empty and prints the logins.
 * It listens on 127.0.0.1 unless HOST says otherwise, and refuses another
 * address while a demo account still has the demo password (network-guard.ts).
 */
import './load-env';

import os from 'node:os';

import { createDb, createPool } from '../db';
import { migrateDatabase } from '../db/migrate';
import { DEMO_LOGINS, seedDemoIfEmpty } from '../db/seed/demo';
import { ensureAuthSecret, resolveDatabase } from './local-db';
import { isLoopback, listenHost, networkRefusal } from './network-guard';
import { ensureBuild, runNext } from './next-app';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = listenHost();

/** Where to open the app: this machine, plus every network address when HOST is 0.0.0.0 (or ::). */
function appUrls(): string[] {
  if (isLoopback(host)) return [`http://localhost:${port}`];
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a!.address}:${port}`);
  return [`http://localhost:${port}`, ...lan];
}

try {
  const secret = ensureAuthSecret();
  const { url, isPrivate } = await resolveDatabase();
  await migrateDatabase(url, (line) => console.log(line));

  if (isPrivate) {
    if (await seedDemoIfEmpty(url)) console.log('[db] seeded the demo data into the private database');
    console.log(`\nDemo logins (password for all: ${DEMO_LOGINS[0]!.password}):`);
    for (const login of DEMO_LOGINS.filter((l, i, all) => all.findIndex((o) => o.role === l.role) === i)) {
      console.log(`  ${login.role.padEnd(9)} ${login.email}`);
    }
  } else {
    console.log(
      `[db] using DATABASE_URL (${new URL(url).host}); it is never seeded unasked — run \`npm run db:seed\` for demo data.`,
    );
  }
  if (!isLoopback(host)) {
    const pool = createPool(url, 1);
    const refusal = await networkRefusal(createDb(pool), host, port).finally(() => pool.end());
    if (refusal) throw new Error(refusal);
  }
  if (!dev) ensureBuild();
  const where = isLoopback(host) ? ' (this machine only; HOST=0.0.0.0 opens it to the network)' : '';
  console.log(`\nParidharan CRM on ${appUrls().join(', ')}${where}\n`);
  runNext(dev ? 'dev' : 'start', port, { DATABASE_URL: url, AUTH_SECRET: secret }, host);
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
