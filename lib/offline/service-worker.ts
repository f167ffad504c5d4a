/**
 * The page's side of the service worker (app/sw.ts). Registered only in a production build: in
 * `npm run dev` every request must reach the dev server (no cached page hides a change).
 */

/** Where @serwist/turbopack's route serves the worker (app/serwist/[path]/route.ts). */
export const SERVICE_WORKER_URL = '/serwist/sw.js';

/** The pages the worker keeps for the signed-in user (the same list as app/sw.ts's OFFLINE_PAGES). */
export const OFFLINE_PAGES = ['/booth', '/follow-ups'] as const;

const enabled = () =>
  process.env.NODE_ENV === 'production' && typeof navigator !== 'undefined' && 'serviceWorker' in navigator;

/**
 * Registers the worker (once; the browser ignores a repeat) and, for a signed-in page
 * (`warm`), asks it to keep the offline pages it does not have yet or kept more than ten minutes ago.
 */
export async function registerServiceWorker({ warm }: { warm: boolean }): Promise<void> {
  if (!enabled()) return;
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/', type: 'module' });
  if (!warm || !navigator.onLine) return;
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({ type: 'WARM_PAGES' });
}

/** Drops the kept pages now (the worker also drops them itself at every sign-out it sees). */
export async function clearOfflinePages(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith('paridharan-pages-')).map((n) => caches.delete(n)));
}

/**
 * A sign-out is starting: the worker drops the kept pages (and forgets any page it is fetching),
 * and so does this page, in case no worker controls it.
 */
export async function forgetOfflinePages(): Promise<void> {
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator)
    navigator.serviceWorker.controller?.postMessage({ type: 'CLEAR_PAGES' });
  await clearOfflinePages();
}
