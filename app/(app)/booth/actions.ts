'use server';

import { db } from '@/db';
import { getBoothDeviceCopy, listLocationStalls, lookupVisitor, searchExhibitors } from '@/db/queries/booth';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { recordEntry, recordManualNote } from '@/db/services/entries';
import { validatedAction, validatedCall } from '@/lib/action';
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
  // A follow-up left untouched (absent) is kept by the service, inside the entry's transaction.
  const result = await recordEntry(db, user.id, data);
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

/** What the tablet keeps of the current location to work offline (lib/offline/device-copy.ts). */
export const boothDeviceCopyAction = validatedCall(
  'recordEntries',
  idField,
  (locationId) => getBoothDeviceCopy(db, locationId),
  NOT_A_LOCATION,
);
