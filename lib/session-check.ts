/**
 * Whether a session (a JWT) still stands. A session carries the user's
 * `session_version` from sign-in; sign-out, a password reset, a role change
 * and deactivation move the version (db/services/users.ts), so every session
 * issued before stops working at its next request, not when its JWT expires.
 */
import type { DbOrTx } from '@/db';
import { getUserForSession } from '@/db/queries/users';

export type SessionClaims = { id?: string | null; sessionVersion?: unknown };

/** A token from before versions existed (no number) is refused: its user signs in again. */
export function sessionIsCurrent(
  claims: SessionClaims,
  user: { active: boolean; session_version: number } | undefined,
): boolean {
  return (
    user !== undefined &&
    user.active &&
    typeof claims.sessionVersion === 'number' &&
    claims.sessionVersion === user.session_version
  );
}

/** The user a session speaks for, re-read from the database, or null when the session no longer stands. */
export async function userForSession(db: DbOrTx, claims: SessionClaims) {
  if (!claims.id) return null;
  const row = await getUserForSession(db, claims.id);
  if (!row || !sessionIsCurrent(claims, row)) return null;
  return { id: row.id, name: row.name, email: row.email, role: row.role, active: row.active };
}
