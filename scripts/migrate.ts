import './load-env';

import { migrateDatabase } from '../db/migrate';
import { resolveDatabase } from './local-db';

const { url, isPrivate } = await resolveDatabase();
const started = Date.now();
await migrateDatabase(url, (line) => console.log(line));
console.log(
  `[db] migrations applied to ${isPrivate ? 'the private database' : new URL(url).host + new URL(url).pathname} in ${Date.now() - started} ms`,
);
process.exit(0);
