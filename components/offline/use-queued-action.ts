'use client';

import { useState, useTransition } from 'react';

import { initialActionState, type ActionState } from '@/lib/action-state';
import { discardEntry, offlineDb } from '@/lib/offline/queue';
import { ulid } from '@/lib/ulid';

import { queueAndSend, type BoothKind } from './booth-send';

export const KEPT_ON_TABLET = 'Kept on this tablet; it will be sent when the connection is back.';

/**
 * useOnceAction's contract through the on-device queue: `run` keeps the entry (with its key and
 * the time it happened) and sends it. Saved: `onDone` runs and a fresh key is made; no answer: it
 * waits in the queue (`state.queued`); refused: the message shows here, where it is corrected,
 * and the entry leaves the queue (sending again reuses the key).
 */
export function useQueuedAction<T>(userId: string, kind: BoothKind, onDone: (state: ActionState<T>) => void) {
  const [key, setKey] = useState(() => ulid());
  const [state, setState] = useState<ActionState<T> & { queued?: boolean }>(initialActionState);
  const [isPending, startTransition] = useTransition();
  const run = (fields: Record<string, string>) => {
    const happenedAt = new Date().toISOString();
    startTransition(async () => {
      try {
        const entry = await queueAndSend({
          key,
          userId,
          kind,
          payload: { ...fields, idempotency_key: key, happened_at: happenedAt },
          happenedAt,
        });
        if (entry.state === 'saved') {
          const answer = entry.result;
          const done: ActionState<T> =
            typeof answer === 'string' ? { ok: true, message: answer } : { ok: true, data: answer as T };
          setState(done);
          setKey(ulid());
          onDone(done);
        } else if (entry.state === 'refused' || entry.state === 'conflict') {
          await discardEntry(offlineDb(), entry.key);
          setState({ ok: false, message: entry.reason ?? 'The server refused this.' });
        } else {
          setState({ ok: true, queued: true, message: KEPT_ON_TABLET });
          setKey(ulid());
        }
      } catch {
        setState({ ok: false, message: 'This tablet could not keep it; try again.' });
      }
    });
  };
  return { key, state, isPending, run };
}
