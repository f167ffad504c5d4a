import type { MetadataRoute } from 'next';

/**
 * The installable app (/manifest.webmanifest, linked from every page by Next.js): it opens on the
 * booth, standalone, in the brand colour of the root layout's viewport. Static: no session needed.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/booth',
    name: 'Paridharan CRM',
    short_name: 'Paridharan',
    description: 'Booth talks, leads and stall bookings — keeps working when the exhibition Wi-Fi drops.',
    start_url: '/booth',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: '#ffffff',
    theme_color: '#174ca8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
