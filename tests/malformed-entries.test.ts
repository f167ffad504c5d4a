/**
 * Every malformed booth submission gets a field error — never a
 * fault (an HTTP 500), never a stored row. fast-check builds hundreds of
 * malformed forms from a valid one and runs each through the booth action's
 * own path (lib/form-action.ts handleForm with recordEntrySchema, then
 * recordEntry) on the real database.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { resolveByHandSchema } from '@/app/(app)/admin/import/schema';
import { stallSchema } from '@/app/(app)/admin/locations/schema';
import { recordEntrySchema } from '@/app/(app)/booth/schema';
import { db } from '@/db';
import { contacts, locations, stalls } from '@/db/schema';
import { recordEntry } from '@/db/services/entries';
import { createStall } from '@/db/services/locations';
import { todayInIndia } from '@/lib/dates';
import { handleCall, handleForm } from '@/lib/form-action';
import { MAX_BOOKING_PRICE } from '@/lib/money';
import { ulid } from '@/lib/ulid';

import { makeCampaign, makeExhibitor, makeLocation, makeUser, uniquePhone } from './helpers/factories';

type Form = Record<string, string>;
type World = {
  user: { id: string; role: 'employee' };
  valid: Form;
  deletedExhibitor: string;
  otherLocationStall: number;
};

let w: World;

beforeAll(async () => {
  const user = await makeUser();
  const exhibitor = await makeExhibitor();
  const deleted = await makeExhibitor();
  await db
    .update(contacts)
    .set({ deleted_at: new Date() })
    .where(sql`${contacts.id} = ${deleted.id}`);
  // The event runs 1–5 Jan 2030.
  const location = await makeLocation({
    name: `Expo ${ulid().slice(-6)}`,
    stalls: ['T-1'],
    event: { start: '2030-01-01', end: '2030-01-05' },
  });
  const other = await makeLocation({
    name: `Other ${ulid().slice(-6)}`,
    stalls: ['X-1'],
    event: { start: '2031-03-01', end: '2031-03-02' },
  });
  const campaign = await makeCampaign({ name: `Invite ${ulid().slice(-6)}` });
  const stall = location.stallIds[0]!;
  w = {
    user: { id: user.id, role: 'employee' },
    deletedExhibitor: deleted.id,
    otherLocationStall: other.stallIds[0]!,
    valid: {
      idempotency_key: ulid(),
      exhibitor_id: exhibitor.id,
      phone: uniquePhone(),
      location_id: String(location.locationId),
      table_id: String(stall),
      campaign_id: campaign.id,
      outcome: 'materialised',
      notes: 'Wants a corner',
      next_followup_date: '',
      next_followup_time: '',
      booking_date: '2030-01-02',
      booking_table_id: String(stall),
      price: '50000',
      amount_paid: '10000',
    },
  };
});

async function rowCounts() {
  const [[row]] = (await db.execute(sql`
    select (select count(*) from follow_ups) f, (select count(*) from conversations) c, (select count(*) from bookings) b,
           (select count(*) from contacts) k, (select count(*) from idempotency_keys) i`)) as unknown as [
    [Record<string, number>],
  ];
  return Object.values(row).map(Number);
}

const submit = (form: Form) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(form)) data.set(k, v);
  return handleForm(w.user, 'recordEntries', recordEntrySchema, data, async (input, user) => ({
    ok: true,
    data: await recordEntry(db, user.id, input),
  }));
};

/* -------------------------------------------------------- malformed values */

/** Relative to the real clock, so the suite passes whatever day it runs. */
const tomorrow = () => todayInIndia(new Date(Date.now() + 86_400_000));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Calendar dates that do not exist: day 29–31 past the month's end, month 0 or 13+, day 0. */
const impossibleDate = fc.oneof(
  fc
    .record({
      y: fc.integer({ min: 2000, max: 2099 }),
      m: fc.constantFrom(2, 4, 6, 9, 11),
      d: fc.integer({ min: 31, max: 31 }),
    })
    .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`),
  fc
    .integer({ min: 2001, max: 2099 })
    .filter((y) => y % 4 !== 0)
    .map((y) => `${y}-02-29`),
  fc
    .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 13, max: 99 }) })
    .map(({ y, m }) => `${y}-${pad(m)}-10`),
  fc.integer({ min: 2000, max: 2099 }).map((y) => `${y}-01-00`),
  fc.constantFrom('2024-02-30', '2025-04-31', '2030-02-30'),
);
/** Real dates beyond the sane years, and text that is no date at all. */
const outOfRangeOrJunkDate = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '0999-12-31',
    '1000-01-01',
    '1999-01-01',
    '9999-12-31',
    '2100-01-01',
    '-2024-01-01',
    '+02024-01-01',
  ),
  fc.constantFrom(
    '2030-1-2',
    '2030/01/02',
    '02-01-2030',
    '2030-01-02T00:00',
    '20300102',
    'tomorrow',
    '1e3',
    ' ',
    'null',
  ),
  fc.string({ maxLength: 12 }).filter((s) => !/^\s*$/.test(s) && !/^\d{4}-\d{2}-\d{2}$/.test(s.trim())),
);
const badDate = fc.oneof(impossibleDate, outOfRangeOrJunkDate);
/** A real date in the sane years but outside the event (1–5 Jan 2030). */
const outsideEvent = fc.oneof(
  fc.constantFrom('2029-12-31', '2030-01-06', '2000-01-01', '2099-12-31'),
  fc.integer({ min: 6, max: 31 }).map((d) => `2030-01-${pad(d)}`),
);
const badTime = fc.oneof(
  fc.constantFrom('99:99', '25:61', '12:60', '24:00', '9:05', '12:5', '12-30', '1230', 'noon', '12:30:00', '-1:00'),
  fc
    .record({ h: fc.integer({ min: 24, max: 99 }), m: fc.integer({ min: 0, max: 99 }) })
    .map(({ h, m }) => `${pad(h)}:${pad(m)}`),
  fc
    .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 60, max: 99 }) })
    .map(({ h, m }) => `${pad(h)}:${pad(m)}`),
);
const badNumericId = fc.oneof(
  fc.constantFrom(
    '1e3',
    '0x10',
    '-1',
    '0',
    '1.5',
    ' 7',
    '7 ',
    '+7',
    '007',
    'NaN',
    'Infinity',
    '9007199254740993',
    '99999999999999999999',
    'abc',
    '1,2',
  ),
  fc.integer({ min: 900_000_000, max: 2_000_000_000 }).map(String), // no such row
);
const badUlid = fc.oneof(
  fc.constantFrom(
    '',
    'not-a-ulid',
    '01ARZ3NDEKTSV4RRFFQ69G5FA',
    '01arz3ndektsv4rrffq69g5fav',
    '01ARZ3NDEKTSV4RRFFQ69G5FAVX',
    'ILOU0000000000000000000000',
  ),
  fc.constant(ulid()), // well-formed, but no such company or campaign
);
const badAmount = fc.oneof(
  fc.constantFrom(
    '-1',
    '-0.01',
    'abc',
    '1.234',
    '1e5',
    '₹500',
    '50,00,000.001',
    '',
    '9999999999999.99',
    '10000000000000',
    '0x10',
  ),
  fc
    .bigInt({ min: 10_000_000_001n, max: 999_999_999_999_99n })
    .map((paise) => `${paise / 100n}.${pad(Number(paise % 100n))}`), // above ₹10 crore
);
const badKey = fc.oneof(
  fc.constantFrom(
    'demo-seed-unfinished',
    'seed-demo',
    '',
    'short',
    'x'.repeat(65),
    '00000000-0000-0000-0000-000000000000',
    '01ARZ3NDEKTSV4RRFFQ69G5FA',
  ),
  fc.string({ minLength: 16, maxLength: 64 }).filter((s) => /^[0-9A-Za-z-]+$/.test(s)),
);

/** One malformed form: the valid one with one or two fields made bad (each needing the others to be valid). */
const malformed = fc.oneof(
  badDate.map((v) => ({ booking_date: v })),
  outsideEvent.map((v) => ({ booking_date: v })),
  badDate.map((v) => ({ outcome: 'interested', next_followup_date: v })),
  badTime.map((v) => ({ outcome: 'interested', next_followup_date: tomorrow(), next_followup_time: v })),
  badDate
    .map((v) => ({
      outcome: 'busy',
      next_followup_date: tomorrow(),
      next_followup_time: '10:00',
      booking_date: v,
      price: 'junk',
    }))
    .map(({ next_followup_date }) => ({ outcome: 'busy', next_followup_date: `${next_followup_date}x` })),
  badNumericId.map((v) => ({ location_id: v })),
  badNumericId.map((v) => ({ table_id: v })),
  badNumericId.map((v) => ({ booking_table_id: v })),
  badUlid.map((v) => ({ exhibitor_id: v })),
  badUlid.filter((v) => v !== '').map((v) => ({ campaign_id: v })),
  fc.constant(null).map(() => ({ exhibitor_id: w.deletedExhibitor })),
  fc.constant(null).map(() => ({ booking_table_id: String(w.otherLocationStall), booking_date: '2030-01-02' })),
  badAmount.map((v) => ({ price: v })),
  badAmount.filter((v) => v !== '').map((v) => ({ amount_paid: v })),
  fc.constant({ price: '1000', amount_paid: '1000.01' }),
  fc.constant({ price: MAX_BOOKING_PRICE, amount_paid: '0', booking_date: '2030-01-32' }),
  badKey.map((v) => ({ idempotency_key: v })),
  fc.constantFrom('', 'abc', '12345', '+1', '0000000000').map((v) => ({ phone: v })),
  fc.constantFrom('', 'sold', 'MATERIALISED', 'materialised ').map((v) => ({ outcome: v })),
  fc.constant({ notes: 'x'.repeat(5001) }),
  fc.constant({ outcome: 'busy', next_followup_date: '', next_followup_time: '10:00' }),
);

describe('malformed booth submissions', () => {
  it('each one gets a field error and stores nothing (hundreds of generated forms)', async () => {
    const before = await rowCounts();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async (change) => {
        runs++;
        const state = await submit({ ...w.valid, idempotency_key: ulid(), phone: uniquePhone(), ...change });
        expect(state.ok, JSON.stringify(change)).toBe(false);
        const fields = Object.entries(state.fieldErrors ?? {}).filter(([, messages]) => messages?.length);
        expect(fields.length, `${JSON.stringify(change)} → ${state.message}`).toBeGreaterThan(0);
        for (const [, messages] of fields) for (const m of messages!) expect(m.length).toBeGreaterThan(5);
      }),
      { numRuns: 400, seed: 10 },
    );
    expect(runs).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('the same valid form is stored (the generator starts from a form that works)', async () => {
    const before = await rowCounts();
    const state = await submit({ ...w.valid, idempotency_key: ulid(), phone: uniquePhone() });
    expect(state.message).toBeUndefined();
    expect(state.ok).toBe(true);
    const after = await rowCounts();
    expect(after[2]).toBe(before[2]! + 1); // one booking
  });

  it('names the event dates when the booking date is outside them', async () => {
    const state = await submit({
      ...w.valid,
      idempotency_key: ulid(),
      phone: uniquePhone(),
      booking_date: '9999-12-31',
    });
    expect(state.fieldErrors?.booking_date?.[0]).toMatch(/between 2000 and 2099/);
    const outside = await submit({
      ...w.valid,
      idempotency_key: ulid(),
      phone: uniquePhone(),
      booking_date: '2030-01-06',
    });
    expect(outside.fieldErrors?.booking_date?.[0]).toBe(
      `${await locationName()} runs from 1 Jan 2030 to 5 Jan 2030. Choose a booking date within the event.`,
    );
  });

  it('refuses a reserved or non-client key, and anything that is not a form', async () => {
    const reserved = await submit({ ...w.valid, idempotency_key: 'demo-seed-unfinished', phone: uniquePhone() });
    expect(reserved.fieldErrors?.idempotency_key).toEqual(['Reload the page and try again.']);
    for (const notAForm of [null, 'a string', { exhibitor_id: w.valid.exhibitor_id }, [1, 2], 42]) {
      const state = await handleForm(w.user, 'recordEntries', recordEntrySchema, notAForm, async () => ({ ok: true }));
      expect(state).toEqual({
        ok: false,
        message: 'This request could not be read as the form. Reload the page and try again.',
        code: 'UNREADABLE',
      });
    }
  });
});

async function locationName() {
  const [[row]] = (await db.execute(
    sql`select l.loc_name as name from ${stalls} s join ${locations} l on l.id = s.location_mngt_id where s.id = ${Number(w.valid.booking_table_id)}`,
  )) as unknown as [[{ name: string }]];
  return row.name;
}

describe('malformed admin forms', () => {
  it('a stall for a location that does not exist is a field error, not a fault', async () => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ location_mngt_id: '987654321', table_name: 'Z-1', price: '1000' }))
      data.set(k, v);
    const admin = { id: w.user.id, role: 'admin' as const };
    const state = await handleForm(admin, 'manage', stallSchema, data, async (input) => ({
      ok: true,
      data: await createStall(db, input),
    }));
    expect(state).toMatchObject({ ok: false, fieldErrors: { location_mngt_id: ['That location no longer exists.'] } });
    for (const bad of ['1e3', '0x10', '-4', '2.5']) {
      data.set('location_mngt_id', bad);
      const refused = await handleForm(admin, 'manage', stallSchema, data, async () => ({ ok: true }));
      expect(refused.fieldErrors?.location_mngt_id).toEqual(['Choose from the list.']);
    }
  });
});

describe('a legacy row resolved by hand', () => {
  it('with a location or stall that is not a number is a field error, and the write never runs', async () => {
    const admin = { id: w.user.id, role: 'admin' as const };
    for (const field of ['location_id', 'table_id'] as const) {
      const data = new FormData();
      for (const [k, v] of Object.entries({ entity: 'booking', row_id: 'B12', field, value: 'Hall7' })) data.set(k, v);
      let ran = false;
      const state = await handleForm(admin, 'manage', resolveByHandSchema, data, async () => {
        ran = true;
        return { ok: true };
      });
      expect(state.fieldErrors?.value, field).toEqual(['Choose a value.']);
      expect(ran, field).toBe(false);
    }
  });
});

describe('actions called with a plain argument (lookups, searches, upload chunks)', () => {
  it('are refused as forms are: no session, the wrong role, a malformed argument, a DomainError; a good one writes', async () => {
    const input = { location_mngt_id: '987654321', table_name: 'Z-1', price: '1000' };
    const write = (stall: z.output<typeof stallSchema>) => createStall(db, stall);
    const admin = { id: w.user.id, role: 'admin' as const };

    expect(await handleCall(null, 'manage', stallSchema, input, write)).toEqual({
      ok: false,
      message: 'Your session has ended. Sign in again.',
      code: 'SESSION_ENDED',
    });
    expect(await handleCall(w.user, 'manage', stallSchema, input, write)).toEqual({
      ok: false,
      message: 'Your role does not allow this.',
      code: 'FORBIDDEN',
    });
    expect(await handleCall(admin, 'manage', stallSchema, 'not an object', write)).toEqual({
      ok: false,
      message: 'This request could not be read. Reload the page and try again.',
      code: 'UNREADABLE',
    });
    expect(
      await handleCall(admin, 'manage', stallSchema, { ...input, location_mngt_id: '1e3' }, write, 'Rows unreadable.'),
    ).toEqual({ ok: false, message: 'Rows unreadable.', code: 'UNREADABLE' });
    expect(await handleCall(admin, 'manage', stallSchema, input, write)).toEqual({
      ok: false,
      message: 'That location no longer exists.',
      code: 'NOT_FOUND',
      fieldErrors: { location_mngt_id: ['That location no longer exists.'] },
    });

    const location = await makeLocation({ stalls: 0 });
    const saved = await handleCall(
      admin,
      'manage',
      stallSchema,
      { ...input, location_mngt_id: String(location.locationId) },
      write,
    );
    expect(saved.ok).toBe(true);
    const [row] = await db
      .select({ name: stalls.table_name, price: stalls.price })
      .from(stalls)
      .where(sql`${stalls.location_mngt_id} = ${location.locationId}`);
    expect(row).toEqual({ name: 'Z-1', price: '1000.00' });
  });
});
