/**
 * What an action's answer means for an entry of the queue (lib/offline/queue.ts SendResult): the
 * employee resolves a conflict, corrects a refusal, or the entry waits (a busy server, a session to
 * renew). One rule, here, for every kind of entry.
 */
import type { ActionState, RefusalCode } from '@/lib/action-state';

import type { SendResult } from './queue';

/** The world changed while the entry waited: the employee chooses (another stall, another company…). */
const CONFLICTS: ReadonlySet<string> = new Set<RefusalCode>([
  'STALL_TAKEN',
  'COMPANY_GONE',
  'PAYMENT_EXCEEDS_PRICE',
  'BOOKING_CANCELLED',
]);
/** Not now: the entry waits for the next run (SESSION_ENDED also asks for a sign-in). */
const RETRIES: ReadonlySet<string> = new Set<RefusalCode>(['SESSION_ENDED', 'BUSY']);

export function sendResultOf(state: ActionState): SendResult {
  if (state.ok) return { status: 'saved', result: state.data ?? state.message ?? null };
  const reason = state.message ?? 'The server refused this entry.';
  const code = state.code ?? null;
  if (code && RETRIES.has(code)) return { status: 'retry', reason, code };
  const detail = { reason, code, fieldErrors: state.fieldErrors ?? null };
  if (code && CONFLICTS.has(code)) return { status: 'conflict', ...detail };
  return { status: 'refused', ...detail };
}
