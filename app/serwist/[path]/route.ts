/**
 * Serves the service worker (/serwist/sw.js and its source map), bundled from app/sw.ts with the
 * build's precache manifest injected: @serwist/turbopack's route, since Turbopack takes no
 * webpack plugin. Prerendered at `next build` (force-static), so it needs no session and no database.
 */
import { randomUUID } from 'node:crypto';
import { createSerwistRoute } from '@serwist/turbopack';

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: 'app/sw.ts',
  // The native esbuild (a dev dependency); the WebAssembly one is not installed.
  useNativeEsbuild: true,
  // /offline is rendered per request (its scripts carry the CSP nonce): fetched once at install,
  // again with each build (a new revision).
  additionalPrecacheEntries: [{ url: '/offline', revision: randomUUID() }],
});
