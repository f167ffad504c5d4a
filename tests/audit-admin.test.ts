/**
 * The audit trail of admin changes (issue 15): every user, location, stall,
 * campaign, recipient and settings write leaves exactly one audit row, in its
 * own transaction, with the before and after images worked out by hand here;
 * a refused change leaves none, and no row ever holds password material.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import { auditLog, users } from '@/db/schema';
import { runAs } from '@/db/services/audit';
import {
  addRecipients,
  addRecipientsByFilter,
  createCampaign,
  markPendingSent,
  recordDeliveryResults,
  updateAttributionSettings,
  updateCampaign,
  type AttributionSettings,
} from '@/db/services/campaigns';
import { createLocation, createStall, deleteStall, updateLocation, updateStall } from '@/db/services/locations';
import { createUser, resetPassword, updateUser } from '@/db/services/users';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';

import {
  makeCampaign,
  makeConversation,
  makeExhibitor,
  makeLocation,
  makeRecipients,
  makeUser,
  makeVisitor,
  tag,
  uniquePhone,
} from './helpers/factories';

/** The audit rows of one entity, oldest first. */
const rowsOf = (entity: string, entityId: string | number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entity_id, String(entityId))))
    .orderBy(asc(auditLog.id));

/** Rows written under a screen path of our own: how a refused call is shown to have written nothing. */
const rowsFrom = (detail: string) => db.select().from(auditLog).where(eq(auditLog.origin_detail, detail));

/** Runs `fn` as `userId` on a unique screen path, and returns that path with the outcome. */
async function onScreen<T>(userId: string, fn: () => Promise<T>) {
  const detail = `/test/${tag()}`;
  const outcome = await runAs({ userId, origin: 'screen', detail }, () =>
    fn().then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error }),
    ),
  );
  return { detail, ...outcome };
}

const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : error);

let admin: { id: string };
beforeAll(async () => {
  admin = await makeUser({ role: 'admin' });
});

describe('users', () => {
  it('a created user: one row with name, email, role and active, and no password anywhere', async () => {
    const t = tag();
    const password = `secret-${t}-password`;
    const { detail, value: user } = await onScreen(admin.id, () =>
      createUser(db, { email: ` Person-${t}@Test.Invalid `, name: ` Person ${t} `, role: 'employee', password }),
    );
    const rows = await rowsOf('user', user!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.created',
      user_id: admin.id,
      origin: 'screen',
      origin_detail: detail,
      before: null,
      after: { name: `Person ${t}`, email: `person-${t}@test.invalid`, role: 'employee', active: true },
    });

    await resetPassword(db, { id: user!.id, password: `another-${t}-password` });
    const after = await rowsOf('user', user!.id);
    expect(after.map((r) => r.action)).toEqual(['user.created', 'user.password_reset']);
    // Without an actor the reset is a script's.
    expect(after[1]).toMatchObject({ user_id: null, origin: 'script', before: null, after: { sessions_ended: true } });

    const [stored] = await db.select({ hash: users.password }).from(users).where(eq(users.id, user!.id));
    const text = JSON.stringify(after);
    for (const secret of [password, `another-${t}-password`, stored!.hash, '$argon2'])
      expect(text).not.toContain(secret);
  });

  it('an update: the changed fields before and after (employee → manager), recorded as the screen’s user', async () => {
    const user = await makeUser({ role: 'employee' });
    await runAs({ userId: admin.id, origin: 'screen', detail: '/admin/users' }, () =>
      updateUser(db, { id: user.id, name: user.name, role: 'manager', active: true }),
    );
    const rows = await rowsOf('user', user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.updated',
      user_id: admin.id,
      origin: 'screen',
      origin_detail: '/admin/users',
      before: { role: 'employee' },
      after: { role: 'manager' },
    });

    await updateUser(db, { id: user.id, name: 'Renamed Person', role: 'manager', active: false });
    const [, second] = await rowsOf('user', user.id);
    expect(second).toMatchObject({
      before: { name: user.name, active: true },
      after: { name: 'Renamed Person', active: false },
    });
  });

  it('refused user changes write nothing', async () => {
    const existing = await makeUser();
    const duplicate = await onScreen(admin.id, () =>
      createUser(db, { email: existing.email, name: 'Someone Else', role: 'employee', password: 'long-enough-pw' }),
    );
    expect(codeOf(duplicate.error)).toBe('CONFLICT');
    const short = await onScreen(admin.id, () =>
      createUser(db, { email: `short-${tag()}@test.invalid`, name: 'Short', role: 'employee', password: 'x' }),
    );
    expect(codeOf(short.error)).toBe('INVALID');
    const missing = ulid();
    const update = await onScreen(admin.id, () =>
      updateUser(db, { id: missing, name: 'Nobody', role: 'admin', active: true }),
    );
    expect(codeOf(update.error)).toBe('NOT_FOUND');
    const reset = await onScreen(admin.id, () => resetPassword(db, { id: missing, password: 'long-enough-pw' }));
    expect(codeOf(reset.error)).toBe('NOT_FOUND');

    for (const { detail } of [duplicate, short, update, reset]) expect(await rowsFrom(detail)).toEqual([]);
    expect(await rowsOf('user', missing)).toEqual([]);
  });
});

describe('locations and stalls', () => {
  it('a location created and updated: its image after, then before and after', async () => {
    const created = { loc_name: `Hall ${tag()}`, address: null, event_start_date: '2027-01-10', event_end_date: null };
    const id = await createLocation(db, created);
    const changed = { ...created, address: 'Pragati Maidan', event_end_date: '2027-01-14' };
    await updateLocation(db, { id, ...changed });
    const rows = await rowsOf('location', id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ action: 'location.created', before: null, after: created });
    expect(rows[1]).toMatchObject({ action: 'location.updated', before: created, after: changed });
  });

  it('a stall created, repriced 30000.00 → 35000.00 and deleted', async () => {
    const { locationId } = await makeLocation({ stalls: 0 });
    const id = await createStall(db, { location_mngt_id: locationId, table_name: 'A-1', price: '30000.00' });
    await updateStall(db, { id, location_mngt_id: locationId, table_name: 'A-1', price: '35000.00' });
    await deleteStall(db, id);
    const rows = await rowsOf('stall', id);
    const image = (price: string) => ({ location_mngt_id: locationId, table_name: 'A-1', price });
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      ['stall.created', null, image('30000.00')],
      ['stall.updated', image('30000.00'), image('35000.00')],
      ['stall.deleted', image('35000.00'), null],
    ]);
  });

  it('refused stall changes write nothing', async () => {
    const { locationId, stallIds } = await makeLocation({ stalls: 2, prefix: 'B-' });
    const [b1, b2] = stallIds as [number, number];
    const taken = await onScreen(admin.id, () =>
      createStall(db, { location_mngt_id: locationId, table_name: 'B-1', price: '1000.00' }),
    );
    expect(codeOf(taken.error)).toBe('CONFLICT');
    const renamed = await onScreen(admin.id, () =>
      updateStall(db, { id: b2, location_mngt_id: locationId, table_name: 'B-1', price: '1000.00' }),
    );
    expect(codeOf(renamed.error)).toBe('CONFLICT');
    const elsewhere = await onScreen(admin.id, () =>
      updateStall(db, { id: b2, location_mngt_id: locationId + 1_000_000, table_name: 'B-9', price: '1.00' }),
    );
    expect(codeOf(elsewhere.error)).toBe('NOT_FOUND');
    const noLocation = await onScreen(admin.id, () =>
      updateLocation(db, {
        id: locationId + 1_000_000,
        loc_name: 'Nowhere',
        address: null,
        event_start_date: null,
        event_end_date: null,
      }),
    );
    expect(codeOf(noLocation.error)).toBe('NOT_FOUND');
    // A stall with a recorded talk stays.
    const employee = await makeUser();
    const exhibitor = await makeExhibitor();
    await makeConversation({ employeeId: employee.id, exhibitorId: exhibitor.id, over: { table_id: b1 } });
    const inUse = await onScreen(admin.id, () => deleteStall(db, b1));
    expect(codeOf(inUse.error)).toBe('STALL_HAS_BOOKINGS');

    for (const { detail } of [taken, renamed, elsewhere, noLocation, inUse]) expect(await rowsFrom(detail)).toEqual([]);
    expect(await rowsOf('stall', b1)).toEqual([]);
    expect(await rowsOf('stall', b2)).toEqual([]);
  });

  it('the audit row commits with the change: a caller’s transaction rolled back takes both', async () => {
    const { locationId } = await makeLocation({ stalls: 0 });
    let id = 0;
    const rollback = new Error('rolled back on purpose');
    await expect(
      db.transaction(async (tx) => {
        id = await createStall(tx, { location_mngt_id: locationId, table_name: 'C-1', price: '100.00' });
        expect(
          await tx
            .select()
            .from(auditLog)
            .where(eq(auditLog.entity_id, String(id))),
        ).toHaveLength(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await rowsOf('stall', id)).toEqual([]);
  });
});

describe('campaigns', () => {
  const input = {
    name: `Campaign ${tag()}`,
    channel: 'whatsapp' as const,
    message: 'Visit us',
    status: 'draft' as const,
    sent_on: null,
  };

  it('created by its user, then updated: before and after', async () => {
    const creator = await makeUser({ role: 'manager' });
    // The service is given its author: the row names them even without a screen.
    const id = await createCampaign(db, creator.id, input, new Date('2027-01-01T09:00:00Z'));
    await updateCampaign(db, { id, ...input, status: 'sent', sent_on: '2027-01-05' });
    const rows = await rowsOf('campaign', id);
    expect(rows).toHaveLength(2);
    const draft = { name: input.name, channel: 'whatsapp', message: 'Visit us', status: 'draft', sent_at: null };
    expect(rows[0]).toMatchObject({ action: 'campaign.created', user_id: creator.id, before: null, after: draft });
    expect(rows[1]).toMatchObject({
      action: 'campaign.updated',
      before: draft,
      after: { ...draft, status: 'sent', sent_at: '2027-01-05T00:00:00.000Z' },
    });
  });

  it('recipients added from rows and by a filter, results recorded, pending marked sent: one row per call', async () => {
    const campaign = await makeCampaign({ status: 'draft', sent_at: null });
    const [p1, p2, p3] = [uniquePhone(), uniquePhone(), uniquePhone()];
    await makeRecipients(campaign.id, [p1]);
    // p1 already there, p2 new, p3 twice (one duplicate), one invalid.
    const csv = await addRecipients(db, campaign.id, [
      { line: 2, phone: p1 },
      { line: 3, phone: p2 },
      { line: 4, phone: p3 },
      { line: 5, phone: p3 },
      { line: 6, phone: '12' },
    ]);
    expect(csv).toMatchObject({ added: 2, already: 1, duplicates: 1 });

    // A city of our own: three visitors, one of them (p2) on the campaign already.
    const city = `City ${tag()}`;
    const p4 = uniquePhone();
    await makeVisitor({ city, phone: p2 });
    await makeVisitor({ city, phone: p4 });
    await makeVisitor({ city, phone: uniquePhone() });
    const filter = { type: 'visitor' as const, city, talked_to: null };
    expect(await addRecipientsByFilter(db, campaign.id, filter)).toEqual({ added: 2 });

    await recordDeliveryResults(db, campaign.id, [
      { line: 2, phone: p1, status: 'sent' },
      { line: 3, phone: p2, status: 'failed', error: 'Blocked' },
      { line: 4, phone: uniquePhone(), status: 'sent' },
    ]);
    expect(await markPendingSent(db, campaign.id, new Date('2027-01-06T10:00:00Z'))).toEqual({ marked: 3 });

    const rows = await rowsOf('campaign', campaign.id);
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      ['recipients.added', null, { source: 'csv', rows: 5, added: 2, already: 1, invalid: 1, duplicates: 1 }],
      ['recipients.added', null, { source: 'filter', filter, phones: 3, added: 2, already: 1 }],
      [
        'recipients.delivery_results',
        { status: 'draft' },
        { status: 'sending', results: 3, updated: 2, sent: 1, failed: 1, unknown: 1 },
      ],
      // p3, p4 and the third visitor were still pending.
      ['recipients.marked_sent', { status: 'sending' }, { status: 'sent', marked: 3 }],
    ]);
  });

  it('refused campaign changes write nothing', async () => {
    const missing = ulid();
    const calls: (() => Promise<unknown>)[] = [
      () => updateCampaign(db, { id: missing, ...input }),
      () => addRecipients(db, missing, [{ line: 2, phone: uniquePhone() }]),
      () => addRecipientsByFilter(db, missing, { type: 'any', city: null, talked_to: null }),
      () => recordDeliveryResults(db, missing, [{ line: 2, phone: uniquePhone(), status: 'sent' }]),
      () => markPendingSent(db, missing),
    ];
    for (const call of calls) {
      const { detail, error } = await onScreen(admin.id, call);
      expect(codeOf(error)).toBe('NOT_FOUND');
      expect(await rowsFrom(detail)).toEqual([]);
    }
    expect(await rowsOf('campaign', missing)).toEqual([]);
  });
});

describe('settings', () => {
  let saved: AttributionSettings;
  beforeAll(async () => {
    const current = await db.query.appSettings.findFirst();
    saved = {
      attribution_window_days: current?.attribution_window_days ?? 30,
      attribution_model: current?.attribution_model ?? 'last',
    };
  });
  afterAll(async () => {
    await updateAttributionSettings(db, admin.id, saved);
  });

  it('the window and model before and after, by the user the service is given', async () => {
    const editor = await makeUser({ role: 'admin' });
    await updateAttributionSettings(db, admin.id, { attribution_window_days: 30, attribution_model: 'last' });
    const detail = `/test/${tag()}`;
    await runAs({ userId: admin.id, origin: 'screen', detail }, () =>
      updateAttributionSettings(db, editor.id, { attribution_window_days: 14, attribution_model: 'first' }),
    );
    const rows = await rowsFrom(detail);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'settings.updated',
      entity: 'settings',
      entity_id: '1',
      user_id: editor.id,
      origin: 'screen',
      before: { attribution_window_days: 30, attribution_model: 'last' },
      after: { attribution_window_days: 14, attribution_model: 'first' },
    });
  });
});
