import { and, eq, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { loginAttempts, users, type Role } from '@/db/schema';
import { audit } from '@/db/services/audit';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';
import { normaliseEmail } from '@/lib/login-throttle';
import { hashPassword, PASSWORD_MIN_LENGTH } from '@/lib/password';
import { ulid } from '@/lib/ulid';

/** A new user as the admin's form (app/(app)/admin/users/schema.ts) or the user:create script gives it. */
export type NewUser = { email: string; name: string; role: Role; password: string };
export type UserUpdate = { id: string; name: string; role: Role; active: boolean };
export type PasswordReset = { id: string; password: string };

export async function createUser(db: DbOrTx, input: NewUser) {
  // Emails are stored in the one form sign-in and its throttle compare; a script's input is held to the form's password rule.
  const data = { ...input, email: normaliseEmail(input.email), name: input.name.trim() };
  if (input.password.length < PASSWORD_MIN_LENGTH)
    throw new DomainError('INVALID', `At least ${PASSWORD_MIN_LENGTH} characters.`, 'password');
  const id = ulid();
  // Hashed before the transaction: the hash takes a while and needs no lock.
  const password = await hashPassword(data.password);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ id, email: data.email, name: data.name, role: data.role, password });
      // The audit image never holds the password or its hash.
      await audit(tx, {
        action: 'user.created',
        entity: 'user',
        entityId: id,
        after: { name: data.name, email: data.email, role: data.role, active: true },
      });
    });
  } catch (error) {
    if (isDuplicateKeyError(error, 'users_email_unique'))
      throw new DomainError('CONFLICT', `A user with the email ${data.email} already exists.`, 'email');
    throw error;
  }
  return { id, email: data.email, name: data.name, role: data.role };
}

/** Moves a user's session version: every session they hold ends at its next request (lib/session-check.ts). */
const nextSessionVersion = sql`${users.session_version} + 1`;

/**
 * Ends every session of a user (sign-out signs out on every device: a JWT
 * session has no server-side row to end one by one). With `fromVersion`, only
 * if the sessions still carry that version — a second sign-out of the same
 * session moves nothing.
 */
export async function endSessions(db: DbOrTx, userId: string, fromVersion?: number) {
  const where =
    fromVersion === undefined
      ? eq(users.id, userId)
      : and(eq(users.id, userId), eq(users.session_version, fromVersion));
  await db.update(users).set({ session_version: nextSessionVersion }).where(where);
}

/**
 * Changes name, role and active flag. Refuses to leave the organisation
 * without an active admin (the row lock serialises two admins demoting each other).
 * A role change or a deactivation ends the user's sessions in the same statement.
 * The audit row holds the fields that changed, before and after.
 */
export async function updateUser(db: DbOrTx, data: UserUpdate): Promise<{ endedSessions: boolean }> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, data.id))
      .for('update');
    if (!target) throw new DomainError('NOT_FOUND', 'That user no longer exists.');
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)))
      .for('update');
    const losesAdmin = data.role !== 'admin' || !data.active;
    if (losesAdmin && admins.length === 1 && admins[0]!.id === data.id) {
      throw new DomainError('LAST_ADMIN', 'This is the last active admin: make someone else an admin first.', 'role');
    }
    const endsSessions = target.role !== data.role || target.active !== data.active;
    await tx
      .update(users)
      .set({
        name: data.name,
        role: data.role,
        active: data.active,
        ...(endsSessions ? { session_version: nextSessionVersion } : {}),
      })
      .where(eq(users.id, data.id));
    const changed = (['name', 'role', 'active'] as const).filter((key) => target[key] !== data[key]);
    const image = (from: Omit<UserUpdate, 'id'>) => Object.fromEntries(changed.map((key) => [key, from[key]]));
    await audit(tx, {
      action: 'user.updated',
      entity: 'user',
      entityId: data.id,
      before: image(target),
      after: image(data),
    });
    return { endedSessions: endsSessions };
  });
}

/**
 * Sets a new password and ends the user's sessions in the same statement; it
 * also lifts a sign-in lock on their email (the lock message tells a locked-out
 * user to ask an admin for exactly this). The audit row records the fact, never
 * password material.
 */
export async function resetPassword(db: DbOrTx, data: PasswordReset) {
  const password = await hashPassword(data.password);
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ email: users.email }).from(users).where(eq(users.id, data.id)).for('update');
    if (!target) throw new DomainError('NOT_FOUND', 'That user no longer exists.');
    await tx.update(users).set({ password, session_version: nextSessionVersion }).where(eq(users.id, data.id));
    await tx.delete(loginAttempts).where(eq(loginAttempts.email, normaliseEmail(target.email)));
    await audit(tx, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: data.id,
      after: { sessions_ended: true },
    });
  });
}
