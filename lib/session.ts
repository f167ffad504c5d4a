import 'server-only';

import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';

import { db } from '@/db';
import { readSession } from '@/lib/auth';
import { can, type Permission } from '@/lib/permissions';
import { userForSession } from '@/lib/session-check';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof userForSession>>>;

/**
 * The signed-in user, re-read from the database once per request: a
 * deactivated user, a changed role, a reset password or a sign-out elsewhere
 * (a moved session version) takes effect at once, not when the JWT expires.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await readSession();
  if (!session) return null;
  return userForSession(db, session);
});

/** For pages and layouts: the user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  return user;
}

/** For pages, actions and route handlers: the user if their role allows it, else a 403 (forbidden.tsx). */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}
