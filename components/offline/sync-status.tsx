'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

import { Button } from '@/components/ui/button';
import { offlineDb, replay, watchQueue, type QueueSnapshot, type Send } from '@/lib/offline/queue';

import { ServiceWorker } from './service-worker';

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Online or not, as the browser says (the server render assumes online). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/** The signed-in user's queue, live (any tab's change shows); null until IndexedDB answered. */
export function useQueue(userId: string): QueueSnapshot | null {
  const [snapshot, setSnapshot] = useState<QueueSnapshot | null>(null);
  useEffect(() => {
    const subscription = watchQueue(offlineDb(), userId).subscribe({
      next: setSnapshot,
      error: (error: unknown) => console.warn('The offline queue cannot be read.', error),
    });
    return () => subscription.unsubscribe();
  }, [userId]);
  return snapshot;
}

const timeFormat = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * The sync state in sight: online or offline, how many entries wait, when the last one was
 * saved, and "Sync now". Mounting it also registers the offline worker and keeps the booth and
 * My follow-ups on the device for this user. `send` is the booth's one function that sends an
 * entry's payload (lib/offline/queue.ts Send).
 */
export function SyncStatus<P>({ userId, send }: { userId: string; send: Send<P> }) {
  const online = useOnline();
  const queue = useQueue(userId);
  const [syncing, setSyncing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const syncNow = useCallback(async () => {
    setSyncing(true);
    setMessage(null);
    try {
      const report = await replay(offlineDb(), userId, send);
      if (report.stopped)
        setMessage(
          report.stopped.reason === 'network'
            ? 'No connection to the server; the entries wait on this device.'
            : report.stopped.message,
        );
      else if (report.refused + report.conflict > 0)
        setMessage(`${report.refused + report.conflict} entries need your attention.`);
      else setMessage(report.saved > 0 ? `${report.saved} saved.` : 'Nothing was waiting.');
    } catch (error) {
      setMessage(error instanceof Error ? error.message : 'The sync failed.');
    } finally {
      setSyncing(false);
    }
  }, [userId, send]);

  const waiting = queue?.waiting ?? 0;
  const synced = queue?.lastSyncedAt;
  return (
    <section aria-label="Sync" className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 p-3">
      <ServiceWorker warm />
      <p aria-live="polite" className="flex flex-wrap gap-x-3 text-sm" data-testid="sync-status">
        <span className={online ? 'font-medium text-emerald-800' : 'font-medium text-amber-800'}>
          {online ? 'Online' : 'Offline'}
        </span>
        <span>{queue === null ? 'Reading this device…' : `${waiting} waiting`}</span>
        <span>
          Last sync:{' '}
          {synced ? <time dateTime={new Date(synced).toISOString()}>{timeFormat.format(synced)}</time> : 'never'}
        </span>
        {message ? <span>{message}</span> : null}
      </p>
      <Button variant="secondary" onClick={syncNow} disabled={syncing || !online}>
        {syncing ? 'Syncing…' : 'Sync now'}
      </Button>
    </section>
  );
}
