/**
 * Runs before every page, server action and route handler (not before the
 * build's static files). Each concern is one step that either answers the
 * request itself or lets it through; every response leaves with the
 * Content-Security-Policy of this request (`secured`).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/security-headers';

export function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy({ nonce: newNonce(), https: reachedOverHttps(request), dev: process.env.NODE_ENV === 'development' });
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

/** TLS here or at the reverse proxy in front (Caddy sets X-Forwarded-Proto). */
function reachedOverHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export const config = {
  // Everything but the build's immutable assets: pages, their RSC requests, server actions, /api/*.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
