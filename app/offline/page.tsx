import type { Metadata } from 'next';
import { connection } from 'next/server';

import { ServiceWorker } from '@/components/offline/service-worker';
import { buttonClass } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Offline' };

/**
 * What the service worker shows for a page asked for without a network when it keeps no copy of
 * it (app/sw.ts precaches this page). Needs no session. Rendered per request like every page, so
 * its scripts carry the CSP nonce; the worker keeps the copy it fetched at install.
 */
export default async function OfflinePage() {
  await connection();
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-xl flex-col items-start justify-center gap-4 p-6">
      <ServiceWorker />
      <p className="text-sm font-semibold text-slate-600">No connection</p>
      <h1 className="text-2xl font-semibold">This page is not kept on this device</h1>
      <p className="text-slate-600">
        The booth and My follow-ups open without a network once they have been opened online after signing in. Other
        pages need the network: try again when the connection is back.
      </p>
      <nav aria-label="Pages that open offline" className="flex flex-wrap gap-3">
        {/* Plain links (full page loads, not the router's fetches): the worker answers them from its copies. */}
        <a href="/booth" className={buttonClass('primary')}>
          Open the booth
        </a>
        <a href="/follow-ups" className={buttonClass('secondary')}>
          My follow-ups
        </a>
      </nav>
    </main>
  );
}
