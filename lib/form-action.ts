/**
 * The core of every action (lib/action.ts wraps it with the signed-in user):
 * the permission first, then the input (a form, or plain arguments), then zod,
 * then the write. Expected failures (DomainError) become messages with the
 * field they belong to; anything else is a real fault and is rethrown.
 * Kept free of Next.js imports so the integration tests run it as the app does.
 */
import { z } from 'zod';

import type { Role } from '@/db/schema/users';
import type { ActionState, DataState, RefusalCode } from '@/lib/action-state';
import { DomainError } from '@/lib/errors';
import { can, type Permission } from '@/lib/permissions';

export const NOT_A_FORM = 'This request could not be read as the form. Reload the page and try again.';
export const FIX_FIELDS = 'Please correct the highlighted fields.';
export const SESSION_ENDED = 'Your session has ended. Sign in again.';
export const NOT_ALLOWED = 'Your role does not allow this.';
/** What a call with plain arguments answers when they are malformed, unless the action words it for its screen. */
export const NOT_READABLE = 'This request could not be read. Reload the page and try again.';
/** The same for a chunk of an upload. */
export const ROWS_NOT_READABLE = 'The rows sent were not in the expected form; nothing from this part was saved.';

const SECRET_FIELDS = /password|secret|token/i;

function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

function refusal(
  user: { role: Role } | null,
  permission: Permission,
): { ok: false; message: string; code: RefusalCode } | null {
  if (!user) return { ok: false, message: SESSION_ENDED, code: 'SESSION_ENDED' };
  if (!can(user.role, permission)) return { ok: false, message: NOT_ALLOWED, code: 'FORBIDDEN' };
  return null;
}

type Refused = {
  ok: false;
  message: string;
  code: RefusalCode;
  fieldErrors?: ActionState['fieldErrors'];
  values?: Record<string, string>;
};

/** Runs the write; a DomainError becomes the message (and the field's error when it names one). */
async function settle<R>(work: () => Promise<R>, values?: Record<string, string>): Promise<R | Refused> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        ok: false,
        message: error.message,
        code: error.code,
        fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
        values,
      };
    }
    throw error;
  }
}

export async function handleForm<S extends z.ZodType, U extends { role: Role }, T>(
  user: U | null,
  permission: Permission,
  schema: S,
  formData: unknown,
  run: (data: z.output<S>, user: U) => Promise<ActionState<T>>,
): Promise<ActionState<T>> {
  const refused = refusal(user, permission);
  if (refused) return refused;
  // Server actions are public endpoints: anything but a form (a hand-made call) is refused plainly.
  if (!(formData instanceof FormData)) return { ok: false, message: NOT_A_FORM, code: 'UNREADABLE' };

  const values = echo(formData);
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return {
      ok: false,
      message: FIX_FIELDS,
      code: 'FIX_FIELDS',
      fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState['fieldErrors'],
      values,
    };
  }
  return settle(() => run(parsed.data, user!), values);
}

/**
 * The same checks for an action called with a plain argument (a lookup, a
 * search, a chunk of an upload): `run` answers the data, and a malformed input
 * is refused with `invalid` (there are no form fields to point at).
 */
export async function handleCall<S extends z.ZodType, U extends { role: Role }, T>(
  user: U | null,
  permission: Permission,
  schema: S,
  input: unknown,
  run: (data: z.output<S>, user: U) => Promise<T>,
  invalid = NOT_READABLE,
): Promise<DataState<T>> {
  const refused = refusal(user, permission);
  if (refused) return refused;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: invalid, code: 'UNREADABLE' };
  return settle(async () => ({ ok: true as const, data: await run(parsed.data, user!) }));
}
