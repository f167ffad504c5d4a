/**
 * What a tablet keeps of one location to work offline (db/queries/booth.ts getBoothDeviceCopy):
 * the location's stalls and its companies — the exhibitors booked or with a lead there — and no
 * other company, no deleted one, no visitor; bounded by its limit; behind the booth's permission.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { db } from '@/db';
import { getBoothDeviceCopy, listLocationCompanies } from '@/db/queries/booth';
import { contacts } from '@/db/schema';
import type { SessionUser } from '@/lib/session';

import { makeBooking, makeExhibitor, makeLead, makeLocation, makeUser, makeVisitor, tag } from './helpers/factories';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));

const { boothDeviceCopyAction } = await import('@/app/(app)/booth/actions');

let t: string;
let hall: Awaited<ReturnType<typeof makeLocation>>;
let annexe: Awaited<ReturnType<typeof makeLocation>>;
let employee: SessionUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = tag();
  hall = await makeLocation({ name: `Hall ${t}`, stalls: [{ name: 'H-1', price: '50000.00' }, 'H-2'] });
  annexe = await makeLocation({ name: `Annexe ${t}`, stalls: ['A-1'] });
  const user = await makeUser({ role: 'employee' });
  employee = { id: user.id, name: user.name, email: user.email, role: 'employee', active: true };
  for (const name of ['Booked', 'Led', 'Both', 'Elsewhere', 'Gone', 'Cancelled']) {
    ids[name] = (await makeExhibitor({ name: `${name} ${t}`, city: name === 'Led' ? 'Pune' : null })).id;
  }
  const visitor = await makeVisitor({ name: `Visitor ${t}` });
  const at = (day: number) => new Date(Date.UTC(2030, 0, day, 9, 0, 0));
  const book = (exhibitor: string, locationId: number, day: number, over = {}) =>
    makeBooking({
      employeeId: user.id,
      over: { exhibitor_id: ids[exhibitor], location_id: locationId, created_at: at(day), ...over },
    });
  const lead = (exhibitorId: string | undefined, locationId: number, day: number) =>
    makeLead({ employeeId: user.id, exhibitorId, over: { location_id: locationId, created_at: at(day) } });
  // Most recently active at the hall: Led (5th), Both (its lead on the 4th), Cancelled (3rd), Booked (1st).
  await book('Booked', hall.locationId, 1, { table_id: hall.stallIds[0] });
  await book('Both', hall.locationId, 2);
  await book('Cancelled', hall.locationId, 3, { cancelled_at: new Date() });
  await book('Elsewhere', annexe.locationId, 9);
  await book('Gone', hall.locationId, 0); // deleted since
  await lead(ids.Led, hall.locationId, 5);
  await lead(ids.Both, hall.locationId, 4);
  await lead(ids.Elsewhere, annexe.locationId, 9);
  // A visitor's id in a lead's exhibitor column would be a broken row; it is still never listed.
  await lead(visitor.id, hall.locationId, 1);
  await db.update(contacts).set({ deleted_at: new Date() }).where(eq(contacts.id, ids.Gone!));
});

describe('the companies of a location, as a tablet keeps them', () => {
  it('are the live exhibitors booked there (a cancelled booking too) or with a lead there, by name, once each', async () => {
    const listed = await listLocationCompanies(db, hall.locationId);
    expect(listed).toEqual([
      { id: ids.Booked, name: `Booked ${t}`, city: null },
      { id: ids.Both, name: `Both ${t}`, city: null },
      { id: ids.Cancelled, name: `Cancelled ${t}`, city: null },
      { id: ids.Led, name: `Led ${t}`, city: 'Pune' },
    ]);
    expect((await listLocationCompanies(db, annexe.locationId)).map((c) => c.id)).toEqual([ids.Elsewhere]);
    expect(await listLocationCompanies(db, 987_654_321)).toEqual([]);
  });

  it('stop at their limit: the most recently booked or led there, listed by name', async () => {
    expect((await listLocationCompanies(db, hall.locationId, 2)).map((c) => c.id)).toEqual([ids.Both, ids.Led]);
    expect((await listLocationCompanies(db, hall.locationId, 3)).map((c) => c.id)).toEqual([
      ids.Both,
      ids.Cancelled,
      ids.Led,
    ]);
  });

  it('come with the location’s stalls and the time they were read', async () => {
    const before = Date.now();
    const copy = await getBoothDeviceCopy(db, hall.locationId);
    expect(copy.locationId).toBe(hall.locationId);
    expect(copy.stalls).toEqual([
      { id: hall.stallIds[0], name: 'H-1', price: '50000.00' },
      { id: hall.stallIds[1], name: 'H-2', price: expect.any(String) },
    ]);
    expect(copy.companies).toHaveLength(4);
    expect(Date.parse(copy.refreshedAt)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('boothDeviceCopyAction', () => {
  it('answers the copy to a role that records entries, and refuses without a session or with a bad id', async () => {
    session.user = employee;
    const answer = await boothDeviceCopyAction(String(annexe.locationId));
    expect(answer).toMatchObject({ ok: true, data: { locationId: annexe.locationId, stalls: [{ name: 'A-1' }] } });
    expect(await boothDeviceCopyAction('abc' as never)).toEqual({
      ok: false,
      message: 'Choose the location from the list.',
      code: 'UNREADABLE',
    });
    session.user = { ...employee, role: 'viewer' as SessionUser['role'] };
    expect(await boothDeviceCopyAction(annexe.locationId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    session.user = null;
    expect(await boothDeviceCopyAction(annexe.locationId)).toMatchObject({ ok: false, code: 'SESSION_ENDED' });
  });
});
