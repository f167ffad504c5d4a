import NextAuth, { CredentialsSignin } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import Credentials from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
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

/** The secrets Auth.js signs with when none is configured: AUTH_SECRET, and AUTH_SECRET_1..3 (newest first) while rotating. */
function authSecrets(): string[] {
  const e = process.env;
  return [e.AUTH_SECRET_3, e.AUTH_SECRET_2, e.AUTH_SECRET_1, e.AUTH_SECRET].filter((s): s is string => !!s);
}

/**
 * The session's claims for a page, layout or action: what `auth()` gives, read
 * straight from the session cookie. `auth()` in a server component runs Auth.js's
 * whole session endpoint per request — decrypt the JWT, then encrypt a renewed one
 * into a Set-Cookie that a server component cannot send — about a tenth of a small
 * page's CPU at 10 users. Same cookie (its `__Secure-` name when the request came
 * over https, as Auth.js decides it; chunked cookies joined), same secrets, same
 * decryption and expiry check; null when there is no valid session.
 */
export async function readSession(): Promise<{ id: string; sessionVersion: number } | null> {
  const h = await headers();
  const authUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  const protocol = authUrl ? new URL(authUrl).protocol : (h.get('x-forwarded-proto') ?? 'https');
  const secureCookie = protocol.replace(/:$/, '') === 'https';
  const token = await getToken({
    // The cookie only: a bearer token in an Authorization header is not a session here.
    req: { headers: { cookie: h.get('cookie') ?? '' } },
    secret: authSecrets(),
    secureCookie,
    cookieName: `${secureCookie ? '__Secure-' : ''}authjs.session-token`,
  });
  if (!token?.sub) return null;
  // As the session callback above: a token without a version gets -1, which no user has.
  return { id: token.sub, sessionVersion: typeof token.sv === 'number' ? token.sv : -1 };
}
