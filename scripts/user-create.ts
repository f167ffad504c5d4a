/**
 * npm run user:create -- --email a@b.in --name "Asha Rao" --role admin
 * The password is read from USER_PASSWORD, or asked for (hidden) on a terminal.
 */
import './load-env';

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import { createDb, createPool } from '../db';
import { migrateDatabase } from '../db/migrate';
import { ROLES, type Role } from '../db/schema/users';
import { createUser } from '../db/services/users';
import { DomainError } from '../lib/errors';
import { resolveDatabase } from './local-db';

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('No terminal to ask for a password: set USER_PASSWORD.');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  out._writeToOutput = (s: string) => out.output.write(s.startsWith(question) ? s : '');
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'employee' } },
});
if (!values.email || !values.name || !ROLES.includes(values.role as Role)) {
  console.error(
    `Usage: npm run user:create -- --email you@example.in --name "Your Name" --role ${ROLES.join('|')}\n(password from USER_PASSWORD or asked for)`,
  );
  process.exit(2);
}

const { url } = await resolveDatabase();
await migrateDatabase(url, (line) => console.log(line));
const pool = createPool(url, 1);
try {
  const password = process.env.USER_PASSWORD ?? (await askHidden('Password: '));
  const user = await createUser(createDb(pool), {
    email: values.email,
    name: values.name,
    role: values.role as Role,
    password,
  });
  console.log(`Created ${user.role} ${user.email} (${user.id})`);
} catch (error) {
  console.error(error instanceof DomainError ? error.message : error);
  process.exitCode = 1;
} finally {
  await pool.end();
}
