'use client';

import { errorAria, FieldError, inputClass } from '@/components/forms/field';
import type { BoothLocation, BoothStall } from '@/db/queries/booth';
import { amountStatus, formatINR, fromPaise, parseAmount } from '@/lib/money';

import { stallPrompt, type Place } from './place-fieldset';
import type { BoothEntry } from './use-booth-entry';

function statusOf(price: string, paid: string): { label: string; tone: string } | null {
  const p = parseAmount(price);
  const a = parseAmount(paid || '0');
  if (p === null || a === null) return null;
  if (a > p)
    return { label: `More than the price — the most that can be paid is ${formatINR(p)}`, tone: 'text-red-700' };
  const status = amountStatus(p, a);
  if (status === 'unpaid') return { label: 'Unpaid', tone: 'text-amber-700' };
  if (status === 'partial') return { label: `Partial — ${formatINR(p - a)} outstanding`, tone: 'text-amber-700' };
  return { label: 'Paid in full', tone: 'text-green-700' };
}

/** A materialised talk's booking: the day, the stall, the price and what is paid now. */
export function BookingFieldset({
  entry,
  location,
  place,
}: {
  entry: BoothEntry;
  location: BoothLocation | null;
  place: Place;
}) {
  const { fields, set, state, booking } = entry;
  const stalls: BoothStall[] = place.stalls ?? [];
  const paymentStatus = statusOf(booking.price, fields.paid);
  const paid = parseAmount(fields.paid || '0');
  return (
    <fieldset className="grid grid-cols-2 gap-3 rounded-xl bg-brand-50 px-4 pt-1 pb-3 ring-1 ring-brand-100">
      <legend className="px-1 text-sm font-semibold tracking-wide text-brand-800 uppercase">Booking</legend>
      <div className="space-y-1">
        <label htmlFor="booking_date" className="block text-sm font-medium">
          Booked for (exhibition day)
        </label>
        <input
          id="booking_date"
          name="booking_date"
          type="date"
          className={inputClass}
          value={booking.date}
          // The picker offers the event's days; the server refuses any other date with the event's dates.
          min={location?.event_start_date ?? undefined}
          max={location?.event_end_date ?? undefined}
          onChange={(e) => set({ bookingDate: e.target.value })}
          {...errorAria(state, 'booking_date')}
        />
        <FieldError state={state} name="booking_date" />
      </div>
      <div className="space-y-1">
        <label htmlFor="booking_table_id" className="block text-sm font-medium">
          Stall booked
        </label>
        <select
          id="booking_table_id"
          name="booking_table_id"
          className={inputClass}
          value={booking.tableId ?? ''}
          onChange={(e) => set({ bookingTableId: e.target.value ? Number(e.target.value) : null, price: null })}
          {...errorAria(state, 'booking_table_id')}
        >
          <option value="">{stallPrompt(location, place)}</option>
          {stalls.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} — list {formatINR(s.price)}
            </option>
          ))}
        </select>
        <FieldError state={state} name="booking_table_id" />
      </div>
      <div className="space-y-1">
        <label htmlFor="price" className="block text-sm font-medium">
          Price (₹)
        </label>
        <input
          id="price"
          name="price"
          inputMode="decimal"
          className={inputClass}
          value={booking.price}
          onChange={(e) => set({ price: e.target.value })}
          {...errorAria(state, 'price')}
        />
        <FieldError state={state} name="price" />
      </div>
      <div className="space-y-1">
        <label htmlFor="amount_paid" className="block text-sm font-medium">
          Paid now (₹)
        </label>
        <input
          id="amount_paid"
          name="amount_paid"
          inputMode="decimal"
          className={inputClass}
          placeholder="0"
          value={fields.paid}
          onChange={(e) => set({ paid: e.target.value })}
          {...errorAria(state, 'amount_paid', 'amount_status')}
        />
        <FieldError state={state} name="amount_paid" />
      </div>
      <p
        id="amount_status"
        className={`col-span-2 font-medium ${paymentStatus?.tone ?? 'text-slate-600'}`}
        aria-live="polite"
      >
        Payment status: {paymentStatus?.label ?? 'enter the price and the amount paid'}
        {paymentStatus && paid !== null && parseAmount(booking.price) !== null
          ? ` (${formatINR(fromPaise(paid))} of ${formatINR(booking.price)})`
          : ''}
      </p>
    </fieldset>
  );
}
