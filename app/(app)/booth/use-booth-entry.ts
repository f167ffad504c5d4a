'use client';

import { useEffect, useState, useTransition } from 'react';

import { queueAndSend, type BoothPayload } from '@/components/offline/booth-send';
import type { VisitorLookup } from '@/db/queries/booth';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { todayInIndia } from '@/lib/dates';
import { discardEntry, offlineDb } from '@/lib/offline/queue';
import { normalisePhone } from '@/lib/phone';
import { ulid } from '@/lib/ulid';

import { lookupVisitorAction, recordEntryAction } from './actions';

export type Outcome = 'busy' | 'interested' | 'materialised';
export type EntryData = NonNullable<Awaited<ReturnType<typeof recordEntryAction>>['data']>;
/** The last save's answer; `queued`: kept on the tablet (offline, or the session must be renewed), the form cleared. */
export type EntryState = ActionState<EntryData> & { queued?: boolean };

/**
 * One talk as the tablet sends it: plain strings, serialisable as it stands (JSON, IndexedDB), so a
 * queue can hold it and send it later. A field the form did not show is absent, as in a form post.
 * `next_followup_date` absent means "keep the lead's date as it is" (the employee did not touch it).
 */
export type BoothEntryPayload = {
  /** The client's idempotency key: the same talk sent twice is written once. */
  idempotency_key: string;
  /** When the talk happened, by the tablet's clock (ISO 8601) — not when it reached the server. */
  happened_at: string;
  exhibitor_id: string;
  location_id: string;
  table_id: string;
  phone: string;
  new_visitor_name?: string;
  campaign_id?: string;
  outcome: Outcome | '';
  notes: string;
  next_followup_date?: string;
  next_followup_time?: string;
  booking_date?: string;
  booking_table_id?: string;
  price?: string;
  amount_paid?: string;
};

/**
 * Sends one entry and answers what became of it. It throws only when the device could not even
 * keep it (IndexedDB refused); a dropped connection is an answer (`queued`).
 */
export type SendEntry = (payload: BoothEntryPayload) => Promise<EntryState>;

/**
 * The booth's sender: the entry goes into this user's on-device queue, then the queue is sent
 * (components/offline/booth-send.ts). A refusal the form still shows is taken out of the queue
 * again — the form is where it is corrected, with the same key — so the queue's to-do list only
 * holds what the form no longer shows.
 */
export function queuedSender(userId: string, keptMessage: string): SendEntry {
  return async (payload) => {
    const entry = await queueAndSend({
      key: payload.idempotency_key,
      userId,
      kind: payload.outcome === 'materialised' ? 'booking' : 'talk',
      payload: payload as BoothPayload,
      happenedAt: payload.happened_at,
    });
    if (entry.state === 'saved') return { ok: true, data: entry.result as EntryData };
    if (entry.state === 'refused' || entry.state === 'conflict') {
      await discardEntry(offlineDb(), entry.key);
      return {
        ok: false,
        message: entry.reason ?? 'The server refused this entry.',
        fieldErrors: entry.fieldErrors ?? undefined,
      };
    }
    const signIn = entry.code === 'SESSION_ENDED' ? ' Your session has ended: sign in again to send it.' : '';
    return { ok: true, queued: true, message: `${keptMessage}${signIn}` };
  };
}

/** The per-visitor fields: cleared after each saved talk (place and company stay). */
type Fields = {
  phone: string;
  visitorName: string;
  campaignChoice: string;
  outcome: Outcome | '';
  notes: string;
  /** null: not touched, so the open lead's own follow-up is shown and kept. */
  nextDate: string | null;
  nextTime: string | null;
  bookingDate: string;
  bookingTableId: number | null;
  /** null: the stall's list price. */
  price: string | null;
  paid: string;
};

const EMPTY: Fields = {
  phone: '',
  visitorName: '',
  campaignChoice: 'auto',
  outcome: '',
  notes: '',
  nextDate: null,
  nextTime: null,
  bookingDate: '',
  bookingTableId: null,
  price: null,
  paid: '',
};

/**
 * The booth entry: its fields, the visitor look-up for the typed phone, and the submit. The submit
 * builds one `BoothEntryPayload` and hands it to `send`; the key is kept (and sent again) until a
 * send succeeds, so a retry after a dropped connection writes nothing twice.
 */
export function useBoothEntry({
  initialPhone,
  exhibitorId,
  locationId,
  tableId,
  defaultBookingDate,
  listPriceOf,
  offlineMessage,
  onSaved,
  send,
}: {
  initialPhone: string;
  exhibitorId: string | null;
  locationId: number | null;
  tableId: number | null;
  defaultBookingDate: string;
  /** The list price of a stall of the current location, for the price the booking starts from. */
  listPriceOf: (tableId: number | null) => string | null;
  offlineMessage: string;
  onSaved?: () => void;
  /** How an entry is sent: through the user's on-device queue (queuedSender). */
  send: SendEntry;
}) {
  const [fields, setFields] = useState<Fields>({ ...EMPTY, phone: initialPhone });
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const [key, setKey] = useState(() => ulid());
  const [state, setState] = useState<EntryState>(initialActionState);
  const [isPending, startTransition] = useTransition();
  /** Counts saved talks: the form shows a fresh entry for each. */
  const [saved, setSaved] = useState(0);

  // The visitor panel for the typed phone.
  const [lookup, setLookup] = useState<VisitorLookup | null>(null);
  const [lookupNonce, setLookupNonce] = useState(0);
  const e164 = normalisePhone(fields.phone);
  useEffect(() => {
    if (!e164) return;
    let live = true;
    const handle = setTimeout(async () => {
      try {
        const r = await lookupVisitorAction({ phone: e164, exhibitorId });
        if (live && r.ok) setLookup(r.data);
      } catch {
        // Offline: the form still works; the panel fills in when the connection returns.
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [e164, exhibitorId, lookupNonce]);
  const current = lookup && lookup.phone === e164 ? lookup : null;

  // The lead's follow-up as it stands: shown, and kept unless the employee changes it.
  const existing = current?.openLead?.next_followup_date ?? null;
  const existingTime = current?.openLead?.next_followup_time?.slice(0, 5) ?? null;
  // An overdue date cannot be planned again (the server refuses a follow-up before the talk): it is named, not
  // filled in; left untouched, the server keeps it.
  const existingOverdue = existing !== null && existing < todayInIndia();
  const kept = existing && !existingOverdue ? existing : null;
  const followUpTouched = fields.nextDate !== null || fields.nextTime !== null;
  const nextDate = fields.nextDate ?? kept ?? '';
  const nextTime = fields.nextTime ?? (fields.nextDate === null && kept ? (existingTime ?? '') : '');

  const bookingTableId = fields.bookingTableId ?? tableId;
  const price = fields.price ?? listPriceOf(bookingTableId) ?? '';
  const bookingDate = fields.bookingDate || defaultBookingDate;

  function payload(): BoothEntryPayload {
    const p: BoothEntryPayload = {
      idempotency_key: key,
      happened_at: new Date().toISOString(),
      exhibitor_id: exhibitorId ?? '',
      location_id: locationId === null ? '' : String(locationId),
      table_id: tableId === null ? '' : String(tableId),
      phone: fields.phone,
      outcome: fields.outcome,
      notes: fields.notes,
    };
    if (current && !current.visitor) p.new_visitor_name = fields.visitorName;
    if (!current?.openLead) p.campaign_id = fields.campaignChoice;
    if ((fields.outcome === 'busy' || fields.outcome === 'interested') && followUpTouched) {
      p.next_followup_date = nextDate;
      p.next_followup_time = nextTime;
    }
    if (fields.outcome === 'materialised') {
      p.booking_date = bookingDate;
      p.booking_table_id = bookingTableId === null ? '' : String(bookingTableId);
      p.price = price;
      p.amount_paid = fields.paid;
    }
    return p;
  }

  function reset() {
    setFields(EMPTY);
    setLookup(null);
  }

  function submit() {
    // The talk happened when Save was tapped, whenever it reaches the server.
    const entry = { ...payload(), happened_at: new Date().toISOString() };
    startTransition(async () => {
      try {
        const result = await send(entry);
        setState(result);
        if (result.ok) {
          setKey(ulid());
          reset();
          setSaved((n) => n + 1);
          onSaved?.();
        }
      } catch {
        setState({ ok: false, message: offlineMessage, fieldErrors: undefined });
      }
    });
  }

  return {
    fields,
    set,
    e164,
    current,
    refreshLookup: () => setLookupNonce((n) => n + 1),
    followUp: {
      date: nextDate,
      time: nextTime,
      /** The lead's follow-up before this talk, when it has one. */
      existing,
      existingOverdue,
      touched: followUpTouched,
    },
    booking: { tableId: bookingTableId, price, date: bookingDate },
    state,
    isPending,
    saved,
    submit,
  };
}

export type BoothEntry = ReturnType<typeof useBoothEntry>;
