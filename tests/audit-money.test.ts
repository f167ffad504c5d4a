/**
 * The audit trail of the money-changing writes (issue 15) on the real
 * database: a booth booking, a payment, a cancellation, a merge, an import
 * chunk and its revert, a hand resolution and the legacy backfill each write
 * their audit row in their own transaction — with the before/after images
 * worked out by hand below — a replay writes none, and a refused write
 * leaves none. Every time is pinned.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, db, type Db } from '@/db';
import { runBackfill } from '@/db/legacy/backfill';
import { resolveByHand } from '@/db/legacy/resolve';
import { migrateDatabase } from '@/db/migrate';
import { rowsOf, useCompoundStatements } from '@/db/rows';
import { auditLog, contacts, followUps, users } from '@/db/schema';
import { runAs } from '@/db/services/audit';
import { cancelBooking, recordPayment } from '@/db/services/bookings';
import { importChunk, revertImport, startImport } from '@/db/services/contact-imports';
import { mergeContacts } from '@/db/services/contact-merge';
import { DomainError } from '@/lib/errors';
import { ulid } from '@/lib/ulid';
import { createDatabase, dropDatabase } from '@/scripts/local-db';

import {
  errorOf,
  makeBooking,
  makeExhibitor,
  makeLocation,
  makeUser,
  makeVisitor,
  makeWorld,
  recordTalk,
  uniquePhone,
} from './helpers/factories';

type AuditRow = {
  at: Date;
  user_id: string | null;
  origin: string;
  origin_detail: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
};

/** MariaDB's JSON is LONGTEXT: mysql2 hands it over as text. */
const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** The audit rows of one entity, oldest first, the images parsed. */
async function auditOf(entity: string, entityId: string, on: Db = db): Promise<AuditRow[]> {
  const rows = await on
    .select({
      at: auditLog.at,
      user_id: auditLog.user_id,
      origin: auditLog.origin,
      origin_detail: auditLog.origin_detail,
      action: auditLog.action,
      entity: auditLog.entity,
      entity_id: auditLog.entity_id,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entity_id, entityId)))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => ({ ...r, before: parsed(r.before), after: parsed(r.after) }));
}

/** The first key of an image (an object). */
const firstKey = (image: unknown): string => Object.keys(image as object)[0] ?? '';

/** How many audit rows of an action there are in all (test files run one after another, so this is stable within a test). */
async function countOf(action: string, on: Db = db): Promise<number> {
  const [row] = await rowsOf<{ n: unknown }>(
    on,
    sql`select count(*) as n from ${auditLog} where ${auditLog.action} = ${action}`,
  );
  return Number(row!.n);
}

const TALK_AT = new Date('2027-01-11T05:30:00.000Z');

/** A world and a booth talk that books its first stall on 12 Jan 2027: ₹50,000, ₹20,000.50 paid (typed without the paise). */
async function bookedWorld(key = ulid()) {
  const w = await makeWorld();
  const input = {
    idempotency_key: key,
    exhibitor_id: w.exhibitor.id,
    phone: uniquePhone(),
    table_id: w.location.stallIds[0]!,
    campaign_id: w.campaign.id,
    outcome: 'materialised' as const,
    booking: { booking_date: '2027-01-12', price: '50000', amount_paid: '20000.5' },
    at: TALK_AT,
  };
  const entry = await recordTalk(w.employee.id, input);
  return { ...w, input, entry, bookingId: entry.booking!.id };
}

describe('a booth booking', () => {
  it('writes one booking.created row with the booking as stored and its author; a replay writes none', async () => {
    const before = Date.now();
    const w = await bookedWorld();
    const rows = await auditOf('booking', w.bookingId);
    // Stamped when written, not with the talk's own (device) time.
    expect(rows[0]!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(rows[0]!.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(rows).toEqual([
      {
        at: rows[0]!.at,
        user_id: w.employee.id,
        origin: 'script',
        origin_detail: expect.any(String) as unknown,
        action: 'booking.created',
        entity: 'booking',
        entity_id: w.bookingId,
        before: null,
        after: {
          exhibitor_id: w.exhibitor.id,
          campaign_id: w.campaign.id,
          table_id: w.location.stallIds[0],
          booking_date: '2027-01-12',
          price: '50000.00',
          amount_paid: '20000.50',
          amount_status: 'partial',
          follow_up_id: w.entry.followUpId,
        },
      },
    ]);

    const replay = await recordTalk(w.employee.id, w.input);
    expect(replay).toMatchObject({ replayed: true, booking: { id: w.bookingId } });
    expect(await auditOf('booking', w.bookingId)).toHaveLength(1);
  });

  it('names the screen it came from when an action runs it', async () => {
    const w = await makeWorld();
    const entry = await runAs({ userId: w.employee.id, origin: 'screen', detail: '/booth' }, () =>
      recordTalk(w.employee.id, {
        exhibitor_id: w.exhibitor.id,
        phone: uniquePhone(),
        table_id: w.location.stallIds[1]!,
        outcome: 'materialised',
        booking: { booking_date: '2027-01-13', price: '40000.00', amount_paid: '40000.00' },
        at: TALK_AT,
      }),
    );
    const [row] = await auditOf('booking', entry.booking!.id);
    expect(row).toMatchObject({ user_id: w.employee.id, origin: 'screen', origin_detail: '/booth' });
    expect(row!.after).toMatchObject({ campaign_id: null, price: '40000.00', amount_status: 'paid' });
  });

  it('writes the same row when the batch is sent statement by statement (as on MySQL)', async () => {
    useCompoundStatements(false);
    try {
      const w = await bookedWorld();
      expect(await auditOf('booking', w.bookingId)).toMatchObject([
        { action: 'booking.created', user_id: w.employee.id, after: { price: '50000.00', amount_paid: '20000.50' } },
      ]);
      const before = await countOf('booking.created');
      const taken = await errorOf(
        recordTalk(w.employee.id, { ...w.input, idempotency_key: ulid(), exhibitor_id: (await makeExhibitor()).id }),
      );
      expect((taken as DomainError).code).toBe('STALL_TAKEN');
      expect(await countOf('booking.created')).toBe(before);
    } finally {
      useCompoundStatements(null);
    }
  });

  it('a talk without a booking writes none', async () => {
    const w = await makeWorld();
    const before = await countOf('booking.created');
    await recordTalk(w.employee.id, {
      exhibitor_id: w.exhibitor.id,
      phone: uniquePhone(),
      table_id: w.location.stallIds[0]!,
      outcome: 'interested',
      at: TALK_AT,
    });
    expect(await countOf('booking.created')).toBe(before);
  });

  it('a stall already sold (STALL_TAKEN) leaves no audit row', async () => {
    const w = await bookedWorld();
    const other = await makeExhibitor();
    const before = await countOf('booking.created');
    const error = await errorOf(
      recordTalk(w.employee.id, {
        exhibitor_id: other.id,
        phone: uniquePhone(),
        table_id: w.location.stallIds[0]!,
        outcome: 'materialised',
        booking: { booking_date: '2027-01-12', price: '50000.00', amount_paid: '0.00' },
        at: TALK_AT,
      }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('STALL_TAKEN');
    expect(await countOf('booking.created')).toBe(before);
  });
});

describe('a payment and a cancellation', () => {
  const PAID_AT = new Date('2027-01-12T06:00:00.000Z');
  const CANCELLED_AT = new Date('2027-01-12T07:00:00.000Z');

  it('a payment writes the amounts before and after; a replay writes none; a payment above the price none', async () => {
    const w = await bookedWorld();
    const key = ulid();
    const payment = { idempotency_key: key, booking_id: w.bookingId, amount: '10000', at: PAID_AT };
    await recordPayment(db, w.employee.id, payment);
    const expected = {
      at: PAID_AT,
      user_id: w.employee.id,
      action: 'payment.recorded',
      before: { amount_paid: '20000.50', amount_status: 'partial' },
      after: { amount_paid: '30000.50', amount_status: 'partial', amount: '10000.00' },
    };
    expect((await auditOf('booking', w.bookingId)).slice(1)).toMatchObject([expected]);

    expect(await recordPayment(db, w.employee.id, payment)).toMatchObject({ replayed: true });
    // ₹19,999.50 is outstanding: ₹20,000 is refused, and nothing is written.
    const error = await errorOf(
      recordPayment(db, w.employee.id, {
        idempotency_key: ulid(),
        booking_id: w.bookingId,
        amount: '20000',
        at: PAID_AT,
      }),
    );
    expect((error as DomainError).code).toBe('PAYMENT_EXCEEDS_PRICE');
    expect((await auditOf('booking', w.bookingId)).map((r) => r.action)).toEqual([
      'booking.created',
      'payment.recorded',
    ]);

    // The rest, paid in full.
    await recordPayment(db, w.employee.id, {
      idempotency_key: ulid(),
      booking_id: w.bookingId,
      amount: '19999.50',
      at: new Date('2027-01-12T06:30:00.000Z'),
    });
    expect((await auditOf('booking', w.bookingId)).at(-1)).toMatchObject({
      action: 'payment.recorded',
      before: { amount_paid: '30000.50', amount_status: 'partial' },
      after: { amount_paid: '50000.00', amount_status: 'paid', amount: '19999.50' },
    });
  });

  it('a cancellation writes when and why; a refused one writes nothing', async () => {
    const w = await bookedWorld();
    const other = await makeUser({ role: 'employee' });
    const refused = await errorOf(
      cancelBooking(db, { id: other.id, role: 'employee' }, { idempotency_key: ulid(), booking_id: w.bookingId }),
    );
    expect((refused as DomainError).code).toBe('FORBIDDEN');
    expect(await auditOf('booking', w.bookingId)).toHaveLength(1);

    const manager = await makeUser({ role: 'manager' });
    const key = ulid();
    const input = { idempotency_key: key, booking_id: w.bookingId, reason: 'Company pulled out', at: CANCELLED_AT };
    await cancelBooking(db, { id: manager.id, role: 'manager' }, input);
    await cancelBooking(db, { id: manager.id, role: 'manager' }, input); // the replay
    const rows = await auditOf('booking', w.bookingId);
    expect(rows.map((r) => r.action)).toEqual(['booking.created', 'booking.cancelled']);
    expect(rows[1]).toMatchObject({
      at: CANCELLED_AT,
      user_id: manager.id,
      before: { amount_status: 'partial', cancelled_at: null },
      after: { cancelled_at: CANCELLED_AT.toISOString(), reason: 'Company pulled out' },
    });

    // Cancelled: no more payments, and no audit row for the refusal.
    const error = await errorOf(
      recordPayment(db, w.employee.id, { idempotency_key: ulid(), booking_id: w.bookingId, amount: '100' }),
    );
    expect((error as DomainError).code).toBe('BOOKING_CANCELLED');
    expect(await auditOf('booking', w.bookingId)).toHaveLength(2);
  });
});

describe('a contact merge', () => {
  it('writes contact.merged on the survivor: what it took over, and the blanks it filled', async () => {
    const admin = await makeUser({ role: 'admin' });
    const employee = await makeUser();
    const survivor = await makeExhibitor({ email: null });
    const merged = await makeExhibitor({ email: 'sales@merged.test' });
    await makeBooking({ employeeId: employee.id, over: { exhibitor_id: merged.id } });
    const at = new Date('2027-02-01T09:00:00.000Z');
    const input = {
      idempotency_key: ulid(),
      type: 'exhibitor' as const,
      survivor_id: survivor.id,
      merged_id: merged.id,
      at,
    };
    const result = await mergeContacts(db, admin.id, input);
    await mergeContacts(db, admin.id, input); // the replay
    const rows = await auditOf('contact', survivor.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      at,
      user_id: admin.id,
      action: 'contact.merged',
      before: { type: 'exhibitor', merged_id: merged.id, merged_name: merged.name, fields: { email: null } },
      after: {
        merge_id: result.mergeId,
        merged_id: merged.id,
        moved: { bookings: 1, follow_ups: 0, conversations: 0, recipients: 0, leads_combined: 0 },
        fields: { email: 'sales@merged.test' },
      },
    });

    // Merging it again is refused (already merged): nothing more is written.
    const again = await errorOf(mergeContacts(db, admin.id, { ...input, idempotency_key: ulid() }));
    expect(again).toBeInstanceOf(DomainError);
    expect(await auditOf('contact', survivor.id)).toHaveLength(1);
  });
});

describe('a contact import', () => {
  it('writes contact.imported per chunk (origin import), none for a re-sent chunk, and contact.import_reverted', async () => {
    const admin = await makeUser({ role: 'admin' });
    const existing = await makeVisitor();
    const id = ulid();
    const now = new Date('2027-03-01T08:00:00.000Z');
    await startImport(
      db,
      admin.id,
      {
        id,
        type: 'visitor',
        mode: 'upsert',
        fileName: 'audit.csv',
        mapping: { Name: 'name', Phone: 'phone' },
        rowsTotal: 3,
      },
      now,
    );
    const rows = [
      { line: 2, cells: { name: 'New One', phone: uniquePhone() }, dupOf: null },
      { line: 3, cells: { name: 'New Two', phone: uniquePhone() }, dupOf: null },
      { line: 4, cells: { name: 'Renamed', phone: existing.phone! }, dupOf: null },
    ];
    await importChunk(db, id, rows.slice(0, 2), now);
    await importChunk(db, id, rows.slice(0, 2), now); // re-sent: nothing new
    // A chunk that skips ahead is refused: no row for it.
    const ahead = { line: 5, cells: { name: 'Too Far', phone: uniquePhone() }, dupOf: null };
    expect(await errorOf(importChunk(db, id, [ahead], now))).toBeInstanceOf(DomainError);
    const later = new Date('2027-03-01T08:05:00.000Z');
    await importChunk(db, id, rows.slice(1), later); // lines 3–4: only 4 is new
    const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, invalid: 0, duplicate: 0 };
    expect(await auditOf('contact_import', id)).toMatchObject([
      {
        at: now,
        user_id: admin.id,
        origin: 'import',
        action: 'contact.imported',
        before: null,
        after: { type: 'visitor', mode: 'upsert', rows: 2, first_line: 2, last_line: 3, ...counts, created: 2 },
      },
      {
        at: later,
        origin: 'import',
        action: 'contact.imported',
        after: { rows: 1, first_line: 4, last_line: 4, ...counts, updated: 1 },
      },
    ]);

    const revertedAt = new Date('2027-03-02T08:00:00.000Z');
    await revertImport(db, id, admin.id, revertedAt);
    const all = await auditOf('contact_import', id);
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({
      at: revertedAt,
      user_id: admin.id,
      action: 'contact.import_reverted',
      before: { status: 'done' },
      after: { status: 'reverted', deleted: 2, soft_deleted: 0, restored: 1 },
    });
    // Reverting twice is refused: nothing more.
    expect(await errorOf(revertImport(db, id, admin.id))).toBeInstanceOf(DomainError);
    expect(await auditOf('contact_import', id)).toHaveLength(3);
  });
});

describe('a legacy hand resolution', () => {
  it('writes legacy.resolved with the field before and after; a refused one writes nothing', async () => {
    const admin = await makeUser({ role: 'admin' });
    const employee = await makeUser();
    const location = await makeLocation();
    const bookingId = await makeBooking({ employeeId: employee.id, over: { location_id: null, table_id: null } });

    const refused = await errorOf(
      resolveByHand(db, admin.id, { entity: 'booking', row_id: bookingId, field: 'table_id', value: '1' }),
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect(await auditOf('booking', bookingId)).toEqual([]);

    await resolveByHand(db, admin.id, {
      entity: 'booking',
      row_id: bookingId,
      field: 'location_id',
      value: String(location.locationId),
    });
    await resolveByHand(db, admin.id, {
      entity: 'booking',
      row_id: bookingId,
      field: 'table_id',
      value: String(location.stallIds[1]),
    });
    // Both in the same millisecond, maybe: in the order of their fields, not of their ids.
    const rows = (await auditOf('booking', bookingId)).sort((a, b) =>
      firstKey(a.after).localeCompare(firstKey(b.after)),
    );
    expect(rows).toMatchObject([
      {
        user_id: admin.id,
        action: 'legacy.resolved',
        before: { location_id: null },
        after: { location_id: location.locationId },
      },
      {
        user_id: admin.id,
        action: 'legacy.resolved',
        before: { table_id: null },
        after: { table_id: location.stallIds[1] },
      },
    ]);
  });
});

describe('the legacy backfill', () => {
  // A database of its own: the backfill goes over every row.
  const url = (() => {
    const u = new URL(inject('databaseUrl'));
    u.pathname = `${u.pathname}_audit`;
    return u.toString();
  })();
  let pool: ReturnType<typeof createPool>;
  let own: Db;
  beforeAll(async () => {
    await dropDatabase(url);
    await createDatabase(url);
    await migrateDatabase(url);
    pool = createPool(url, 2);
    own = createDb(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await dropDatabase(url);
  });

  it('writes one legacy.backfilled row per batch that changed rows, naming each row and field; a dry run and a second run none', async () => {
    const employeeId = ulid();
    await own
      .insert(users)
      .values({ id: employeeId, name: 'Old App', email: 'old@audit.test', password: 'x', role: 'employee' });
    const visitorId = ulid();
    await own.insert(contacts).values({ id: visitorId, type: 'visitor', name: 'Old Visitor', phone: '+919876543210' });
    const [fu] = await own.insert(followUps).values({ phone: '098765 43210', employee_id: employeeId, status: 'busy' });
    const fuId = String(fu.insertId);
    const batches = async () =>
      (
        await own
          .select({ user_id: auditLog.user_id, entity: auditLog.entity, after: auditLog.after })
          .from(auditLog)
          .where(eq(auditLog.action, 'legacy.backfilled'))
          .orderBy(asc(auditLog.id))
      )
        .map((r) => ({ ...r, after: parsed(r.after) as { fields: string[] } }))
        // Batches a millisecond apart or less: in the order of their steps (phones, then visitors), not of their ids.
        .sort((a, b) => a.after.fields[0]!.localeCompare(b.after.fields[0]!));

    await runBackfill(own, { dryRun: true });
    expect(await batches()).toEqual([]);

    await runBackfill(own);
    expect(await batches()).toEqual([
      {
        user_id: null,
        entity: 'legacy_batch',
        after: {
          entity: 'follow_up',
          fields: ['phone'],
          count: 1,
          rows: [{ id: fuId, field: 'phone', original: '098765 43210', value: '+919876543210' }],
        },
      },
      {
        user_id: null,
        entity: 'legacy_batch',
        after: {
          entity: 'follow_up',
          fields: ['visitor_id'],
          count: 1,
          rows: [{ id: fuId, field: 'visitor_id', original: '+919876543210', value: visitorId }],
        },
      },
    ]);
    const [row] = await own
      .select({ visitor_id: followUps.visitor_id })
      .from(followUps)
      .where(eq(followUps.id, fu.insertId));
    expect(row).toEqual({ visitor_id: visitorId });

    await runBackfill(own);
    expect(await batches()).toHaveLength(2);
  });
});
