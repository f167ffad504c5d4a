'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

import { writeBoothLocationCookie } from './location-cookie';

/** Where the tablet stands and for which company: remembered on the device between entries. */
export type BoothPrefs = {
  locationId: number | null;
  tableId: number | null;
  exhibitor: { id: string; name: string } | null;
};

const KEY = 'paridharan.booth';
const EMPTY: BoothPrefs = { locationId: null, tableId: null, exhibitor: null };
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: BoothPrefs } = { raw: null, value: EMPTY };

function read(): BoothPrefs {
  const raw = window.localStorage.getItem(KEY);
  if (raw !== cached.raw) {
    try {
      cached = { raw, value: raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<BoothPrefs>) } : EMPTY };
    } catch {
      cached = { raw, value: EMPTY };
    }
  }
  return cached.value;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/**
 * The saved preferences. `serverLocationId` is the location the server read
 * from the cookie and rendered the stalls of: the first render shows it, then
 * the device's own preference takes over. The saved location is mirrored into
 * that cookie, so the next visit's first response already has its stalls
 * (a tablet that saved its place before the cookie existed gets it here too).
 */
export function useBoothPrefs(
  serverLocationId: number | null = null,
): [BoothPrefs, (patch: Partial<BoothPrefs>) => void] {
  const [serverPrefs] = useState<BoothPrefs>(() => ({ ...EMPTY, locationId: serverLocationId }));
  const prefs = useSyncExternalStore(subscribe, read, () => serverPrefs);
  const hydrated = prefs !== serverPrefs;
  useEffect(() => {
    if (hydrated) writeBoothLocationCookie(prefs.locationId);
  }, [hydrated, prefs.locationId]);
  const update = (patch: Partial<BoothPrefs>) => {
    window.localStorage.setItem(KEY, JSON.stringify({ ...read(), ...patch }));
    listeners.forEach((l) => l());
  };
  return [prefs, update];
}
