'use client';

// First: zod must know it runs without eval before the schemas below are built.
import '@/lib/zod-browser';

import { z } from 'zod';

import {
  cancelBookingAction,
  recordEntryAction,
  recordNoteAction,
  recordPaymentAction,
} from '@/app/(app)/booth/actions';
import { cancelSchema, noteSchema, paymentSchema, recordEntrySchema } from '@/app/(app)/booth/schema';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { FIX_FIELDS } from '@/lib/form-action';
import { sendResultOf } from '@/lib/offline/outcome';
import { enqueue, getEntry, offlineDb, replay, type QueuedEntry, type Send } from '@/lib/offline/queue';

/** The booth's kinds of entry, each sent by its own server action. */
export type BoothKind = 'talk' | 'booking' | 'payment' | 'cancel' | 'note';

/** An entry's payload as it waits: the form's fields as plain strings (absent = not sent). */
export type BoothPayload = Record<string, string | undefined>;

type FormAction = (prev: ActionState<never>, data: FormData) => Promise<ActionState<unknown>>;

const ACTIONS: Record<BoothKind, FormAction> = {
  talk: recordEntryAction as FormAction,
  booking: recordEntryAction as FormAction,
  payment: recordPaymentAction as FormAction,
  cancel: cancelBookingAction as FormAction,
  note: recordNoteAction as FormAction,
};

export const KIND_LABELS: Record<string, string> = {
  talk: 'Talk',
  booking: 'Talk and booking',
  payment: 'Payment',
  cancel: 'Cancellation',
  note: 'Note',
};

/** Sends one waiting entry with its action; a thrown error (no answer) leaves it waiting (queue.ts). */
export const sendBoothEntry: Send<BoothPayload> = async (payload, entry) => {
  const action = ACTIONS[entry.kind as BoothKind];
  if (!action) return { status: 'refused', reason: `This tablet does not know how to send a “${entry.kind}”.` };
  const data = new FormData();
  for (const [name, value] of Object.entries(payload)) if (value !== undefined) data.set(name, value);
  return sendResultOf(await action(initialActionState, data));
};

/** The server's own schemas, run on the tablet before an entry is kept: a typo is shown at once, not at sync. */
const SCHEMAS: Record<BoothKind, z.ZodType> = {
  talk: recordEntrySchema,
  booking: recordEntrySchema,
  payment: paymentSchema,
  cancel: cancelSchema,
  note: noteSchema,
};

/**
 * What the server will refuse whatever happens meanwhile (the form's own fields: a phone that is
 * not one, a missing stall or price), as the server words it; null when the entry reads well. The
 * server checks everything again when the entry arrives.
 */
export function refusedOnDevice(kind: BoothKind, payload: BoothPayload): ActionState | null {
  const parsed = SCHEMAS[kind].safeParse(payload);
  if (parsed.success) return null;
  return {
    ok: false,
    message: FIX_FIELDS,
    code: 'FIX_FIELDS',
    fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState['fieldErrors'],
  };
}

/**
 * Puts an entry in the user's queue and sends what waits at once; answers the entry as it stands
 * afterwards (saved, waiting — offline or not signed in —, refused or conflict).
 */
export async function queueAndSend(entry: {
  key: string;
  userId: string;
  kind: BoothKind;
  payload: BoothPayload;
  happenedAt: string;
}): Promise<QueuedEntry<BoothPayload>> {
  // A form the server would refuse as typed is not kept: it is answered as refused, for the form to show.
  const refused = refusedOnDevice(entry.kind, entry.payload);
  if (refused) {
    const now = Date.now();
    return {
      ...entry,
      seq: 0,
      state: 'refused',
      reason: refused.message ?? FIX_FIELDS,
      code: refused.code ?? null,
      fieldErrors: refused.fieldErrors ?? null,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      claimedAt: null,
      savedAt: null,
    };
  }
  const db = offlineDb();
  const queued = await enqueue(db, entry);
  if (typeof navigator === 'undefined' || navigator.onLine !== false) {
    try {
      await replay(db, entry.userId, sendBoothEntry);
    } catch (error) {
      console.warn('The offline queue could not be replayed.', error);
    }
  }
  return ((await getEntry(db, entry.key)) ?? queued) as QueuedEntry<BoothPayload>;
}
