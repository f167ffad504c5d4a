/**
 * What a tablet keeps of the booth's current location to work without a network: its stalls with
 * list prices and its companies (db/queries/booth.ts `getBoothDeviceCopy`), one copy per user and
 * location in IndexedDB (Dexie), refreshed when online and older than `REFRESH_AFTER_MS`. The booth
 * reads it only when the server cannot answer; the server still decides everything at sync.
 */
import Dexie, { type Table } from 'dexie';

import type { BoothDeviceCopy } from '@/db/queries/booth';

export type Company = BoothDeviceCopy['companies'][number];
export type KeptCopy = BoothDeviceCopy & { userId: string; storedAt: number };

/** A copy older than this is read again from the server when the tablet is online. */
export const REFRESH_AFTER_MS = 10 * 60_000;

export class DeviceDb extends Dexie {
  declare copies: Table<KeptCopy, [string, number]>;

  constructor(name = 'paridharan-device') {
    super(name);
    this.version(1).stores({ copies: '[userId+locationId], userId' });
  }
}

let shared: DeviceDb | null = null;
/** This browser's copy (created when first used). */
export const deviceDb = () => (shared ??= new DeviceDb());

export async function keepCopy(userId: string, copy: BoothDeviceCopy, db = deviceDb(), now = Date.now()) {
  const kept: KeptCopy = { ...copy, userId, storedAt: now };
  await db.copies.put(kept);
  return kept;
}

export async function readCopy(userId: string, locationId: number, db = deviceDb()): Promise<KeptCopy | null> {
  return (await db.copies.get([userId, locationId])) ?? null;
}

export const isStale = (copy: KeptCopy | null, now = Date.now()) => !copy || now - copy.storedAt > REFRESH_AFTER_MS;

/** Drops every kept copy (a sign-out: nothing of one user's data stays for the next). */
export async function forgetCopies(db = deviceDb()) {
  await db.copies.clear();
}

/**
 * The kept companies whose name contains the text, those starting with it first, then by name —
 * the order the server's search answers in (db/queries/booth.ts `searchExhibitors`).
 */
export function searchCompanies(companies: readonly Company[], query: string, limit = 12): Company[] {
  const text = query.trim().toLocaleLowerCase('en-IN');
  const matches = companies.filter((c) => c.name.toLocaleLowerCase('en-IN').includes(text));
  const starts = (c: Company) => (c.name.toLocaleLowerCase('en-IN').startsWith(text) ? 0 : 1);
  return matches
    .map((c, i) => ({ c, i }))
    .sort((a, b) => starts(a.c) - starts(b.c) || a.i - b.i)
    .slice(0, limit)
    .map(({ c }) => c);
}
