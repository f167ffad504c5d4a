import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { db } from '@/db';
import { getUserById } from '@/db/queries/users';
import { auth } from '@/lib/auth';
import { can, type Permission } from '@/lib/permissions';

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getUserById>>>;

/**
 * The signed-in user, re-read from the database once per request: a
 * deactivated user or a changed role takes effect at once, not when the JWT expires.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById(db, id);
  return user?.active ? user : null;
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
