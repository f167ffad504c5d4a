'use client';

import { useEffect, useState } from 'react';

import { isStale, keepCopy, readCopy, type KeptCopy } from '@/lib/offline/device-copy';

import { boothDeviceCopyAction } from './actions';

/**
 * The tablet's copy of the current location (its stalls and companies) for working offline: read
 * from the device at once, and fetched again when online and older than ten minutes — on choosing
 * the location and when the network comes back. A failed refresh keeps the old copy.
 */
export function useDeviceCopy(userId: string, locationId: number | null): KeptCopy | null {
  const [copy, setCopy] = useState<KeptCopy | null>(null);
  useEffect(() => {
    if (locationId === null) return;
    let live = true;
    let kept: KeptCopy | null = null;
    const refresh = async () => {
      if (!navigator.onLine || !isStale(kept)) return;
      try {
        const answer = await boothDeviceCopyAction(locationId);
        if (!answer.ok || !live) return;
        kept = await keepCopy(userId, answer.data);
        if (live) setCopy(kept);
      } catch {
        // No network after all: the copy on the device stays what the booth reads.
      }
    };
    void readCopy(userId, locationId)
      .catch(() => null)
      .then((found) => {
        if (!live) return;
        kept = found;
        setCopy(found);
        return refresh();
      });
    window.addEventListener('online', refresh);
    return () => {
      live = false;
      window.removeEventListener('online', refresh);
    };
  }, [userId, locationId]);
  return copy?.locationId === locationId ? copy : null;
}
