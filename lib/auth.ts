import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';

import { db } from '@/db';
import type { Role } from '@/db/schema/users';
import { endSessions } from '@/db/services/users';
import { checkCredentials, clientAddress } from '@/lib/credentials';

/**
 * Sign-in refused by the throttle; `code` carries the scope and the minutes
 * left to the login form: `locked:<minutes>` for the email, `locked-address:<minutes>` for the client address.
 */
export class LockedSignin extends CredentialsSignin {
  constructor(scope: 'email' | 'address', minutesLeft: number) {
    super();
    this.code = `${scope === 'email' ? 'locked' : 'locked-address'}:${minutesLeft}`;
  }
}

const credentialsSchema = z.object({ email: z.string().email().max(255), password: z.string().min(1).max(200) });

declare module 'next-auth' {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; sessionVersion: number };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Self-hosted behind whatever proxy the organiser runs; the host header is trusted.
  // The route handler (app/api/auth/[...nextauth]/route.ts) rebuilds its URL from it too.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await checkCredentials(db, { ...parsed.data, address: clientAddress(request.headers) });
        if (result.ok) return result.user;
        if (result.reason === 'locked') throw new LockedSignin(result.scope, result.minutesLeft);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        // The version the session was issued with; lib/session-check.ts refuses it once the user's moves on.
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.role = token.role as Role;
      // A token from before versions existed gets -1, which no user has (versions start at 0 and only go up).
      session.user.sessionVersion = typeof token.sv === 'number' ? token.sv : -1;
      return session;
    },
  },
  events: {
    // Auth.js's own sign-out endpoint ends the sessions too (the app's sign-out button does it before calling signOut).
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (token?.sub && typeof token.sv === 'number') await endSessions(db, token.sub, token.sv);
    },
  },
});
