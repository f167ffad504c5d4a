import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/db';
import { getUserForSignIn } from '@/db/queries/users';
import type { Role } from '@/db/schema/users';
import { clearFailures, getLockState, normaliseEmail, recordFailure } from '@/lib/login-throttle';
import { hashPassword, verifyPassword } from '@/lib/password';

/** Sign-in refused because the email is locked; `code` carries the minutes left to the login form. */
export class LockedSignin extends CredentialsSignin {
  constructor(minutesLeft: number) {
    super();
    this.code = `locked:${minutesLeft}`;
  }
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0'));

const credentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1) });

declare module 'next-auth' {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Self-hosted behind whatever proxy the organiser runs; the host header is trusted.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const email = normaliseEmail(parsed.data.email);

        const lock = await getLockState(db, email);
        if (lock.locked) throw new LockedSignin(lock.minutesLeft);

        const user = await getUserForSignIn(db, email);
        // An unknown email costs a hash check too, so timing does not tell which emails exist.
        const passwordOk = await verifyPassword(user?.password ?? (await dummyHash()), parsed.data.password);
        const ok = user !== undefined && user.active && passwordOk;
        if (!ok) {
          const after = await recordFailure(db, email);
          if (after.locked) throw new LockedSignin(after.minutesLeft);
          return null;
        }
        await clearFailures(db, email);
        return { id: user.id, name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.role = token.role as Role;
      return session;
    },
  },
});
