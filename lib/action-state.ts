import type { DomainErrorCode } from '@/lib/errors';

/**
 * Why an action refused, for a caller that acts on it rather than only showing the message (the
 * booth's offline queue: a session to renew, a conflict to resolve, input to correct).
 * SESSION_ENDED: no signed-in user; FIX_FIELDS: the input failed validation.
 */
export type RefusalCode = DomainErrorCode | 'SESSION_ENDED' | 'FIX_FIELDS' | 'UNREADABLE';

/** What every action returns: forms read it through useActionState, other callers (lookups, upload chunks) await it. */
export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  /** Set on every refusal. */
  code?: RefusalCode;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed back so a refused form keeps its input (never passwords). */
  values?: Record<string, string>;
  /** What the write produced, for a confirmation. */
  data?: T;
};

/** The same state from an action called with plain arguments: a success always carries its data, a refusal its message. */
export type DataState<T> = ActionState<T> & ({ ok: true; data: T } | { ok: false; message: string });

export const initialActionState: ActionState<never> = { ok: false };
