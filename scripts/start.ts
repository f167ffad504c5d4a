/**
 * `npm start` (and `npm run dev` with --dev): the app on http://localhost:3000
 * with nothing to configure. Without DATABASE_URL it starts the project's own
 * database server, migrates it, seeds the demo when empty and prints the logins.
 */
import './load-env';
import { migrateDatabase } from '../db/migrate';
import { DEMO_LOGINS, seedDemoIfEmpty } from '../db/seed/demo';
import { ensureAuthSecret, resolveDatabase } from './local-db';
import { ensureBuild, runNext } from './next-app';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);

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
    console.log(`[db] using DATABASE_URL (${new URL(url).host}); it is never seeded unasked — run \`npm run db:seed\` for demo data.`);
  }
  if (!dev) ensureBuild();
  console.log(`\nParidharan CRM on http://localhost:${port}\n`);
  runNext(dev ? 'dev' : 'start', port, { DATABASE_URL: url, AUTH_SECRET: secret });
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
