'use client';

import { useSyncExternalStore } from 'react';

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

export function useBoothPrefs(): [BoothPrefs, (patch: Partial<BoothPrefs>) => void] {
  const prefs = useSyncExternalStore(subscribe, read, () => EMPTY);
  const update = (patch: Partial<BoothPrefs>) => {
    window.localStorage.setItem(KEY, JSON.stringify({ ...read(), ...patch }));
    listeners.forEach((l) => l());
  };
  return [prefs, update];
}
