'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';

import type { ActionState } from '@/lib/action-state';
import { signIn } from '@/lib/auth';

import { loginSchema } from './schema';

/** Sign-in is the one action without a signed-in user, so it validates here rather than through validatedAction. */
export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get('email') ?? '') };
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Please correct the highlighted fields.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  }
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: '/' });
    return { ok: true };
  } catch (error) {
    const lock = error instanceof CredentialsSignin ? /^(locked|locked-address):(\d+)$/.exec(error.code) : null;
    if (lock) {
      const minutes = Number(lock[2]);
      const time = `${minutes} more minute${minutes === 1 ? '' : 's'}`;
      const message =
        lock[1] === 'locked'
          ? `Too many failed sign-ins for this email. It is locked for ${time}; try again then, or ask an admin to reset your password.`
          : `Too many failed sign-ins from this network address. Sign-in from here is paused for ${time}; try again then.`;
      return { ok: false, message, values };
    }
    if (error instanceof AuthError) return { ok: false, message: 'Wrong email or password.', values };
    throw error; // the redirect after a successful sign-in
  }
}
