'use client';

import { useActionState } from 'react';

import { useConfirmStep } from '@/components/forms/confirm-step';
import { FormMessage, TextField } from '@/components/forms/field';
import { Button, buttonClass } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';

import {
  createLocationAction,
  createStallAction,
  deleteStallAction,
  updateLocationAction,
  updateStallAction,
} from './actions';

type LocationValues = {
  id: number;
  loc_name: string;
  address: string | null;
  event_start_date: string | null;
  event_end_date: string | null;
};

export function LocationForm({ location }: { location?: LocationValues }) {
  const [state, action, isPending] = useActionState(
    location ? updateLocationAction : createLocationAction,
    initialActionState,
  );
  return (
    <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
      {location ? <input type="hidden" name="id" value={location.id} /> : null}
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
      <TextField name="loc_name" label="Name" defaultValue={location?.loc_name} required state={state} />
      <TextField name="address" label="Address" defaultValue={location?.address ?? ''} state={state} />
      <TextField
        name="event_start_date"
        label="Event starts"
        type="date"
        defaultValue={location?.event_start_date ?? ''}
        state={state}
      />
      <TextField
        name="event_end_date"
        label="Event ends"
        type="date"
        defaultValue={location?.event_end_date ?? ''}
        state={state}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : location ? 'Save location' : 'Create location'}
        </Button>
      </div>
    </form>
  );
}

export function AddStallForm({ locationId }: { locationId: number }) {
  const [state, action, isPending] = useActionState(createStallAction, initialActionState);
  return (
    <form action={action} className="grid items-start gap-4 md:grid-cols-[1fr_1fr_auto]" noValidate>
      <input type="hidden" name="location_mngt_id" value={locationId} />
      <div className="md:col-span-3">
        <FormMessage state={state} />
      </div>
      <TextField name="table_name" label="Stall name" placeholder="T-12" required state={state} />
      <TextField name="price" label="List price (₹)" inputMode="decimal" placeholder="50000" required state={state} />
      <Button type="submit" className="md:mt-6" disabled={isPending}>
        {isPending ? 'Adding…' : 'Add stall'}
      </Button>
    </form>
  );
}

/** One stall row: rename, re-price, or delete (refused when it has bookings or talks). */
export function StallRow({
  stall,
  locationId,
}: {
  stall: { id: number; table_name: string; price: string; active_bookings: number };
  locationId: number;
}) {
  const [state, action, isPending] = useActionState(updateStallAction, initialActionState);
  const [deleteState, deleteAction, isDeleting] = useActionState(deleteStallAction, initialActionState);
  // Deleting asks first: a second, explicit step (no window.confirm).
  const { confirming, confirmRef, startRef, ask, cancel, close } = useConfirmStep();
  const formId = `stall-${stall.id}`;
  return (
    <li className="space-y-2 py-3">
      <form id={formId} action={action} className="grid items-start gap-3 md:grid-cols-[1fr_1fr_auto_auto]" noValidate>
        <input type="hidden" name="id" value={stall.id} />
        <input type="hidden" name="location_mngt_id" value={locationId} />
        <TextField
          name="table_name"
          label="Stall"
          defaultValue={stall.table_name}
          state={state}
          id={`${formId}-name`}
        />
        <TextField
          name="price"
          label="List price (₹)"
          inputMode="decimal"
          defaultValue={stall.price}
          state={state}
          id={`${formId}-price`}
        />
        <Button type="submit" variant="secondary" className="md:mt-6" disabled={isPending}>
          {isPending ? 'Saving…' : 'Save'}
          <span className="sr-only"> {stall.table_name}</span>
        </Button>
        {confirming ? null : (
          <button
            ref={startRef}
            type="button"
            onClick={ask}
            className={buttonClass('ghost', 'md:mt-6')}
            disabled={isDeleting}
          >
            Delete<span className="sr-only"> {stall.table_name}</span>
          </button>
        )}
      </form>
      {confirming ? (
        <div className="space-y-3 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
          <p id={`${formId}-delete-warning`} className="text-amber-900">
            Delete stall {stall.table_name}? It leaves this location’s list; a stall with bookings or talks cannot be
            deleted.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              ref={confirmRef}
              type="submit"
              form={formId}
              formAction={(formData) => {
                close();
                deleteAction(formData);
              }}
              className={buttonClass('danger')}
              aria-describedby={`${formId}-delete-warning`}
              disabled={isDeleting}
            >
              Yes, delete {stall.table_name}
            </button>
            <Button variant="secondary" onClick={cancel}>
              No, keep it
            </Button>
          </div>
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        {stall.active_bookings === 1 ? '1 active booking' : `${stall.active_bookings} active bookings`}
      </p>
      <FormMessage state={deleteState.message ? deleteState : state} />
    </li>
  );
}
