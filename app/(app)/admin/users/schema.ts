import { z } from 'zod';

import { ROLES } from '@/db/schema';
import { normaliseEmail } from '@/lib/login-throttle';
import { PASSWORD_MIN_LENGTH } from '@/lib/password';
import { legacyIdField } from '@/lib/validation';

// Users copied from the old app keep its keys.
const userId = legacyIdField('Reload the page and try again.');
const email = z.string().trim().email('Enter a valid email address.').max(255).transform(normaliseEmail);
const name = z.string().trim().min(2, 'Enter the person’s name.').max(255);
const password = z.string().min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters.`).max(200);
const role = z.enum(ROLES, 'Choose a role.');

export const createUserSchema = z.object({ email, name, role, password });
export const updateUserSchema = z.object({
  id: userId,
  name,
  role,
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
export const resetPasswordSchema = z.object({ id: userId, password });
