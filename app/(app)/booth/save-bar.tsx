'use client';

import { format } from 'date-fns';

import { Button } from '@/components/ui/button';
import { formatINR } from '@/lib/money';

import type { BoothEntry, EntryData } from './use-booth-entry';

function describe(data: EntryData): string {
  const parts = [
    data.leadCreated ? `New lead #${data.followUpId} opened` : `Lead #${data.followUpId} updated`,
    'talk recorded',
  ];
  if (data.booking) {
    const b = data.booking;
    parts.push(
      `stall ${b.stall} booked for ${format(new Date(`${b.booking_date}T00:00:00`), 'd MMM yyyy')}: ${formatINR(b.amount_paid)} of ${formatINR(b.price)} paid (${b.amount_status})`,
    );
  }
  return `Saved. ${parts.join(', ')}.${data.replayed ? ' (It had already been saved; nothing was written twice.)' : ''}`;
}

/**
 * The sticky bar under the thumb: the Save button, and beside it what the last save answered — a
 * success in a polite live region (always in the page, so its change is announced), a refusal as an alert.
 */
export function SaveBar({
  entry,
  materialised,
  hint,
}: {
  entry: BoothEntry;
  materialised: boolean;
  hint: string | null;
}) {
  const { state, isPending } = entry;
  const success = state.ok && state.data ? state.data : null;
  const kept = state.ok && state.queued ? (state.message ?? null) : null;
  return (
    <div
      className="sticky bottom-0 -mx-4 border-t border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur"
      data-testid="save-bar"
    >
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1 text-sm">
          <p
            role="status"
            aria-live="polite"
            className={success ? 'font-medium text-green-800' : kept ? 'font-medium text-amber-900' : 'sr-only'}
          >
            {success
              ? `${describe(success)} The form is clear for the next visitor.`
              : kept
                ? `${kept} The form is clear for the next visitor.`
                : ''}
          </p>
          {!state.ok && state.message ? (
            <p role="alert" className="font-medium text-red-800">
              {state.message}
            </p>
          ) : null}
          {hint && !state.message && !success && !kept ? <p className="text-slate-600">{hint}</p> : null}
        </div>
        <Button type="submit" className="w-64 shrink-0 text-lg" disabled={isPending}>
          {isPending ? 'Saving…' : materialised ? 'Save talk and booking' : 'Save talk'}
        </Button>
      </div>
    </div>
  );
}
