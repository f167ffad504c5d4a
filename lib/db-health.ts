/**
 * Is the database there? The proxy (proxy.ts) asks before every page, action
 * and API request, so that while the database is down or restarting a
 * request gets a clear 503 page at once — not a stack trace, not a 500, not a
 * hang — and the app recovers by itself when it is back. A render error
 * cannot set a status in Next.js; the proxy can.
 */
import mysql from 'mysql2/promise';

import { databaseUrl } from '@/lib/env';

export type HealthCheck = {
  /** True when the database answered `SELECT 1` within the last `everyMs` (at most one check at a time). */
  isUp(): Promise<boolean>;
};

/**
 * A cached availability check of the database at `url`: a fresh connection
 * and `SELECT 1`, at most once per `everyMs`, given up after `timeoutMs`.
 * A fresh connection each time: a pooled one may be a socket the restart cut.
 * A stopped server refuses the connection at once; the timeout is for a hung
 * one, and long enough that a merely busy machine is not taken for down.
 */
export function createHealthCheck(url: string, opts: { everyMs?: number; timeoutMs?: number } = {}): HealthCheck {
  const everyMs = opts.everyMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 3000;
  let last = { up: true, at: -Infinity };
  let pending: Promise<boolean> | undefined;

  async function ping(): Promise<boolean> {
    let conn: mysql.Connection | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const answer = (async () => {
      conn = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs });
      await conn.query('SELECT 1');
      return true as const;
    })().catch(() => false as const);
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
      // destroy, not end: a hung server would never answer the QUIT.
      answer.then(() => conn?.destroy());
    }
  }

  return {
    isUp() {
      if (performance.now() - last.at < everyMs) return Promise.resolve(last.up);
      pending ??= ping().then((up) => {
        last = { up, at: performance.now() };
        pending = undefined;
        return up;
      });
      return pending;
    },
  };
}

// One check per process, whoever asks (the proxy and route handlers may be separate bundles).
const globalForHealth = globalThis as unknown as { paridharanDbHealth?: HealthCheck };

/** The app database's availability, cached for a second (see createHealthCheck). */
export function isDatabaseUp(): Promise<boolean> {
  globalForHealth.paridharanDbHealth ??= createHealthCheck(databaseUrl());
  return globalForHealth.paridharanDbHealth.isUp();
}

/** Seconds the 503 page asks the browser (and any client) to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Database unavailable · Paridharan CRM</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:36rem;margin:12vh auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 0 0 1px #fecaca}
h1{margin:0 0 .5rem;font-size:1.25rem;color:#7f1d1d}
p{margin:.5rem 0}
</style>
</head>
<body>
<main role="alert">
<h1>The database is not answering</h1>
<p>Paridharan CRM cannot reach its database right now — it may be restarting. Everything saved before is kept.</p>
<p>This page tries again by itself every ${RETRY_AFTER_SECONDS} seconds. If it stays like this for more than a few minutes, tell an admin.</p>
</main>
</body>
</html>
`;

/**
 * The answer while the database is down: 503 with Retry-After, a small
 * self-contained page (no scripts; its own strict CSP) that reloads itself.
 */
export function serviceUnavailable(): Response {
  return new Response(PAGE, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
