'use client';

import { format } from 'date-fns';
import { useState } from 'react';

import { FormMessage, inputClass } from '@/components/forms/field';
import { useQueuedAction } from '@/components/offline/use-queued-action';
import { Button } from '@/components/ui/button';
import type { VisitorLookup } from '@/db/queries/booth';
import { formatINR, fromPaise, toPaise } from '@/lib/money';

import type { cancelBookingAction, recordPaymentAction } from './actions';

type Payment = NonNullable<Awaited<ReturnType<typeof recordPaymentAction>>['data']>;
type Cancelled = Awaited<ReturnType<typeof cancelBookingAction>>['data'];

function BookingRow({
  booking,
  onChanged,
  userId,
}: {
  booking: VisitorLookup['bookings'][number];
  onChanged: () => void;
  userId: string;
}) {
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState(false);
  const pay = useQueuedAction<Payment>(userId, 'payment', () => setAmount(''));
  const cancel = useQueuedAction<Cancelled>(userId, 'cancel', onChanged);
  const outstanding = fromPaise(toPaise(booking.price ?? '0') - toPaise(booking.amount_paid ?? '0'));
  const inputId = `pay-${booking.id}`;
  const done = pay.state.ok && pay.state.data;
  const kept = pay.state.ok && pay.state.queued;
  return (
    <li className="space-y-2 rounded-lg p-3 ring-1 ring-slate-200">
      <p>
        <span className="font-medium">
          Stall {booking.stall ?? '—'} · {format(new Date(`${booking.booking_date}T00:00:00`), 'd MMM yyyy')}
        </span>
        <span className="block text-sm text-slate-700">
          {formatINR(done ? pay.state.data!.amount_paid : booking.amount_paid)} of {formatINR(booking.price)} paid (
          {done ? pay.state.data!.amount_status : booking.amount_status})
        </span>
      </p>
      {kept ? (
        <p role="status" className="text-amber-900">
          {pay.state.message}
        </p>
      ) : pay.state.ok ? (
        <p role="status" className="text-green-800">
          Payment of {formatINR(pay.state.data!.amount)} recorded.
        </p>
      ) : (
        <FormMessage state={pay.state} />
      )}
      {booking.amount_status !== 'paid' && !(done && pay.state.data!.amount_status === 'paid') ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-40 flex-1 space-y-1">
            <label htmlFor={inputId} className="block text-sm font-medium">
              Payment received (₹)
            </label>
            <input
              id={inputId}
              inputMode="decimal"
              className={inputClass}
              value={amount}
              placeholder={outstanding}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
          <Button
            variant="secondary"
            disabled={pay.isPending || !amount}
            onClick={() => pay.run({ booking_id: booking.id, amount })}
          >
            {pay.isPending ? 'Saving…' : 'Add payment'}
          </Button>
        </div>
      ) : null}
      <FormMessage state={cancel.state} />
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.run({ booking_id: booking.id })}>
            {cancel.isPending ? 'Cancelling…' : 'Yes, cancel this booking'}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          Cancel booking…
        </Button>
      )}
    </li>
  );
}

function NoteForm({ phone, exhibitorId, userId }: { phone: string; exhibitorId: string; userId: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const note = useQueuedAction(userId, 'note', () => setText(''));
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Log a note (e.g. a phone call) without changing the lead…
      </Button>
    );
  return (
    <div className="space-y-2">
      <FormMessage state={note.state} />
      <label htmlFor="manual-note" className="block text-sm font-medium">
        Note for the company’s timeline
      </label>
      <textarea
        id="manual-note"
        rows={2}
        className={`${inputClass} py-2`}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        variant="secondary"
        disabled={note.isPending || !text.trim()}
        onClick={() => note.run({ phone, exhibitor_id: exhibitorId, notes: text })}
      >
        {note.isPending ? 'Saving…' : 'Save note'}
      </Button>
    </div>
  );
}

export function VisitorPanel({
  lookup,
  exhibitorId,
  onChanged,
  userId,
}: {
  /** The signed-in user: payments, cancellations and notes go through their on-device queue. */
  userId: string;
  lookup: VisitorLookup;
  exhibitorId: string | null;
  onChanged: () => void;
}) {
  return (
    <section
      aria-label="About this visitor"
      className="space-y-3 rounded-lg bg-slate-50 p-3"
      data-testid="visitor-panel"
    >
      <p className="font-medium">
        {lookup.visitor
          ? `${lookup.visitor.name}${lookup.visitor.city ? `, ${lookup.visitor.city}` : ''}`
          : 'A phone we have not met before.'}
      </p>
      {exhibitorId ? (
        <>
          <p className="text-slate-700">
            {lookup.openLead
              ? `Open lead: ${lookup.openLead.status}${lookup.openLead.next_followup_date ? `, follow up on ${format(new Date(`${lookup.openLead.next_followup_date}T00:00:00`), 'd MMM')}` : ''}. This talk continues it.`
              : 'No open lead with this company: this talk starts one.'}
          </p>
          {lookup.recentTalks.length ? (
            <div>
              <p className="text-sm font-medium text-slate-600">Last talks with this company</p>
              <ul className="text-sm">
                {lookup.recentTalks.map((t) => (
                  <li key={t.id}>
                    {format(new Date(t.conversation_date), 'd MMM yyyy, HH:mm')} ·{' '}
                    {t.kind === 'talk' ? t.outcome : t.kind} · {t.employee}
                    {t.notes ? ` — ${t.notes}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {lookup.bookings.length ? (
            <div className="space-y-2">
              <p className="text-sm font-medium text-slate-600">Bookings with this company</p>
              <ul className="space-y-2">
                {lookup.bookings.map((b) => (
                  <BookingRow key={b.id} booking={b} onChanged={onChanged} userId={userId} />
                ))}
              </ul>
            </div>
          ) : null}
          <NoteForm phone={lookup.phone} exhibitorId={exhibitorId} userId={userId} />
        </>
      ) : (
        <p className="text-slate-600">Choose the company to see this visitor’s history with it.</p>
      )}
    </section>
  );
}
