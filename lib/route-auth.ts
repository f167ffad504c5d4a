import 'server-only';

import { can, type Permission } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';

/** For route handlers: 401 without a session, 403 beyond the role; null when allowed. */
export async function refuseUnless(permission: Permission): Promise<Response | null> {
  const user = await getCurrentUser();
  if (!user) return new Response('Sign in first.', { status: 401 });
  if (!can(user.role, permission)) return new Response('Your role does not allow this export.', { status: 403 });
  return null;
}
