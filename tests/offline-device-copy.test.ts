/**
 * The tablet's copy of a location (lib/offline/device-copy.ts) over an in-memory IndexedDB
 * (fake-indexeddb): one copy per user and location that a new page finds again, refreshed only
 * when old, dropped at sign-out; the offline company search answers like the server's.
 */
import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';

import type { BoothDeviceCopy } from '@/db/queries/booth';
import {
  DeviceDb,
  forgetCopies,
  isStale,
  keepCopy,
  readCopy,
  REFRESH_AFTER_MS,
  searchCompanies,
} from '@/lib/offline/device-copy';

let n = 0;
const freshDb = () => new DeviceDb(`device-test-${Date.now().toString(36)}-${n++}`);

const copy = (locationId: number, names: string[]): BoothDeviceCopy => ({
  locationId,
  stalls: [{ id: locationId * 10 + 1, name: 'S-1', price: '45000.00' }],
  companies: names.map((name, i) => ({ id: `C${locationId}-${i}`, name, city: null })),
  refreshedAt: '2031-02-14T04:30:00.000Z',
});

describe('the copy kept on the tablet', () => {
  it('is per user and location, and a new page over the same database reads it back', async () => {
    const db = freshDb();
    await keepCopy('anita', copy(1, ['Acme']), db, 1_000);
    await keepCopy('anita', copy(2, ['Bharat Tools']), db, 1_000);
    await keepCopy('ravi', copy(1, ['Ravi’s own view']), db, 1_000);

    const again = new DeviceDb(db.name);
    expect(await readCopy('anita', 1, again)).toMatchObject({
      userId: 'anita',
      locationId: 1,
      companies: [{ name: 'Acme' }],
      stalls: [{ name: 'S-1', price: '45000.00' }],
      storedAt: 1_000,
    });
    expect((await readCopy('ravi', 1, again))?.companies.map((c) => c.name)).toEqual(['Ravi’s own view']);
    expect(await readCopy('anita', 3, again)).toBeNull();
    expect(await readCopy('meena', 1, again)).toBeNull();
  });

  it('replaces the older copy of the same location when refreshed', async () => {
    const db = freshDb();
    await keepCopy('anita', copy(1, ['Old name']), db, 1_000);
    await keepCopy('anita', copy(1, ['New name', 'Added since']), db, 2_000);
    expect(await readCopy('anita', 1, db)).toMatchObject({ storedAt: 2_000, companies: [{}, {}] });
    expect(await db.copies.count()).toBe(1);
  });

  it('is read again from the server only when missing or older than ten minutes', async () => {
    const db = freshDb();
    const kept = await keepCopy('anita', copy(1, []), db, 1_000_000);
    expect(isStale(null, 1_000_000)).toBe(true);
    expect(isStale(kept, 1_000_000 + REFRESH_AFTER_MS)).toBe(false);
    expect(isStale(kept, 1_000_000 + REFRESH_AFTER_MS + 1)).toBe(true);
  });

  it('is dropped, every user’s, at a sign-out', async () => {
    const db = freshDb();
    await keepCopy('anita', copy(1, ['Acme']), db);
    await keepCopy('ravi', copy(2, ['Acme']), db);
    await forgetCopies(db);
    expect(await db.copies.count()).toBe(0);
  });
});

describe('searching the kept companies offline', () => {
  const names = ['Acme Tools', 'Bharat Acme', 'Chennai Silks', 'acme foods', 'Deccan Pumps'];
  const companies = copy(1, names).companies;

  it('finds a part of the name in any case, those starting with it first, then in the copy’s (name) order', () => {
    expect(searchCompanies(companies, 'ACME').map((c) => c.name)).toEqual(['Acme Tools', 'acme foods', 'Bharat Acme']);
    expect(searchCompanies(companies, '  silk ').map((c) => c.name)).toEqual(['Chennai Silks']);
    expect(searchCompanies(companies, 'zzz')).toEqual([]);
  });

  it('lists the first ones without a text, and at most the limit', () => {
    expect(searchCompanies(companies, '').map((c) => c.name)).toEqual(names);
    expect(searchCompanies(companies, '', 2)).toHaveLength(2);
  });
});
