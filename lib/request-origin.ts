/**
 * The origin the browser actually used, for Auth.js's route handler. Next.js
 * builds a route handler's `request.url` from the address the server listens
 * on (`next start --hostname 0.0.0.0` gives `http://0.0.0.0:3000/…`), and
 * Auth.js builds its redirects and callback URLs from `request.url`, so a
 * tablet on the LAN was sent to `http://0.0.0.0:3000`. Its server actions
 * (signIn/signOut from lib/auth) already read the headers instead
 * (createActionURL); this makes the route handler agree with them:
 * X-Forwarded-Host, else Host, and X-Forwarded-Proto (Next.js sets all three when
 * no proxy did). The protocol also decides Auth.js's `useSecureCookies`, so
 * behind an HTTPS reverse proxy the cookies are `Secure` on both paths.
 */
import { NextRequest } from 'next/server';

// A host name, IPv4 or bracketed IPv6 literal, with an optional port: nothing that could smuggle a path or credentials.
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const first = (value: string | null) => value?.split(',')[0]?.trim().toLowerCase() || null;

/** `https://host:port` from the request's headers, or `fallback`'s origin when they say nothing usable. */
export function requestOrigin(headers: Headers, fallback: URL): string {
  const host =
    [first(headers.get('x-forwarded-host')), first(headers.get('host'))].find((h) => h !== null && HOST.test(h)) ??
    fallback.host;
  const proto = first(headers.get('x-forwarded-proto'));
  const protocol = proto === 'https' || proto === 'http' ? proto : fallback.protocol.replace(/:$/, '');
  return `${protocol}://${host}`;
}

/** The same request, addressed to the origin the browser used. */
export function withRequestOrigin(req: NextRequest): NextRequest {
  const origin = requestOrigin(req.headers, req.nextUrl);
  if (origin === req.nextUrl.origin) return req;
  return new NextRequest(new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, origin), req);
}
