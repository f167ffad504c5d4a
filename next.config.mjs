import { withSerwist } from '@serwist/turbopack';

/**
 * Headers every response carries, static files included. The Content-Security-Policy
 * needs a nonce per request, so proxy.ts sets it (lib/security-headers.ts).
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  // Nothing the app does not use; the camera stays for scanning visitors' badges at the booth.
  {
    key: 'Permissions-Policy',
    value:
      'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), accelerometer=(), gyroscope=(), magnetometer=()',
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['mysql2', '@node-rs/argon2'],
  poweredByHeader: false,
  // `npm run typecheck` (part of `npm test`) checks every file; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 for a role beyond its rights.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

// Serwist's esbuild stays outside the server bundle: it bundles the service worker (app/serwist/[path]/route.ts).
export default withSerwist(nextConfig);
