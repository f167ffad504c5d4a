'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { lookupVisitor, searchExhibitors, type VisitorLookup } from '@/db/queries/booth';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { recordEntry, recordManualNote } from '@/db/services/entries';
import { z } from 'zod';
import { authorizedUser, parseArgs, validatedAction } from '@/lib/action';
import { ULID_RE } from '@/lib/validation';
import { normalisePhone } from '@/lib/phone';
import { cancelSchema, noteSchema, paymentSchema, recordEntrySchema } from './schema';

export const recordEntryAction = validatedAction('recordEntries', recordEntrySchema, async (data, user) => {
  const result = await recordEntry(db, user.id, data);
  revalidatePath('/follow-ups');
  return { ok: true, data: result };
});

export const recordPaymentAction = validatedAction('recordEntries', paymentSchema, async (data, user) => {
  const result = await recordPayment(db, user.id, data);
  return { ok: true, data: result };
});

export const cancelBookingAction = validatedAction('recordEntries', cancelSchema, async (data, user) => {
  await cancelBooking(db, { id: user.id, role: user.role }, data);
  return { ok: true, message: 'Booking cancelled; the stall is free again for that date.' };
});

export const recordNoteAction = validatedAction('recordEntries', noteSchema, async (data, user) => {
  await recordManualNote(db, user.id, data);
  return { ok: true, message: 'Note added to the company’s timeline.' };
});

const lookupArgs = z.tuple([z.string().max(64), z.string().regex(ULID_RE).nullable().catch(null)]);

/** The visitor panel for a typed phone and the chosen company. */
export async function lookupVisitorAction(rawPhone: string, exhibitorId: string | null): Promise<{ ok: true; lookup: VisitorLookup } | { ok: false; message: string }> {
  if (!(await authorizedUser('recordEntries'))) return { ok: false, message: 'Your session has ended. Sign in again.' };
  const args = parseArgs(lookupArgs, [rawPhone, exhibitorId]);
  if (!args) return { ok: false, message: 'Not a valid phone number yet.' };
  const phone = normalisePhone(args[0]);
  if (!phone) return { ok: false, message: 'Not a valid phone number yet.' };
  return { ok: true, lookup: await lookupVisitor(db, phone, args[1]) };
}

export async function searchExhibitorsAction(q: string) {
  if (!(await authorizedUser('recordEntries'))) return [];
  const text = parseArgs(z.string().transform((v) => v.slice(0, 100)), q);
  return text === null ? [] : searchExhibitors(db, text);
}
