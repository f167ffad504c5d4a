'use client';

import { useState, useTransition } from 'react';

import { initialActionState, type ActionState } from '@/lib/action-state';
import { ulid } from '@/lib/ulid';

const OFFLINE = 'The connection dropped. Nothing is lost: try again — it will not be recorded twice.';

/**
 * Runs a form action exactly once per idempotency key, surviving a dropped
 * connection: the key is kept (and sent again) until the action succeeds, then
 * a fresh one is made for the next submit and `onDone` runs. `run` takes the
 * form's data or plain fields; `offline` is the message when no answer came.
 */
export function useOnceAction<T>(
  action: (prev: ActionState<T>, data: FormData) => Promise<ActionState<T>>,
  onDone: (state: ActionState<T>) => void,
  offline = OFFLINE,
) {
  const [key, setKey] = useState(() => ulid());
  const [state, setState] = useState<ActionState<T>>(initialActionState);
  const [isPending, startTransition] = useTransition();
  const run = (fields: FormData | Record<string, string>) => {
    const data = fields instanceof FormData ? fields : new FormData();
    if (!(fields instanceof FormData)) for (const [k, v] of Object.entries(fields)) data.set(k, v);
    data.set('idempotency_key', key);
    startTransition(async () => {
      try {
        const result = await action(initialActionState, data);
        setState(result);
        if (result.ok) {
          setKey(ulid());
          onDone(result);
        }
      } catch {
        setState({ ok: false, message: offline });
      }
    });
  };
  return { key, state, isPending, run };
}
