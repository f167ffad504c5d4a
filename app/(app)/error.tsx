'use client';

import { useEffect, useState } from 'react';

import { Button } from '@/components/ui/button';

/** Seconds between checks while the database is down (lib/db-health.ts RETRY_AFTER_SECONDS). */
const RECHECK_MS = 5000;

type Database = 'unknown' | 'up' | 'down';

/** Production hides a server error's message, so ask the server whether its database answers. */
async function databaseStatus(): Promise<Database> {
  try {
    const res = await fetch('/api/health', { cache: 'no-store' });
    return res.status === 503 ? 'down' : res.ok ? 'up' : 'unknown';
  } catch {
    return 'unknown'; // the network, not the database
  }
}

export default function AppError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const [database, setDatabase] = useState<Database>('unknown');

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let wasDown = false;
    const check = async () => {
      const status = await databaseStatus();
      if (stopped) return;
      setDatabase(status);
      // Back after an outage: load the page again by itself.
      if (status === 'up' && wasDown) return retry();
      if (status === 'down') {
        wasDown = true;
        timer = setTimeout(check, RECHECK_MS);
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [error, retry]);

  if (database === 'down') {
    return (
      <div role="alert" className="rounded-xl bg-amber-50 p-6 ring-1 ring-amber-200">
        <h1 className="text-xl font-semibold text-amber-900">The database is not answering</h1>
        <p className="mt-2 text-amber-900">
          The app cannot reach its database right now — it may be restarting. Everything saved before is kept. This page
          tries again by itself every {RECHECK_MS / 1000} seconds.
        </p>
        <Button className="mt-4" variant="secondary" onClick={retry}>
          Try again now
        </Button>
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-xl bg-red-50 p-6 ring-1 ring-red-200">
      <h1 className="text-xl font-semibold text-red-900">Something went wrong</h1>
      <p className="mt-2 text-red-800">
        Nothing you typed was lost on our side. Try again; if it keeps happening, tell an admin
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <Button className="mt-4" variant="secondary" onClick={retry}>
        Try again
      </Button>
    </div>
  );
}
