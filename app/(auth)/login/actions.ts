'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { signIn } from '@/lib/auth';

const loginSchema = z.object({
  email: z.string().trim().email('Enter the email address you sign in with.'),
  password: z.string().min(1, 'Enter your password.'),
});

/** Sign-in is the one action without a signed-in user, so it validates here rather than through validatedAction. */
export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get('email') ?? '') };
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: '/' });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code.startsWith('locked:')) {
      const minutes = Number(error.code.slice('locked:'.length));
      return {
        ok: false,
        message: `Too many failed sign-ins for this email. It is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}; try again then, or ask an admin to reset your password.`,
        values,
      };
    }
    if (error instanceof AuthError) return { ok: false, message: 'Wrong email or password.', values };
    throw error; // the redirect after a successful sign-in
  }
}
