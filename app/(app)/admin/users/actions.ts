'use server';

import { revalidatePath } from 'next/cache';

import { db } from '@/db';
import { createUser, resetPassword, updateUser } from '@/db/services/users';
import { validatedAction } from '@/lib/action';

import { createUserSchema, resetPasswordSchema, updateUserSchema } from './schema';

export const createUserAction = validatedAction('manage', createUserSchema, async (data) => {
  const user = await createUser(db, data);
  revalidatePath('/admin/users');
  return { ok: true, message: `Created ${user.name} (${user.role}). They can sign in with ${user.email} now.` };
});

export const updateUserAction = validatedAction('manage', updateUserSchema, async (data) => {
  const { endedSessions } = await updateUser(db, data);
  revalidatePath('/admin/users');
  const ended = !endedSessions
    ? ''
    : data.active
      ? ' They are signed out everywhere and sign in again with the new role.'
      : ' They are signed out everywhere.';
  return { ok: true, message: `Saved ${data.name}: ${data.role}, ${data.active ? 'active' : 'deactivated'}.${ended}` };
});

export const resetPasswordAction = validatedAction('manage', resetPasswordSchema, async (data) => {
  await resetPassword(db, data);
  return {
    ok: true,
    message: 'Password reset; they are signed out everywhere. Tell the user their new password in person.',
  };
});
