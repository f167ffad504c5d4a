/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['mysql2', '@node-rs/argon2'],
  poweredByHeader: false,
  // `npm run typecheck` (part of `npm test`) checks every file; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 for a role beyond its rights.
  experimental: { authInterrupts: true },
};

export default nextConfig;
