/**
 * Runs before every page, server action and route handler (not before the
 * build's static files). Each concern is one step that either answers the
 * request itself or lets it through; every response leaves with the
 * Content-Security-Policy of this request (`secured`).
 */
import { NextResponse, type NextRequest } from 'next/server';

import { isDatabaseUp, serviceUnavailable } from '@/lib/db-health';
import { contentSecurityPolicy, newNonce } from '@/lib/security-headers';

export async function proxy(request: NextRequest) {
  // While the database is down or restarting: a clear 503 page at once, with its own strict policy (lib/db-health.ts).
  if (!(await isDatabaseUp())) return serviceUnavailable();
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    https: reachedOverHttps(request),
    dev: process.env.NODE_ENV === 'development',
  });
  const refused = refuseBody(request);
  if (refused) return secured(refused, csp);
  // Next.js takes the nonce for its scripts from the request's policy header.
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  return secured(NextResponse.next({ request: { headers } }), csp);
}

/** A response with this request's policy: use it for any response a step answers with itself. */
function secured(response: NextResponse, csp: string): NextResponse {
  response.headers.set('content-security-policy', csp);
  return response;
}

/** The most a form, an upload chunk or an API call sends (Next.js refuses server-action bodies above 1 MB with a fault). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A request body the app will not read, answered plainly before Next.js would
 * fail on it: a body above MAX_BODY_BYTES (413), or a server-action or API
 * body of unknown length (411 — browsers always send Content-Length for forms).
 */
function refuseBody(request: NextRequest): NextResponse | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  const length = request.headers.get('content-length');
  const plain = (status: number, message: string) =>
    new NextResponse(message, {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  if (length === null) {
    const chunked = request.headers.get('transfer-encoding')?.toLowerCase().includes('chunked');
    return chunked ? plain(411, 'Send the form with its length (Content-Length); nothing was saved.') : null;
  }
  if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) {
    return plain(
      413,
      `This request is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MB a form may send; nothing was saved. Shorten the notes or split the upload.`,
    );
  }
  return null;
}

/** TLS here or at the reverse proxy in front (Caddy sets X-Forwarded-Proto). */
function reachedOverHttps(request: NextRequest): boolean {
  return (
    request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  );
}

export const config = {
  // Everything but the build's immutable assets: pages, their RSC requests, server actions, /api/*.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
