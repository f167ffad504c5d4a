/**
 * Where `npm start` listens, and the refusal to open the demo's well-known
 * logins to a network: the demo password is printed in the README and on every
 * start, so beyond this machine anyone on the exhibition Wi-Fi could sign in.
 */
import { and, eq, inArray } from 'drizzle-orm';

import type { DbOrTx } from '../db';
import { users } from '../db/schema';
import { DEMO_LOGINS } from '../db/seed/demo';
import { verifyPassword } from '../lib/password';

/** The app listens on this machine only unless HOST says otherwise. */
export const DEFAULT_HOST = '127.0.0.1';

/** HOST from the environment, or loopback when unset or empty. */
export function listenHost(environment: Record<string, string | undefined> = process.env): string {
  return environment.HOST?.trim() || DEFAULT_HOST;
}

/** True when only this machine can reach a server bound to `host` (127.0.0.0/8, localhost, ::1). */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** The active demo accounts whose password is still the public demo password. */
export async function demoAccountsWithDemoPassword(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ email: users.email, hash: users.password })
    .from(users)
    .where(
      and(
        inArray(
          users.email,
          DEMO_LOGINS.map((l) => l.email),
        ),
        eq(users.active, true),
      ),
    );
  const open = await Promise.all(
    rows.map(async (r) => ((await verifyPassword(r.hash, DEMO_LOGINS[0]!.password)) ? r.email : null)),
  );
  return open.filter((email): email is string => email !== null).sort();
}

/**
 * Why the app must not listen on `host`, as one paragraph for the operator,
 * or null when it may: loopback always may; any other address only once no
 * active demo account still has the demo password.
 */
export async function networkRefusal(db: DbOrTx, host: string, port: number): Promise<string | null> {
  if (isLoopback(host)) return null;
  const open = await demoAccountsWithDemoPassword(db);
  if (open.length === 0) return null;
  const password = DEMO_LOGINS[0]!.password;
  return (
    `Not starting on HOST=${host}: that opens the app to the network, and the demo accounts ${open.join(', ')} still have the public demo password "${password}" — anyone on the same Wi-Fi could sign in as them. ` +
    `Start it on this machine only first (unset HOST, run npm start), sign in at http://localhost:${port}/admin/users as an admin and, for each of these accounts, either set a new password under "Reset password" or choose "Deactivated: cannot sign in" ` +
    `(create your own admin with npm run user:create -- --email you@example.in --name "Your Name" --role admin before you deactivate the demo admin); then start again with HOST=${host}. ` +
    `To keep the demo as it is, keep HOST unset: the app then listens on 127.0.0.1, reachable from this machine only.`
  );
}
