/**
 * The booth renders one location's stalls and fetches another's when the
 * employee switches: the read returns only the asked location's stalls, and
 * the action behind the switch checks the session, the role and the id.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { db } from '@/db';
import { listBoothLocations, listLocationStalls } from '@/db/queries/booth';
import type { SessionUser } from '@/lib/session';

import { makeLocation, makeUser, tag } from './helpers/factories';

// The action's session, set per test; everything else about the action is the real one.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));

const { listLocationStallsAction } = await import('@/app/(app)/booth/actions');

let hall: Awaited<ReturnType<typeof makeLocation>>;
let annexe: Awaited<ReturnType<typeof makeLocation>>;
let employee: SessionUser;

beforeAll(async () => {
  const t = tag();
  // Names out of insertion order: the list is by name, not by id.
  hall = await makeLocation({
    name: `Hall ${t}`,
    stalls: [
      { name: 'H-2', price: '42000.00' },
      { name: 'H-1', price: '50000.00' },
      { name: 'H-3', price: '61000.50' },
    ],
  });
  annexe = await makeLocation({ name: `Annexe ${t}`, stalls: ['A-1', 'A-2'], event: null });
  const user = await makeUser({ role: 'employee' });
  employee = { id: user.id, name: user.name, email: user.email, role: 'employee', active: true };
});

describe('the booth reads one location’s stalls', () => {
  it('returns only the asked location’s stalls, by name, with their list price', async () => {
    const hallIds = hall.stallIds;
    expect(await listLocationStalls(db, hall.locationId)).toEqual([
      { id: hallIds[1], name: 'H-1', price: '50000.00' },
      { id: hallIds[0], name: 'H-2', price: '42000.00' },
      { id: hallIds[2], name: 'H-3', price: '61000.50' },
    ]);
    expect((await listLocationStalls(db, annexe.locationId)).map((s) => s.name)).toEqual(['A-1', 'A-2']);
    expect(await listLocationStalls(db, 987_654_321)).toEqual([]);
  });

  it('lists the locations without their stalls', async () => {
    const listed = (await listBoothLocations(db)).filter((l) => [hall.locationId, annexe.locationId].includes(l.id));
    expect(listed).toEqual([
      { id: annexe.locationId, name: annexe.name, event_start_date: null, event_end_date: null },
      { id: hall.locationId, name: hall.name, event_start_date: '2027-01-10', event_end_date: '2027-01-14' },
    ]);
  });
});

describe('listLocationStallsAction', () => {
  it('answers the stalls of the location asked for, to any role that records entries', async () => {
    for (const role of ['employee', 'manager', 'admin'] as const) {
      session.user = { ...employee, role };
      const answer = await listLocationStallsAction(annexe.locationId);
      expect(answer).toEqual({
        ok: true,
        data: [expect.objectContaining({ name: 'A-1' }), expect.objectContaining({ name: 'A-2' })],
      });
    }
  });

  it('refuses without a session and for a role without recordEntries', async () => {
    session.user = null;
    expect(await listLocationStallsAction(hall.locationId)).toEqual({
      ok: false,
      message: 'Your session has ended. Sign in again.',
      code: 'SESSION_ENDED',
    });
    // Every role of today's matrix records entries; a role outside it (a future read-only one) must not.
    session.user = { ...employee, role: 'viewer' as SessionUser['role'] };
    expect(await listLocationStallsAction(hall.locationId)).toEqual({
      ok: false,
      message: 'Your role does not allow this.',
      code: 'FORBIDDEN',
    });
  });

  it('refuses an id that is not a plain positive number, and reads nothing', async () => {
    session.user = employee;
    for (const bad of ['abc', '1e3', '0x10', '-1', ' 7', '', 0, -3, 1.5, Number.MAX_SAFE_INTEGER + 2, null, {}]) {
      expect(await listLocationStallsAction(bad as never)).toEqual({
        ok: false,
        message: 'Choose the location from the list.',
        code: 'UNREADABLE',
      });
    }
    // The same id as text (a select's value) is read.
    expect(await listLocationStallsAction(String(annexe.locationId))).toMatchObject({ ok: true });
  });
});
