'use client';

import { format } from 'date-fns';
import { useEffect, useMemo, useRef, useState } from 'react';

import { SyncStatus } from '@/components/offline/sync-status';
import type { BoothLocation, BoothStall } from '@/db/queries/booth';

import { BookingFieldset } from './booking-fieldset';
import { useBoothPrefs } from './booth-prefs';
import { CompanyFieldset } from './company-fieldset';
import { OutcomeFieldset } from './outcome-fieldset';
import { PlaceFieldset, useLocationStalls } from './place-fieldset';
import { SaveBar } from './save-bar';
import { queuedSender, useBoothEntry } from './use-booth-entry';
import { useDeviceCopy } from './use-device-copy';
import { VisitorFieldset } from './visitor-fieldset';
import { VisitorPanel } from './visitor-panel';

/** Said beside Save when the entry waits in the queue (offline, or no answer came). */
export const KEPT = 'Kept on this tablet; it will be sent when the connection is back.';
/** Said when the device itself could not keep the entry (IndexedDB refused): the form keeps it. */
const NOT_KEPT =
  'This tablet could not keep the entry (its storage refused it). Nothing is lost from the form: tap Save again — the talk will not be recorded twice.';

/**
 * The booth form: the place and company (remembered on the tablet), then one entry (useBoothEntry)
 * — visitor, talk, booking — and the Save bar. The visitor's history comes after the talk, so the
 * controls of a typical entry fit one tablet screen.
 */
export function BoothForm({
  locations,
  loadedStalls,
  savedLocationId,
  campaigns,
  attributionDays,
  initial,
  userId,
}: {
  /** The signed-in user: the on-device queue is theirs. */
  userId: string;
  locations: BoothLocation[];
  /** The stalls the server rendered: of the URL's location, else of the tablet's saved one. */
  loadedStalls: { locationId: number; stalls: BoothStall[] } | null;
  /** The location the tablet's cookie named, for the first render before its saved preference is read. */
  savedLocationId: number | null;
  campaigns: { id: string; name: string }[];
  /** The admin's attribution window, for the wording only (the server applies the rule). */
  attributionDays: number;
  initial: {
    exhibitor: { id: string; name: string } | null;
    phone: string;
    locationId: number | null;
    tableId: number | null;
  };
}) {
  const [prefs, setPrefs] = useBoothPrefs(savedLocationId);
  // A link from "My follow-ups" overrides the remembered place and company until the user changes them.
  const [override, setOverride] = useState(initial);
  const locationId = override.locationId ?? prefs.locationId;
  const tableId = override.tableId ?? prefs.tableId;
  const exhibitor = override.exhibitor ?? prefs.exhibitor;
  const location = locations.find((l) => l.id === locationId) ?? null;
  const kept = useDeviceCopy(userId, location?.id ?? null);
  const place = useLocationStalls(location?.id ?? null, loadedStalls, kept);
  const stall = (place.stalls ?? []).find((s) => s.id === tableId) ?? null;

  const today = format(new Date(), 'yyyy-MM-dd');
  const phoneRef = useRef<HTMLInputElement>(null);
  const send = useMemo(() => queuedSender(userId, KEPT), [userId]);
  const entry = useBoothEntry({
    initialPhone: initial.phone,
    exhibitorId: exhibitor?.id ?? null,
    locationId,
    tableId,
    defaultBookingDate:
      location?.event_start_date && location.event_start_date >= today ? location.event_start_date : today,
    listPriceOf: (id) => place.stalls?.find((s) => s.id === id)?.price ?? null,
    offlineMessage: NOT_KEPT,
    send,
  });

  // After each save the cleared form starts again at the phone, for the next visitor.
  useEffect(() => {
    if (entry.saved) phoneRef.current?.focus();
  }, [entry.saved]);

  return (
    <>
      <SyncStatus userId={userId} stalls={place.stalls ?? []} exhibitor={exhibitor} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          entry.submit();
        }}
        className="space-y-3"
        noValidate
        aria-label="Record a talk"
      >
        <PlaceFieldset
          state={entry.state}
          locations={locations}
          location={location}
          tableId={tableId}
          place={place}
          onLocation={(id) => {
            setOverride((o) => ({ ...o, locationId: null, tableId: null }));
            setPrefs({ locationId: id, tableId: null });
          }}
          onStall={(id) => {
            setOverride((o) => ({ ...o, tableId: null }));
            setPrefs({ tableId: id });
          }}
        />
        <CompanyFieldset
          state={entry.state}
          exhibitor={exhibitor}
          kept={kept}
          locationName={location?.name ?? null}
          onChoose={(company) => {
            setPrefs({ exhibitor: company });
            setOverride((o) => ({ ...o, exhibitor: null }));
          }}
        />
        <VisitorFieldset entry={entry} phoneRef={phoneRef} />
        <OutcomeFieldset entry={entry} campaigns={campaigns} attributionDays={attributionDays} />
        {entry.fields.outcome === 'materialised' ? (
          <BookingFieldset entry={entry} location={location} place={place} />
        ) : null}
        {entry.current ? (
          <VisitorPanel
            userId={userId}
            lookup={entry.current}
            exhibitorId={exhibitor?.id ?? null}
            onChanged={entry.refreshLookup}
          />
        ) : null}
        <SaveBar
          entry={entry}
          materialised={entry.fields.outcome === 'materialised'}
          hint={stall ? null : 'Tip: choose your location and stall above; they are remembered on this tablet.'}
        />
      </form>
    </>
  );
}
