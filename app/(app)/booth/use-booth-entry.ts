'use client';

import { useEffect, useState, useTransition } from 'react';
import { ulid } from 'ulid';

import type { VisitorLookup } from '@/db/queries/booth';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { todayInIndia } from '@/lib/dates';
import { normalisePhone } from '@/lib/phone';

import { lookupVisitorAction, recordEntryAction } from './actions';

export type Outcome = 'busy' | 'interested' | 'materialised';
export type EntryData = NonNullable<Awaited<ReturnType<typeof recordEntryAction>>['data']>;
export type EntryState = ActionState<EntryData>;

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

/** Sends one entry and returns the server's answer; it throws when no answer came (the connection dropped). */
export type SendEntry = (payload: BoothEntryPayload) => Promise<EntryState>;

/** Today's sender: the server action, directly. An offline queue replaces it with one that stores, then sends. */
export const sendEntryNow: SendEntry = (payload) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(payload)) if (value !== undefined) data.set(name, value);
  return recordEntryAction(initialActionState, data);
};

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
  send = sendEntryNow,
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
  send?: SendEntry;
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
  // An overdue date cannot be planned again (the server refuses a follow-up before the talk): it is named, not filled in.
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
    const entry = payload();
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
        setState({ ok: false, message: offlineMessage });
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
