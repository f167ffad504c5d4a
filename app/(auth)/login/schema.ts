import { z } from 'zod';

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .email('Enter the email address you sign in with.')
    .max(255, 'That is longer than any email we hold.'),
  password: z.string().min(1, 'Enter your password.').max(200, 'That is longer than any password we accept.'),
});
