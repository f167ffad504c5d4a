/// <reference lib="webworker" />
/**
 * The service worker (bundled by app/serwist/[path]/route.ts, served at /serwist/sw.js, scope /).
 *
 * What it keeps on the device, and why:
 * - The app shell: every file of the build's `_next/static` and `public/` (precached, versioned by
 *   the build), and /offline, the page shown for any other page asked for without a network.
 * - The booth and My follow-ups, the last good copy of each. They are rendered per request for the
 *   signed-in user (with a CSP nonce in the HTML and in its header), so no build-time copy can
 *   exist: navigations to them go to the network first, and the page the server answered is kept
 *   (headers included, so the copy's nonce matches its policy) and served when the network is gone
 *   or too slow. Only pages of a signed-in user are kept (a redirect to /login never is), and the
 *   copies are dropped whenever a sign-out or a sign-in shows (any request for /login or
 *   /api/auth/signout, the header's "Sign out" asking for it, a page that redirects):
 *   every session on this device begins at /login, so what is kept always belongs to the person
 *   signed in now. Copies are also dropped with each new build (their scripts go with the old precache).
 * - Nothing else: API routes, CSV exports, server actions and every other page go to the network
 *   only, never into a cache.
 */
import {
  NetworkFirst,
  NetworkOnly,
  Serwist,
  type PrecacheEntry,
  type RuntimeCaching,
  type SerwistGlobalConfig,
  type SerwistPlugin,
} from 'serwist';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

/** The pages kept for the last signed-in user; the same list as OFFLINE_PAGES in lib/offline/pages.ts. */
const OFFLINE_PAGES = ['/booth', '/follow-ups'];
const OFFLINE_FALLBACK = '/offline';
const PAGES_PREFIX = 'paridharan-pages-';

/** A short hash of the precache manifest: it changes with every build, and so does the pages cache's name. */
function buildHash(entries: (PrecacheEntry | string)[]): string {
  const text = JSON.stringify(entries);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

const manifest = self.__SW_MANIFEST ?? [];
const PAGES_CACHE = `${PAGES_PREFIX}${buildHash(manifest)}`;

/** Bumped by every clear: a page fetched before a sign-out must not be stored after it. */
let generation = 0;

async function clearPages(): Promise<void> {
  generation++;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PAGES_PREFIX)).map((n) => caches.delete(n)));
}

const isOfflinePage = (url: URL) => OFFLINE_PAGES.includes(url.pathname);

/** A response that shows the session is gone: a redirect (to /login: the (app) layout's requireUser). */
const showsSignedOut = (response: Response) =>
  response.type === 'opaqueredirect' || (response.redirected && new URL(response.url).pathname === '/login');

/** Whether a page answer may be kept: a whole HTML page of a signed-in user, fetched since the last clear. */
function keepable(response: Response): boolean {
  return (
    response.status === 200 &&
    !response.redirected &&
    (response.headers.get('content-type') ?? '').startsWith('text/html')
  );
}

/** One copy per page, whatever its query (?location=…): offline, the last good booth is the booth. */
const cacheKeyOf = (request: Request | string) => new URL(typeof request === 'string' ? request : request.url).pathname;

const lastGoodCopy: SerwistPlugin = {
  requestWillFetch: ({ request, state }) => {
    if (state) state.generation = generation;
    return request;
  },
  cacheKeyWillBeUsed: ({ request }) => cacheKeyOf(request),
  fetchDidSucceed: async ({ response }) => {
    if (showsSignedOut(response)) await clearPages();
    return response;
  },
  cacheWillUpdate: ({ response, state }) => (keepable(response) && state?.generation === generation ? response : null),
};

const networkOnly = new NetworkOnly();

const runtimeCaching: RuntimeCaching[] = [
  // Never cached, never a fallback: API routes (CSV exports included) and the worker itself.
  {
    matcher: ({ url, sameOrigin }) =>
      sameOrigin && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/serwist/')),
    handler: new NetworkOnly(),
  },
  {
    matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === 'navigate' && isOfflinePage(url),
    handler: new NetworkFirst({
      cacheName: PAGES_CACHE,
      // Exhibition Wi-Fi that hangs is as good as none: after this long the last good copy opens.
      networkTimeoutSeconds: 6,
      plugins: [lastGoodCopy],
    }),
  },
  // Every other page: the network, or /offline when there is none (the fallback plugin Serwist adds).
  { matcher: ({ request }) => request.mode === 'navigate', handler: networkOnly },
];

const serwist = new Serwist({
  precacheEntries: manifest,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching,
  fallbacks: {
    entries: [{ url: OFFLINE_FALLBACK, matcher: ({ request }) => request.destination === 'document' }],
  },
});

/** A request that begins or ends a session on this device: the kept pages belong to nobody any more. */
function isSessionBoundary(request: Request, url: URL): boolean {
  if (url.origin !== self.location.origin) return false;
  return url.pathname === '/login' || url.pathname.startsWith('/api/auth/signout');
}

// Registered before Serwist's own listener, so a clear starts before the page is answered.
self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (isSessionBoundary(request, url)) {
    event.waitUntil(clearPages());
    return;
  }
  // Server actions (POST) are not touched: the page sends them itself, straight to the network. The
  // header's "Sign out" asks this worker to drop the kept pages before its action runs (CLEAR_PAGES).
});

/** A kept page older than this is fetched again when a signed-in page opens online (My follow-ups' due list). */
const FRESH_FOR_MS = 10 * 60_000;

/** Whether a kept copy is recent enough: its answer's Date header is within FRESH_FOR_MS. */
const isFresh = (kept: Response | undefined) => {
  const at = Date.parse(kept?.headers.get('date') ?? '');
  return Number.isFinite(at) && Date.now() - at < FRESH_FOR_MS;
};

/**
 * Keeps a fresh copy of each offline page the signed-in user can open (staleOnly: only those not
 * kept yet or kept more than ten minutes ago), so the follow-ups due today are the day's, offline.
 */
async function warmPages(staleOnly: boolean): Promise<void> {
  const started = generation;
  const cache = await caches.open(PAGES_CACHE);
  for (const path of OFFLINE_PAGES) {
    if (staleOnly && isFresh(await cache.match(path))) continue;
    try {
      const response = await fetch(path, { credentials: 'same-origin', redirect: 'follow' });
      if (showsSignedOut(response)) {
        await clearPages();
        return;
      }
      if (keepable(response) && started === generation) await cache.put(path, response);
    } catch {
      return; // No network: the next visit online fills them.
    }
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(PAGES_PREFIX) && n !== PAGES_CACHE).map((n) => caches.delete(n)),
      );
      await warmPages(false);
    })(),
  );
});

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'WARM_PAGES') event.waitUntil(warmPages(true));
  if (type === 'CLEAR_PAGES') event.waitUntil(clearPages());
});

serwist.addEventListeners();
