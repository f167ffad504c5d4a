import 'server-only';
import { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { can, type Permission } from '@/lib/permissions';
import { getCurrentUser, type SessionUser } from '@/lib/session';
import type { ActionState } from '@/lib/action-state';

export type { ActionState } from '@/lib/action-state';

const SECRET_FIELDS = /password|secret|token/i;

function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

/**
 * One validated-action helper: the signed-in user and their permission first,
 * then zod, then the write. Expected failures (DomainError) become form messages;
 * anything else reaches error.tsx. Call revalidatePath/redirect inside `run`
 * after the commit — they are not caught here.
 */
export function validatedAction<S extends z.ZodType, T = unknown>(
  permission: Permission,
  schema: S,
  run: (data: z.output<S>, user: SessionUser) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: 'Your session has ended. Sign in again.' };
    if (!can(user.role, permission)) return { ok: false, message: 'Your role does not allow this.' };

    const values = echo(formData);
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState['fieldErrors'], values };
    }
    try {
      return await run(parsed.data, user);
    } catch (error) {
      if (error instanceof DomainError) {
        return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined, values };
      }
      throw error;
    }
  };
}

/** For actions that are not forms (lookups, searches): the user if allowed, else null. */
export async function authorizedUser(permission: Permission): Promise<SessionUser | null> {
  const user = await getCurrentUser();
  return user && can(user.role, permission) ? user : null;
}
