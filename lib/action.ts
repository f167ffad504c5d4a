import 'server-only';
import type { z } from 'zod';
import { handleForm } from '@/lib/form-action';
import { can, type Permission } from '@/lib/permissions';
import { getCurrentUser, type SessionUser } from '@/lib/session';
import type { ActionState } from '@/lib/action-state';

export type { ActionState } from '@/lib/action-state';
export { parseArgs } from '@/lib/form-action';

/**
 * One validated-action helper: the signed-in user and their permission first,
 * then zod, then the write (lib/form-action.ts). Expected failures (DomainError)
 * become form messages; anything else reaches error.tsx. Call
 * revalidatePath/redirect inside `run` after the commit — they are not caught here.
 */
export function validatedAction<S extends z.ZodType, T = unknown>(
  permission: Permission,
  schema: S,
  run: (data: z.output<S>, user: SessionUser) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => handleForm(await getCurrentUser(), permission, schema, formData, run);
}

/** For actions that are not forms (lookups, searches): the user if allowed, else null. */
export async function authorizedUser(permission: Permission): Promise<SessionUser | null> {
  const user = await getCurrentUser();
  return user && can(user.role, permission) ? user : null;
}
