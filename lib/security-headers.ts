/**
 * The Content-Security-Policy of every page, server action and route handler
 * (set by proxy.ts with a fresh nonce per request; Next.js reads the nonce from
 * the request's policy and puts it on its own scripts). The headers that never
 * change per request are in next.config.mjs.
 */

/** 128 random bits, base64: a new one for every request, or it protects nothing. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only with this response's nonce (and what those scripts load:
 * 'strict-dynamic'), so injected markup cannot run code. Styles allow inline
 * attributes: React's style props and the charts' SVG render them into the HTML,
 * and a nonce in style-src would switch 'unsafe-inline' off. `https` (the request
 * reached us over TLS, directly or through the reverse proxy) adds
 * upgrade-insecure-requests, which over plain HTTP on the exhibition LAN would
 * break every asset. `dev` adds the eval React's dev build needs.
 */
export function contentSecurityPolicy({ nonce, https, dev }: { nonce: string; https: boolean; dev: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
