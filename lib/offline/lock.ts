/**
 * One holder at a time per name, across every tab of this browser: the Web Locks API
 * (navigator.locks). Where it is missing (older browsers, Node in tests) a queue in this page
 * stands in; across tabs the queue's atomic claim (queue.ts) then keeps an entry from going out twice.
 */

const localTails = new Map<string, Promise<unknown>>();

/** Whether the browser's cross-tab locks are there (the queue trusts a stuck "sending" entry to be stale only then). */
export const hasWebLocks = (): boolean =>
  typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';

/** Runs `task` holding the lock `name`; a second caller waits for the first to finish. */
export async function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (hasWebLocks()) return navigator.locks.request(name, { mode: 'exclusive' }, task) as Promise<T>;
  const previous = localTails.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  localTails.set(name, tail);
  try {
    return await run;
  } finally {
    if (localTails.get(name) === tail) localTails.delete(name);
  }
}
