import { asc, eq } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';

/** The row sign-in needs, hash included; only lib/auth calls this. */
export async function getUserForSignIn(db: DbOrTx, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      password: users.password,
      session_version: users.session_version,
    })
    .from(users)
    .where(eq(users.email, email));
  return row;
}

/** The signed-in user plus the session version their sessions must carry (lib/session-check.ts). */
export async function getUserForSession(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      session_version: users.session_version,
    })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

/** The signed-in user as the app sees them (no hash). */
export async function getUserById(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export async function listUsers(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      created_at: users.created_at,
    })
    .from(users)
    .orderBy(asc(users.name));
}
