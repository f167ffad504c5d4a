'use client';

import { useEffect, useState } from 'react';

import { errorAria, FieldError, inputClass } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import type { BoothLocation, BoothStall } from '@/db/queries/booth';
import { formatDateTime } from '@/lib/format';
import type { KeptCopy } from '@/lib/offline/device-copy';

import { listLocationStallsAction } from './actions';
import type { EntryState } from './use-booth-entry';

const STALLS_OFFLINE = 'The stalls of this location could not be loaded: the connection dropped.';

export type Place = ReturnType<typeof useLocationStalls>;

/**
 * The stalls of the chosen location: the ones the server rendered, then each
 * other location's fetched once when the employee switches to it (kept for
 * switching back). Offline, the copy kept on the tablet (`kept`) answers instead,
 * and the server is asked again when the network comes back. `stalls` is null
 * while loading, or after a failure with nothing kept.
 */
export function useLocationStalls(
  locationId: number | null,
  rendered: { locationId: number; stalls: BoothStall[] } | null,
  kept: KeptCopy | null,
) {
  const [fetched, setFetched] = useState<Record<number, BoothStall[]>>({});
  const [failure, setFailure] = useState<{ locationId: number; message: string } | null>(null);
  const known = (id: number) => (rendered?.locationId === id ? rendered.stalls : fetched[id]);
  const failed = locationId !== null && failure?.locationId === locationId ? failure.message : null;
  const server = locationId === null ? null : (known(locationId) ?? null);
  const fromTablet = !server && failed && kept?.locationId === locationId ? kept : null;
  const stalls = server ?? fromTablet?.stalls ?? null;
  useEffect(() => {
    if (locationId === null || server || failed) return;
    let live = true;
    listLocationStallsAction(locationId)
      .then((answer) => {
        if (!live) return;
        if (answer.ok) setFetched((f) => ({ ...f, [locationId]: answer.data }));
        else setFailure({ locationId, message: answer.message });
      })
      .catch(() => {
        if (live) setFailure({ locationId, message: STALLS_OFFLINE });
      });
    return () => {
      live = false;
    };
  }, [locationId, server, failed]);
  // Back online: what failed is asked again (the tablet's copy answers meanwhile).
  useEffect(() => {
    const again = () => setFailure(null);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);
  return {
    stalls,
    loading: locationId !== null && !stalls && !failed,
    error: stalls ? null : failed,
    /** When the stalls shown are the tablet's copy (offline), the time the server read them. */
    keptAt: fromTablet ? fromTablet.refreshedAt : null,
    retry: () => setFailure(null),
  };
}

export function stallPrompt(location: BoothLocation | null, place: Place) {
  if (!location) return 'Choose a location first';
  if (place.loading) return 'Loading the stalls…';
  if (place.error) return 'The stalls could not be loaded';
  return 'Choose the stall…';
}

/** "Where am I": the location and the stall the tablet stands at (remembered on the tablet). */
export function PlaceFieldset({
  state,
  locations,
  location,
  tableId,
  place,
  onLocation,
  onStall,
}: {
  state: EntryState;
  locations: BoothLocation[];
  location: BoothLocation | null;
  tableId: number | null;
  place: Place;
  onLocation: (id: number | null) => void;
  onStall: (id: number | null) => void;
}) {
  return (
    <fieldset className="grid grid-cols-2 gap-3 rounded-xl bg-white px-4 pt-1 pb-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">Where am I</legend>
      <div className="space-y-1">
        <label htmlFor="booth-location" className="block text-sm font-medium">
          Location
        </label>
        <select
          id="booth-location"
          className={inputClass}
          {...errorAria(state, 'location_id')}
          value={location?.id ?? ''}
          onChange={(e) => onLocation(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">Choose the location…</option>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <FieldError state={state} name="location_id" />
      </div>
      <div className="space-y-1">
        <label htmlFor="booth-stall" className="block text-sm font-medium">
          Stall
        </label>
        <select
          id="booth-stall"
          className={inputClass}
          {...errorAria(state, 'table_id')}
          value={tableId ?? ''}
          disabled={!place.stalls}
          aria-busy={place.loading || undefined}
          onChange={(e) => onStall(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{stallPrompt(location, place)}</option>
          {(place.stalls ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <FieldError state={state} name="table_id" />
        {place.loading ? (
          <p aria-live="polite" className="text-sm text-slate-600">
            Loading the stalls of {location?.name}…
          </p>
        ) : null}
        {place.keptAt ? (
          <p className="text-sm text-slate-600" data-testid="stalls-kept">
            Offline: the stalls kept on this tablet (as of {formatDateTime(place.keptAt)}).
          </p>
        ) : null}
        {place.error ? (
          <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700">
            <span>{place.error}</span>
            <Button variant="secondary" onClick={place.retry}>
              Try again
            </Button>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
