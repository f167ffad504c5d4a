import { and, eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { ROLES, users } from '@/db/schema';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';
import { normaliseEmail } from '@/lib/login-throttle';
import { hashPassword, PASSWORD_MIN_LENGTH } from '@/lib/password';

const email = z.string().trim().email('Enter a valid email address.').max(255).transform(normaliseEmail);
const name = z.string().trim().min(2, 'Enter the person’s name.').max(255);
const password = z.string().min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters.`).max(200);
const role = z.enum(ROLES, 'Choose a role.');

export const createUserSchema = z.object({ email, name, role, password });
export const updateUserSchema = z.object({
  id: z.string().length(26),
  name,
  role,
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
export const resetPasswordSchema = z.object({ id: z.string().length(26), password });

export async function createUser(db: DbOrTx, input: z.input<typeof createUserSchema>) {
  const data = createUserSchema.parse(input);
  const id = ulid();
  try {
    await db.insert(users).values({ id, email: data.email, name: data.name, role: data.role, password: await hashPassword(data.password) });
  } catch (error) {
    if (isDuplicateKeyError(error, 'users_email_unique')) throw new DomainError('CONFLICT', `A user with the email ${data.email} already exists.`, 'email');
    throw error;
  }
  return { id, email: data.email, name: data.name, role: data.role };
}

/**
 * Changes name, role and active flag. Refuses to leave the organisation
 * without an active admin (the row lock serialises two admins demoting each other).
 */
export async function updateUser(db: DbOrTx, data: z.output<typeof updateUserSchema>) {
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, data.id)).for('update');
    if (!target) throw new DomainError('NOT_FOUND', 'That user no longer exists.');
    const admins = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true))).for('update');
    const losesAdmin = data.role !== 'admin' || !data.active;
    if (losesAdmin && admins.length === 1 && admins[0]!.id === data.id) {
      throw new DomainError('LAST_ADMIN', 'This is the last active admin: make someone else an admin first.', 'role');
    }
    await tx.update(users).set({ name: data.name, role: data.role, active: data.active }).where(eq(users.id, data.id));
  });
}

export async function resetPassword(db: DbOrTx, data: z.output<typeof resetPasswordSchema>) {
  const [result] = await db.update(users).set({ password: await hashPassword(data.password) }).where(eq(users.id, data.id));
  if (result.affectedRows === 0) throw new DomainError('NOT_FOUND', 'That user no longer exists.');
}
