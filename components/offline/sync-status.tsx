'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

import { inputClass } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import {
  discardEntry,
  offlineDb,
  replay,
  retryEntry,
  startAutoReplay,
  watchQueue,
  type QueuedEntry,
  type QueueSnapshot,
  type ReplayReport,
} from '@/lib/offline/queue';

import { KIND_LABELS, sendBoothEntry, type BoothPayload } from './booth-send';

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

const STATE_LABELS: Record<QueuedEntry['state'], string> = {
  waiting: 'Waiting',
  sending: 'Sending',
  saved: 'Saved',
  refused: 'Refused',
  conflict: 'Conflict',
};

function summaryOf(report: ReplayReport): string {
  if (report.stopped)
    return report.stopped.reason === 'network'
      ? 'No connection to the server; the entries wait on this device.'
      : report.stopped.message;
  if (report.refused + report.conflict > 0) return `${report.refused + report.conflict} entries need your attention.`;
  return report.saved > 0 ? `${report.saved} saved.` : 'Nothing was waiting.';
}

/** What an entry is about, in a few words (its phone, stall, amount). */
function describe(entry: QueuedEntry<BoothPayload>): string {
  const p = entry.payload;
  const parts = [KIND_LABELS[entry.kind] ?? entry.kind];
  if (p.phone) parts.push(p.phone);
  if (p.outcome) parts.push(p.outcome);
  if (p.amount) parts.push(`₹${p.amount}`);
  parts.push(timeFormat.format(new Date(entry.happenedAt)));
  return parts.join(' · ');
}

type Stall = { id: number; name: string };

/**
 * The fix of one refused or conflicting entry: the fields it needs changed, then "Send again"
 * (it is checked by the server again), or "Discard" after a confirm.
 */
function FixEntry({
  entry,
  stalls,
  exhibitor,
}: {
  entry: QueuedEntry<BoothPayload>;
  stalls: Stall[];
  exhibitor: { id: string; name: string } | null;
}) {
  const [payload, setPayload] = useState<BoothPayload>(entry.payload);
  const [confirming, setConfirming] = useState(false);
  const set = (patch: BoothPayload) => setPayload((p) => ({ ...p, ...patch }));
  const id = (name: string) => `fix-${entry.key}-${name}`;
  const isBooking = entry.kind === 'booking';
  const fields = Object.keys(entry.fieldErrors ?? {}).filter(
    (f) => !['booking_table_id', 'booking_date', 'amount_paid', 'amount', 'exhibitor_id'].includes(f) && f in payload,
  );
  const send = (next: BoothPayload, kind?: string) => {
    void retryEntry(offlineDb(), entry.key, next, Date.now(), kind).then(() =>
      replay(offlineDb(), entry.userId, sendBoothEntry),
    );
  };
  return (
    <div className="mt-2 space-y-2">
      {isBooking && (entry.code === 'STALL_TAKEN' || entry.fieldErrors?.booking_table_id) ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor={id('stall')} className="block text-sm font-medium">
              Another stall
            </label>
            <select
              id={id('stall')}
              className={inputClass}
              value={payload.booking_table_id ?? ''}
              onChange={(e) => set({ booking_table_id: e.target.value })}
            >
              <option value="">Choose the stall…</option>
              {stalls.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor={id('date')} className="block text-sm font-medium">
              Or another day
            </label>
            <input
              id={id('date')}
              type="date"
              className={inputClass}
              value={payload.booking_date ?? ''}
              onChange={(e) => set({ booking_date: e.target.value })}
            />
          </div>
        </div>
      ) : null}
      {entry.code === 'PAYMENT_EXCEEDS_PRICE' || entry.fieldErrors?.amount || entry.fieldErrors?.amount_paid ? (
        <div className="space-y-1">
          <label htmlFor={id('amount')} className="block text-sm font-medium">
            Amount (₹)
          </label>
          <input
            id={id('amount')}
            inputMode="decimal"
            className={inputClass}
            value={(entry.kind === 'payment' ? payload.amount : payload.amount_paid) ?? ''}
            onChange={(e) =>
              set(entry.kind === 'payment' ? { amount: e.target.value } : { amount_paid: e.target.value })
            }
          />
        </div>
      ) : null}
      {entry.code === 'COMPANY_GONE' || entry.fieldErrors?.exhibitor_id ? (
        <p className="text-sm">
          {exhibitor
            ? `Send it again for the company chosen on the booth now: ${exhibitor.name}.`
            : 'Choose another company on the booth form first, then send it again for it.'}
        </p>
      ) : null}
      {fields.map((name) => (
        <div key={name} className="space-y-1">
          <label htmlFor={id(name)} className="block text-sm font-medium">
            {name.replace(/_/g, ' ')}
          </label>
          <input
            id={id(name)}
            className={inputClass}
            value={payload[name] ?? ''}
            onChange={(e) => set({ [name]: e.target.value })}
          />
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            send(
              entry.code === 'COMPANY_GONE' || entry.fieldErrors?.exhibitor_id
                ? { ...payload, exhibitor_id: exhibitor?.id ?? payload.exhibitor_id }
                : payload,
            )
          }
        >
          Send again
        </Button>
        {isBooking ? (
          <Button
            variant="secondary"
            onClick={() => {
              // Kept as a warm lead: the booking's fields go, the talk stays.
              const talk: BoothPayload = { ...payload, outcome: 'interested' };
              for (const name of ['booking_date', 'booking_table_id', 'price', 'amount_paid']) delete talk[name];
              send(talk, 'talk');
            }}
          >
            Keep as an interested lead
          </Button>
        ) : null}
        {confirming ? (
          <>
            <Button variant="danger" onClick={() => void discardEntry(offlineDb(), entry.key)}>
              Yes, discard it
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            Discard…
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * The sync state in sight: online or offline, how many entries wait, when the last one was
 * saved, "Sync now", and each entry of this user with its state; a refused or conflicting one
 * can be fixed and sent again, or discarded. Mounting it also replays the queue on opening, on
 * reconnect and when the tab is shown again (startAutoReplay).
 */
export function SyncStatus({
  userId,
  stalls = [],
  exhibitor = null,
}: {
  userId: string;
  /** The stalls of the booth's location, for choosing another stall in a conflict. */
  stalls?: Stall[];
  /** The company chosen on the booth now, for an entry whose company is gone. */
  exhibitor?: { id: string; name: string } | null;
}) {
  const online = useOnline();
  const queue = useQueue(userId);
  const [syncing, setSyncing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => startAutoReplay(offlineDb(), userId, sendBoothEntry), [userId]);

  const syncNow = useCallback(async () => {
    setSyncing(true);
    setMessage(null);
    try {
      setMessage(summaryOf(await replay(offlineDb(), userId, sendBoothEntry)));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : 'The sync failed.');
    } finally {
      setSyncing(false);
    }
  }, [userId]);

  const waiting = queue?.waiting ?? 0;
  const synced = queue?.lastSyncedAt;
  const entries = (queue?.entries ?? []) as QueuedEntry<BoothPayload>[];
  const sessionEnded = entries.some((e) => e.state === 'waiting' && e.code === 'SESSION_ENDED');
  const todo = entries.filter((e) => e.state === 'refused' || e.state === 'conflict').length;
  return (
    <section aria-label="Sync" className="mb-3 space-y-2 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <p aria-live="polite" className="flex flex-1 flex-wrap gap-x-3 text-sm" data-testid="sync-status">
          <span className={online ? 'font-medium text-emerald-800' : 'font-medium text-amber-900'}>
            {online ? 'Online' : 'Offline'}
          </span>
          <span data-testid="sync-waiting">{queue === null ? 'Reading this device…' : `${waiting} waiting`}</span>
          {todo ? <span className="font-medium text-red-800">{todo} to fix</span> : null}
          <span>
            Last sync:{' '}
            {synced ? <time dateTime={new Date(synced).toISOString()}>{timeFormat.format(synced)}</time> : 'never'}
          </span>
          {message ? <span>{message}</span> : null}
        </p>
        <Button variant="secondary" onClick={syncNow} disabled={syncing || !online}>
          {syncing ? 'Syncing…' : 'Sync now'}
        </Button>
      </div>
      {sessionEnded ? (
        <p role="alert" className="font-medium text-red-800">
          <a className="underline" href={`/login?callbackUrl=${encodeURIComponent('/booth')}`}>
            Sign in again to send {waiting} waiting {waiting === 1 ? 'entry' : 'entries'}
          </a>
        </p>
      ) : null}
      {entries.length ? (
        <details open={todo > 0 || waiting > 0}>
          <summary className="cursor-pointer text-sm font-medium">Entries on this tablet ({entries.length})</summary>
          <ul aria-label="Entries on this tablet" className="mt-2 space-y-2">
            {entries.map((entry) => (
              <li key={entry.key} className="rounded-md p-2 text-sm ring-1 ring-slate-200" data-state={entry.state}>
                <span className="font-medium">{STATE_LABELS[entry.state]}</span> · {describe(entry)}
                {entry.reason && entry.state !== 'saved' ? (
                  <span className={entry.state === 'waiting' ? 'block text-slate-700' : 'block text-red-800'}>
                    {entry.reason}
                  </span>
                ) : null}
                {entry.state === 'refused' || entry.state === 'conflict' ? (
                  <FixEntry entry={entry} stalls={stalls} exhibitor={exhibitor} />
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
