'use client';

import { useEffect } from 'react';

import { registerServiceWorker } from '@/lib/offline/service-worker';

/**
 * Registers the offline worker from the page it is mounted on (nothing is rendered). `warm`: the
 * page is a signed-in user's, so the booth and My follow-ups are fetched now to open offline later.
 */
export function ServiceWorker({ warm = false }: { warm?: boolean }) {
  useEffect(() => {
    registerServiceWorker({ warm }).catch((error: unknown) => {
      // The app works without it (only offline does not): say so in the console, nowhere else.
      console.warn('The offline service worker could not be registered.', error);
    });
  }, [warm]);
  return null;
}
