'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { lookupVisitor, searchExhibitors, type VisitorLookup } from '@/db/queries/booth';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { recordEntry, recordManualNote } from '@/db/services/entries';
import { authorizedUser, validatedAction } from '@/lib/action';
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

/** The visitor panel for a typed phone and the chosen company. */
export async function lookupVisitorAction(rawPhone: string, exhibitorId: string | null): Promise<{ ok: true; lookup: VisitorLookup } | { ok: false; message: string }> {
  if (!(await authorizedUser('recordEntries'))) return { ok: false, message: 'Your session has ended. Sign in again.' };
  const phone = normalisePhone(rawPhone);
  if (!phone) return { ok: false, message: 'Not a valid phone number yet.' };
  return { ok: true, lookup: await lookupVisitor(db, phone, exhibitorId && /^[0-9A-Z]{26}$/.test(exhibitorId) ? exhibitorId : null) };
}

export async function searchExhibitorsAction(q: string) {
  if (!(await authorizedUser('recordEntries'))) return [];
  return searchExhibitors(db, q.slice(0, 100));
}
