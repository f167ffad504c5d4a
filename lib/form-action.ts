/**
 * The core of every form action (lib/action.ts wraps it with the signed-in
 * user): the permission first, then the input must be a form, then zod, then
 * the write. Expected failures (DomainError) become form messages with the
 * field they belong to; anything else is a real fault and is rethrown.
 * Kept free of Next.js imports so the integration tests run it as the app does.
 */
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { DomainError } from '@/lib/errors';
import { can, type Permission } from '@/lib/permissions';
import type { Role } from '@/db/schema/users';

export const NOT_A_FORM = 'This request could not be read as the form. Reload the page and try again.';
export const FIX_FIELDS = 'Please correct the highlighted fields.';

const SECRET_FIELDS = /password|secret|token/i;

function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

export async function handleForm<S extends z.ZodType, U extends { role: Role }, T>(
  user: U | null,
  permission: Permission,
  schema: S,
  formData: unknown,
  run: (data: z.output<S>, user: U) => Promise<ActionState<T>>,
): Promise<ActionState<T>> {
  if (!user) return { ok: false, message: 'Your session has ended. Sign in again.' };
  if (!can(user.role, permission)) return { ok: false, message: 'Your role does not allow this.' };
  // Server actions are public endpoints: anything but a form (a hand-made call) is refused plainly.
  if (!(formData instanceof FormData)) return { ok: false, message: NOT_A_FORM };

  const values = echo(formData);
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, message: FIX_FIELDS, fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState['fieldErrors'], values };
  }
  try {
    return await run(parsed.data, user);
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined, values };
    }
    throw error;
  }
}

/** The plain (non-form) arguments of a lookup or search action, checked like a form's; null when malformed. */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> | null {
  const parsed = schema.safeParse(args);
  return parsed.success ? parsed.data : null;
}
