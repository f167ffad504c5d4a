'use server';

import type { z } from 'zod';

import { db } from '@/db';
import { listLocationStalls, lookupVisitor, openLeadFollowUp, searchExhibitors } from '@/db/queries/booth';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { recordEntry, recordManualNote } from '@/db/services/entries';
import { validatedAction, validatedCall } from '@/lib/action';
import { todayInIndia } from '@/lib/dates';
import { idField, searchTextField } from '@/lib/validation';

import {
  cancelSchema,
  lookupSchema,
  NOT_A_LOCATION,
  NOT_A_PHONE_YET,
  noteSchema,
  paymentSchema,
  recordEntrySchema,
} from './schema';

export const recordEntryAction = validatedAction('recordEntries', recordEntrySchema, async (data, user) => {
  // No revalidatePath: every page is rendered per request (nothing to purge), and revalidating
  // made each save's answer carry the whole re-rendered booth page to the tablet.
  const result = await recordEntry(db, user.id, await keepFollowUp(data));
  return { ok: true, data: result };
});

/**
 * A busy or interested talk that did not touch the follow-up keeps the open lead's planned one (the
 * service writes the talk's date, none included). A date already past cannot be kept: the service
 * refuses a follow-up before the talk, so an overdue one is cleared (the form says so).
 */
async function keepFollowUp(data: z.output<typeof recordEntrySchema>) {
  const { next_followup_date, next_followup_time, ...rest } = data;
  if (next_followup_date !== undefined || rest.outcome === 'materialised')
    return { ...rest, next_followup_date: next_followup_date ?? null, next_followup_time: next_followup_time ?? null };
  // The phone is E.164 here (the schema normalised it), as the open lead holds it.
  const planned = await openLeadFollowUp(db, rest.phone, rest.exhibitor_id);
  const keep = planned && planned.date >= todayInIndia(rest.at) ? planned : null;
  return {
    ...rest,
    next_followup_date: keep?.date ?? null,
    next_followup_time: next_followup_time ?? keep?.time?.slice(0, 5) ?? null,
  };
}

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
export const lookupVisitorAction = validatedCall(
  'recordEntries',
  lookupSchema,
  ({ phone, exhibitorId }) => lookupVisitor(db, phone, exhibitorId),
  NOT_A_PHONE_YET,
);

export const searchExhibitorsAction = validatedCall('recordEntries', searchTextField, (text) =>
  searchExhibitors(db, text),
);

/** The stalls of the location the employee switched to (the page rendered only its current one's). */
export const listLocationStallsAction = validatedCall(
  'recordEntries',
  idField,
  (locationId) => listLocationStalls(db, locationId),
  NOT_A_LOCATION,
);
