/**
 * The company read side (db/queries/companies.ts, stalls.ts) against a
 * small hand-made data set. Every expected number below is worked out by hand
 * from the fixture (the arithmetic is in the comments), not by the code under test.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import {
  fromTheTop,
  getCompany,
  getCompanyKpis,
  getCompanyRevenueSeries,
  getCompanyStallPerformance,
  listCompanies,
  listContributingCampaigns,
  listRecentConversations,
  listTimeline,
  listTimelineFilterOptions,
  notesWithoutMoney,
  TOP_DOWN,
  type TimelineEntry,
  type TimelineFilters,
  type TimelineMoneyEntry,
} from '@/db/queries/companies';
import { listLocationOptions, listStallPerformance, type StallRow } from '@/db/queries/stalls';
import { contacts, type NewBooking, type NewConversation } from '@/db/schema';
import { toPaise } from '@/lib/money';
import { ulid } from '@/lib/ulid';
import { ACTIVITY_VIEWER, MONEY_VIEWER } from '@/lib/viewer';

import {
  makeBooking,
  makeCampaign,
  makeConversation,
  makeExhibitor,
  makeLead,
  makeLocation,
  makeUser,
  makeVisitor,
} from './helpers/factories';

/*
 * The fixture (every name carries this run's tag; test files share a database).
 *
 * Locations and stalls (list price):       Hall A: S1 "T-1" 50,000   S2 "T-2" 60,000
 *                                          Hall B: S3 "T-1" 70,000   S4 "T-3" 40,000 (never used)
 * Employees: E1 Asha, E2 Binod.  Campaigns: C1 Diwali, C2 Expo.  Visitors V1–V4.
 *
 * Company X "Acme Textiles" (Surat) — leads F1 (V1, C1), F2 (V2, C1), F3 (V3, C2), F4 (V4, no campaign, open)
 *   bookings  B1  S1  price 50,000  paid 50,000 (paid)      C1  entered 2026-01-05 (Mon)  for 2099-01-10
 *             B2  S3  price 70,000  paid 35,000 (partial)   C1  entered 2026-01-07 (Wed)  for 2020-02-01 (past)
 *                 (20,000 at the sale + a later payment of 15,000)
 *             B3  S2  price 60,000  paid 10,000  CANCELLED  C2  entered 2026-02-10         for 2099-03-01
 *             B4  no stall (legacy)  price 10,000  paid 10,000   no campaign  entered 2026-02-22 23:30 (a Sunday)
 *   conversations (UTC)            kind          outcome       visitor employee place  campaign  lead booking
 *     T1  2026-01-03 10:00         talk          interested    V1      E1       A/S1   C1        F1
 *     T2  2026-01-05 11:00         talk          materialised  V1      E1       A/S1   C1        F1   B1
 *     T3  2026-01-07 12:00         talk          materialised  V2      E2       B/S3   C1        F2   B2
 *     P1  2026-01-20 09:00         payment       materialised  V2      E2       B/S3   C1        F2   B2
 *     T4  2026-02-10 15:00         talk          materialised  V3      E1       A/S2   C2        F3   B3
 *     K1  2026-02-12 16:00         cancellation  materialised  V3      E1       A/S2   C2        F3   B3
 *     T5  2026-02-15 10:30         talk          busy          V4      E2       A/S1   —         F4
 *     T6  2026-02-15 10:30 (same)  talk          interested    V4      E1       B/S3   —         F4
 *     M1  2026-02-18 08:00         manual        interested    V4      E2       B/—    —         F4
 *
 * Company Y "Bharat Handlooms" — lead F5 (V1, C2); talk T7 2026-03-01 10:00 E2 A/S1 materialised → B5
 *             B5  S1  price 45,000.01  paid 45,000.01  C2  entered 2026-03-01  for 2099-01-11
 * Company Z "Zed Crafts" — nothing at all.
 * Company D "Deleted Co" — soft-deleted: never listed.
 */
const tag = ulid().slice(-8);
const at = (iso: string) => new Date(`${iso}Z`);

type Fixture = Awaited<ReturnType<typeof makeFixture>>;
let f: Fixture;

async function makeFixture() {
  const E1 = (await makeUser({ name: `Asha ${tag}`, email: `asha-${tag}@t.test` })).id;
  const E2 = (await makeUser({ name: `Binod ${tag}`, email: `binod-${tag}@t.test` })).id;
  const hallA = await makeLocation({
    name: `Hall A ${tag}`,
    event: null,
    stalls: [
      { name: 'T-1', price: '50000.00' },
      { name: 'T-2', price: '60000.00' },
    ],
  });
  const hallB = await makeLocation({
    name: `Hall B ${tag}`,
    event: null,
    stalls: [
      { name: 'T-1', price: '70000.00' },
      { name: 'T-3', price: '40000.00' },
    ],
  });
  const [LA, LB] = [hallA.locationId, hallB.locationId];
  const [S1, S2] = hallA.stallIds as [number, number];
  const [S3, S4] = hallB.stallIds as [number, number];
  const C1 = (await makeCampaign({ name: `Diwali ${tag}`, sent_at: null })).id;
  const C2 = (await makeCampaign({ name: `Expo ${tag}`, sent_at: null })).id;
  const company = async (over: Parameters<typeof makeExhibitor>[0]) =>
    (await makeExhibitor({ company_name: null, phone: null, ...over })).id;
  const X = await company({
    name: `Acme Textiles ${tag}`,
    company_name: 'Acme Textiles Pvt Ltd',
    city: 'Surat',
    phone: '+919800000001',
    email: 'acme@t.test',
  });
  const Y = await company({ name: `Bharat Handlooms ${tag}`, city: 'Varanasi' });
  const Z = await company({ name: `Zed Crafts ${tag}` });
  const D = await company({ name: `Deleted Co ${tag}`, deleted_at: new Date() });
  const phone = (i: number) => `+9197${tag.replace(/\D/g, '').padEnd(4, '0').slice(0, 4)}${String(i).padStart(4, '0')}`;
  const visitor = async (i: number) => (await makeVisitor({ name: `Visitor ${i} ${tag}`, phone: phone(i) })).id;
  const V = [await visitor(1), await visitor(2), await visitor(3), await visitor(4)] as const;
  const lead = (
    exhibitorId: string,
    v: number,
    campaign_id: string | null,
    status: 'busy' | 'interested' | 'materialised',
    employeeId: string,
  ) => makeLead({ employeeId, exhibitorId, phone: phone(v + 1), status, over: { visitor_id: V[v], campaign_id } });
  const F1 = await lead(X, 0, C1, 'materialised', E1);
  const F2 = await lead(X, 1, C1, 'materialised', E2);
  const F3 = await lead(X, 2, C2, 'materialised', E1);
  const F4 = await lead(X, 3, null, 'interested', E2);
  const F5 = await lead(Y, 0, C2, 'materialised', E2);

  const booking = (employeeId: string, over: Partial<NewBooking>) => makeBooking({ employeeId, over });
  const B1 = await booking(E1, {
    exhibitor_id: X,
    visitor_id: V[0],
    location_id: LA,
    table_id: S1,
    campaign_id: C1,
    booking_date: '2099-01-10',
    price: '50000.00',
    amount_paid: '50000.00',
    amount_status: 'paid',
    created_at: at('2026-01-05T11:00:00'),
  });
  const B2 = await booking(E2, {
    exhibitor_id: X,
    visitor_id: V[1],
    location_id: LB,
    table_id: S3,
    campaign_id: C1,
    booking_date: '2020-02-01',
    price: '70000.00',
    amount_paid: '35000.00',
    amount_status: 'partial',
    created_at: at('2026-01-07T12:00:00'),
  });
  const B3 = await booking(E1, {
    exhibitor_id: X,
    visitor_id: V[2],
    location_id: LA,
    table_id: S2,
    campaign_id: C2,
    booking_date: '2099-03-01',
    price: '60000.00',
    amount_paid: '10000.00',
    amount_status: 'partial',
    created_at: at('2026-02-10T15:00:00'),
    cancelled_at: at('2026-02-12T16:00:00'),
  });
  const B4 = await booking(E1, {
    exhibitor_id: X,
    booking_date: '2026-03-01',
    booking_location: 'Old hall',
    table_no: '7',
    price: '10000.00',
    amount_paid: '10000.00',
    amount_status: 'paid',
    created_at: at('2026-02-22T23:30:00'),
  });
  const B5 = await booking(E2, {
    exhibitor_id: Y,
    visitor_id: V[0],
    location_id: LA,
    table_id: S1,
    campaign_id: C2,
    booking_date: '2099-01-11',
    price: '45000.01',
    amount_paid: '45000.01',
    amount_status: 'paid',
    created_at: at('2026-03-01T10:00:00'),
  });

  const talk = (
    over: Partial<NewConversation> &
      Pick<NewConversation, 'exhibitor_id' | 'employee_id' | 'outcome' | 'conversation_date'>,
  ) => ({ id: ulid(), kind: 'talk' as const, ...over });
  const v = (i: number) => ({ visitor_id: V[i], visitor_phone: phone(i + 1) });
  const rows = {
    T1: talk({
      exhibitor_id: X,
      ...v(0),
      employee_id: E1,
      location_id: LA,
      table_id: S1,
      campaign_id: C1,
      outcome: 'interested',
      follow_up_id: F1,
      conversation_date: at('2026-01-03T10:00:00'),
      notes: 'Wants a corner',
    }),
    T2: talk({
      exhibitor_id: X,
      ...v(0),
      employee_id: E1,
      location_id: LA,
      table_id: S1,
      campaign_id: C1,
      outcome: 'materialised',
      follow_up_id: F1,
      booking_id: B1,
      conversation_date: at('2026-01-05T11:00:00'),
    }),
    T3: talk({
      exhibitor_id: X,
      ...v(1),
      employee_id: E2,
      location_id: LB,
      table_id: S3,
      campaign_id: C1,
      outcome: 'materialised',
      follow_up_id: F2,
      booking_id: B2,
      conversation_date: at('2026-01-07T12:00:00'),
    }),
    P1: talk({
      exhibitor_id: X,
      ...v(1),
      employee_id: E2,
      location_id: LB,
      table_id: S3,
      campaign_id: C1,
      outcome: 'materialised',
      kind: 'payment',
      follow_up_id: F2,
      booking_id: B2,
      conversation_date: at('2026-01-20T09:00:00'),
      notes: 'Payment of 15,000',
    }),
    T4: talk({
      exhibitor_id: X,
      ...v(2),
      employee_id: E1,
      location_id: LA,
      table_id: S2,
      campaign_id: C2,
      outcome: 'materialised',
      follow_up_id: F3,
      booking_id: B3,
      conversation_date: at('2026-02-10T15:00:00'),
    }),
    K1: talk({
      exhibitor_id: X,
      ...v(2),
      employee_id: E1,
      location_id: LA,
      table_id: S2,
      campaign_id: C2,
      outcome: 'materialised',
      kind: 'cancellation',
      follow_up_id: F3,
      booking_id: B3,
      conversation_date: at('2026-02-12T16:00:00'),
    }),
    T5: talk({
      exhibitor_id: X,
      ...v(3),
      employee_id: E2,
      location_id: LA,
      table_id: S1,
      outcome: 'busy',
      follow_up_id: F4,
      conversation_date: at('2026-02-15T10:30:00'),
    }),
    T6: talk({
      exhibitor_id: X,
      ...v(3),
      employee_id: E1,
      location_id: LB,
      table_id: S3,
      outcome: 'interested',
      follow_up_id: F4,
      conversation_date: at('2026-02-15T10:30:00'),
    }),
    M1: talk({
      exhibitor_id: X,
      ...v(3),
      employee_id: E2,
      location_id: LB,
      outcome: 'interested',
      kind: 'manual',
      follow_up_id: F4,
      conversation_date: at('2026-02-18T08:00:00'),
      notes: 'Called back',
    }),
    T7: talk({
      exhibitor_id: Y,
      ...v(0),
      employee_id: E2,
      location_id: LA,
      table_id: S1,
      campaign_id: C2,
      outcome: 'materialised',
      follow_up_id: F5,
      booking_id: B5,
      conversation_date: at('2026-03-01T10:00:00'),
    }),
  };
  for (const { exhibitor_id, employee_id, ...over } of Object.values(rows))
    await makeConversation({ exhibitorId: exhibitor_id, employeeId: employee_id, over });
  const id = Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.id])) as Record<keyof typeof rows, string>;
  return { E1, E2, LA, LB, S1, S2, S3, S4, C1, C2, X, Y, Z, D, V, B1, B2, B3, B4, B5, F1, F2, F3, F4, ...id };
}

beforeAll(async () => {
  f = await makeFixture();
});

/** X's timeline, newest first, by hand: M1, then T5 and T6 (same second: the larger id first), K1, T4, P1, T3, T2, T1. */
const xOrder = () => [f.M1, ...[f.T5, f.T6].sort().reverse(), f.K1, f.T4, f.P1, f.T3, f.T2, f.T1];
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const pick = (...keys: ('T1' | 'T2' | 'T3' | 'P1' | 'T4' | 'K1' | 'T5' | 'T6' | 'M1')[]) => keys.map((k) => f[k]);
/** A subset of xOrder, in xOrder's order. */
const inOrder = (keep: string[]) => xOrder().filter((x) => keep.includes(x));

describe('getCompany', () => {
  it('returns an exhibitor, and null for a visitor, a soft-deleted company or an unknown id', async () => {
    expect(await getCompany(db, f.X)).toEqual({
      id: f.X,
      name: `Acme Textiles ${tag}`,
      company_name: 'Acme Textiles Pvt Ltd',
      city: 'Surat',
      phone: '+919800000001',
      email: 'acme@t.test',
    });
    expect(await getCompany(db, f.V[0])).toBeNull();
    expect(await getCompany(db, f.D)).toBeNull();
    expect(await getCompany(db, ulid())).toBeNull();
  });
});

describe('getCompanyKpis (§5.4)', () => {
  it('counts leads, talks and non-cancelled bookings with their money', async () => {
    expect(await getCompanyKpis(db, f.X, MONEY_VIEWER)).toEqual({
      leads: 4, // F1, F2, F3, F4
      talks: 6, // T1–T6; the payment P1, the cancellation K1 and the note M1 are not talks
      bookings: 3, // B1, B2, B4 (B3 is cancelled)
      collected: '95000.00', // 50,000 + 35,000 + 10,000
      booked: '130000.00', // 50,000 + 70,000 + 10,000
      outstanding: '35000.00', // 130,000 − 95,000 (B2 owes 35,000)
    });
    expect(await getCompanyKpis(db, f.Y, MONEY_VIEWER)).toEqual({
      leads: 1,
      talks: 1,
      bookings: 1,
      collected: '45000.01',
      booked: '45000.01',
      outstanding: '0.00',
    });
  });

  it('is all zeros for a company with no activity', async () => {
    expect(await getCompanyKpis(db, f.Z, MONEY_VIEWER)).toEqual({
      leads: 0,
      talks: 0,
      bookings: 0,
      collected: '0.00',
      booked: '0.00',
      outstanding: '0.00',
    });
  });
});

describe('listContributingCampaigns', () => {
  it("lists the company's leads and bookings per campaign, most collected first", async () => {
    expect((await listContributingCampaigns(db, f.X, MONEY_VIEWER)).rows).toEqual([
      // C1: leads F1, F2; bookings B1 + B2: collected 50,000 + 35,000, booked 50,000 + 70,000
      { campaign_id: f.C1, name: `Diwali ${tag}`, leads: 2, bookings: 2, collected: '85000.00', booked: '120000.00' },
      // C2: lead F3; its only booking B3 is cancelled
      { campaign_id: f.C2, name: `Expo ${tag}`, leads: 1, bookings: 0, collected: '0.00', booked: '0.00' },
    ]);
    // F4 and B4 have no campaign: not listed.
    expect((await listContributingCampaigns(db, f.Y, MONEY_VIEWER)).rows).toEqual([
      { campaign_id: f.C2, name: `Expo ${tag}`, leads: 1, bookings: 1, collected: '45000.01', booked: '45000.01' },
    ]);
    expect(await listContributingCampaigns(db, f.Z, MONEY_VIEWER)).toEqual({
      rows: [],
      total: 0,
      page: 1,
      pageSize: 10,
    });
  });

  it('counts every contributing campaign beside the page it returns', async () => {
    const page = await listContributingCampaigns(db, f.X, MONEY_VIEWER, { sort: 'name', dir: 'asc', pageSize: 1 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.campaign_id)).toEqual([f.C1]);
    const second = await listContributingCampaigns(db, f.X, MONEY_VIEWER, {
      sort: 'name',
      dir: 'asc',
      page: 2,
      pageSize: 1,
    });
    expect(second).toMatchObject({ total: 2, page: 2, rows: [{ campaign_id: f.C2 }] });
    // Past the end: no row, the count still right.
    expect(await listContributingCampaigns(db, f.X, MONEY_VIEWER, { page: 3, pageSize: 1 })).toMatchObject({
      total: 2,
      rows: [],
    });
  });
});

describe('getCompanyStallPerformance (§3.4, corrected)', () => {
  it('aggregates talks and bookings per stall separately, grouped by location then stall', async () => {
    const page = await getCompanyStallPerformance(db, f.X, MONEY_VIEWER, { sort: 'location' });
    expect(page.total).toBe(3);
    expect(page.rows).toEqual([
      // Hall A T-1: talks T1, T2, T5; booking B1
      {
        location_id: f.LA,
        location: `Hall A ${tag}`,
        table_id: f.S1,
        stall: 'T-1',
        talks: 3,
        bookings: 1,
        collected: '50000.00',
        booked: '50000.00',
      },
      // Hall A T-2: talk T4; B3 cancelled
      {
        location_id: f.LA,
        location: `Hall A ${tag}`,
        table_id: f.S2,
        stall: 'T-2',
        talks: 1,
        bookings: 0,
        collected: '0.00',
        booked: '0.00',
      },
      // Hall B T-1 (same name, other hall): talks T3, T6 (P1 is a payment, not a talk); booking B2 once,
      // although T3 and P1 both carry its id — the document's join would have counted 35,000 twice.
      {
        location_id: f.LB,
        location: `Hall B ${tag}`,
        table_id: f.S3,
        stall: 'T-1',
        talks: 2,
        bookings: 1,
        collected: '35000.00',
        booked: '70000.00',
      },
    ]);
  });

  it('shows the stalls that collected most first by default (ties by stall id)', async () => {
    const page = await getCompanyStallPerformance(db, f.X, MONEY_VIEWER);
    expect(page.rows.map((r) => [r.table_id, r.collected])).toEqual([
      [f.S1, '50000.00'],
      [f.S3, '35000.00'],
      [f.S2, '0.00'],
    ]);
    const fewest = await getCompanyStallPerformance(db, f.X, MONEY_VIEWER, { sort: 'talks', dir: 'asc' });
    expect(fewest.rows.map((r) => r.talks)).toEqual([1, 2, 3]);
  });

  it("adds up to the company's totals (bookings without a stall aside)", async () => {
    const { rows } = await getCompanyStallPerformance(db, f.X, MONEY_VIEWER);
    const kpis = await getCompanyKpis(db, f.X, MONEY_VIEWER);
    const sum = (k: 'collected' | 'booked') => rows.reduce((s, r) => s + toPaise(r[k]), 0n);
    expect(rows.reduce((s, r) => s + r.talks, 0)).toBe(kpis.talks); // 3 + 1 + 2 = 6, every talk has a stall
    // B4 (10,000 paid of 10,000) is the only booking without a stall.
    expect(rows.reduce((s, r) => s + r.bookings, 0)).toBe(kpis.bookings - 1); // 1 + 0 + 1 = 3 − 1
    expect(sum('collected')).toBe(toPaise(kpis.collected) - toPaise('10000.00')); // 85,000 = 95,000 − 10,000
    expect(sum('booked')).toBe(toPaise(kpis.booked) - toPaise('10000.00')); // 120,000 = 130,000 − 10,000
  });

  it('is empty for a company with no activity', async () => {
    expect(await getCompanyStallPerformance(db, f.Z, MONEY_VIEWER)).toEqual({
      rows: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
  });
});

describe('getCompanyRevenueSeries', () => {
  it('sums non-cancelled bookings by the month they were entered, oldest first', async () => {
    expect(await getCompanyRevenueSeries(db, f.X, 'month', MONEY_VIEWER)).toEqual([
      { period: '2026-01', bookings: 2, collected: '85000.00', booked: '120000.00' }, // B1 + B2
      { period: '2026-02', bookings: 1, collected: '10000.00', booked: '10000.00' }, // B4 (B3 cancelled)
    ]);
  });

  it('by ISO week, labelled with its Monday', async () => {
    expect(await getCompanyRevenueSeries(db, f.X, 'week', MONEY_VIEWER)).toEqual([
      { period: '2026-01-05', bookings: 2, collected: '85000.00', booked: '120000.00' }, // Mon 5 Jan (B1) and Wed 7 Jan (B2)
      { period: '2026-02-16', bookings: 1, collected: '10000.00', booked: '10000.00' }, // Sun 22 Feb 23:30 belongs to the week of Mon 16 Feb
    ]);
    expect(await getCompanyRevenueSeries(db, f.Z, 'week', MONEY_VIEWER)).toEqual([]);
  });
});

describe('listRecentConversations and the timeline entry', () => {
  it('returns the latest conversations, newest first, with everything an entry shows', async () => {
    const recent = await listRecentConversations(db, f.X, MONEY_VIEWER);
    expect(ids(recent)).toEqual(xOrder()); // 9 < 10: all of them
    expect(ids(await listRecentConversations(db, f.X, MONEY_VIEWER, 3))).toEqual(xOrder().slice(0, 3));
    expect(await listRecentConversations(db, f.Z, MONEY_VIEWER)).toEqual([]);

    const byId = new Map(recent.map((r) => [r.id, r]));
    expect(byId.get(f.P1)).toEqual({
      id: f.P1,
      conversation_date: at('2026-01-20T09:00:00'),
      outcome: 'materialised',
      kind: 'payment',
      notes: 'Payment of 15,000',
      visitor_id: f.V[1],
      visitor_name: `Visitor 2 ${tag}`,
      visitor_phone: expect.stringMatching(/^\+9197\d{8}$/),
      employee_id: f.E2,
      employee_name: `Binod ${tag}`,
      location_id: f.LB,
      location_name: `Hall B ${tag}`,
      table_id: f.S3,
      stall_name: 'T-1',
      campaign_id: f.C1,
      campaign_name: `Diwali ${tag}`,
      follow_up_id: f.F2,
      follow_up_status: 'materialised',
      booking_id: f.B2,
      booking_price: '70000.00',
      booking_amount_paid: '35000.00',
      booking_amount_status: 'partial',
      booking_cancelled: false,
    } satisfies TimelineMoneyEntry);
    expect(byId.get(f.K1)).toMatchObject({
      kind: 'cancellation',
      booking_id: f.B3,
      booking_amount_paid: '10000.00',
      booking_cancelled: true,
    });
    expect(byId.get(f.T5)).toMatchObject({
      outcome: 'busy',
      campaign_id: null,
      campaign_name: null,
      booking_id: null,
      booking_price: null,
      booking_amount_paid: null,
      booking_amount_status: null,
      booking_cancelled: false,
      follow_up_status: 'interested',
    });
    expect(byId.get(f.M1)).toMatchObject({
      kind: 'manual',
      location_name: `Hall B ${tag}`,
      table_id: null,
      stall_name: null,
      notes: 'Called back',
    });
  });
});

describe('listTimeline', () => {
  const all = async (filters: TimelineFilters) =>
    ids((await listTimeline(db, f.X, { filters, limit: 100 }, MONEY_VIEWER)).rows);

  it('lists every conversation of the company, newest first, on one page when it fits', async () => {
    const page = await listTimeline(db, f.X, { filters: {}, limit: 100 }, MONEY_VIEWER);
    expect(ids(page.rows)).toEqual(xOrder());
    expect(page.nextCursor).toBeNull();
  });

  it('filters talks by outcome: a payment, cancellation or note carries its lead’s status, not an outcome', async () => {
    expect(await all({ outcome: 'busy' })).toEqual(pick('T5'));
    // M1, a note, has the lead's "interested"; K1 and P1 the lead's "materialised": none of them is listed.
    expect(await all({ outcome: 'interested' })).toEqual(pick('T6', 'T1'));
    expect(await all({ outcome: 'materialised' })).toEqual(pick('T4', 'T3', 'T2'));
  });

  it('filters by kind: talks, payments, cancellations, notes', async () => {
    expect(await all({ kind: 'talk' })).toEqual(inOrder(pick('T1', 'T2', 'T3', 'T4', 'T5', 'T6')));
    expect(await all({ kind: 'payment' })).toEqual(pick('P1'));
    expect(await all({ kind: 'cancellation' })).toEqual(pick('K1'));
    expect(await all({ kind: 'manual' })).toEqual(pick('M1'));
    expect(await all({ kind: 'import' })).toEqual([]);
    // An outcome is for talks: with another kind nothing matches.
    expect(await all({ kind: 'payment', outcome: 'materialised' })).toEqual([]);
    // With a stall or a campaign the kind still applies.
    expect(await all({ kind: 'payment', campaign_id: f.C1 })).toEqual(pick('P1'));
    expect(await all({ kind: 'cancellation', table_id: f.S2 })).toEqual(pick('K1'));
  });

  it('filters by campaign', async () => {
    expect(await all({ campaign_id: f.C1 })).toEqual(pick('P1', 'T3', 'T2', 'T1'));
    expect(await all({ campaign_id: f.C2 })).toEqual(pick('K1', 'T4'));
    expect(await all({ campaign_id: ulid() })).toEqual([]);
  });

  it('filters by location and by stall (same stall name, other hall, kept apart)', async () => {
    expect(await all({ location_id: f.LA })).toEqual(pick('T5', 'K1', 'T4', 'T2', 'T1'));
    expect(await all({ location_id: f.LB })).toEqual(pick('M1', 'T6', 'P1', 'T3'));
    expect(await all({ table_id: f.S1 })).toEqual(pick('T5', 'T2', 'T1'));
    expect(await all({ table_id: f.S3 })).toEqual(pick('T6', 'P1', 'T3'));
    expect(await all({ table_id: f.S4 })).toEqual([]);
  });

  it('filters by employee', async () => {
    expect(await all({ employee_id: f.E1 })).toEqual(pick('T6', 'K1', 'T4', 'T2', 'T1'));
    expect(await all({ employee_id: f.E2 })).toEqual(pick('M1', 'T5', 'P1', 'T3'));
  });

  it('filters by date range, both ends inclusive UTC days', async () => {
    expect(await all({ from: '2026-01-05', to: '2026-01-20' })).toEqual(pick('P1', 'T3', 'T2')); // 5 Jan 11:00 … 20 Jan 09:00
    expect(await all({ from: '2026-02-15', to: '2026-02-15' })).toEqual(inOrder(pick('T5', 'T6')));
    expect(await all({ from: '2026-02-13' })).toEqual(inOrder(pick('M1', 'T5', 'T6')));
    expect(await all({ to: '2026-01-04' })).toEqual(pick('T1'));
  });

  it('combines filters', async () => {
    expect(await all({ campaign_id: f.C1, employee_id: f.E2 })).toEqual(pick('P1', 'T3'));
    expect(await all({ location_id: f.LA, outcome: 'materialised', to: '2026-02-11' })).toEqual(pick('T4', 'T2'));
  });

  it('walks every page by keyset, losing and repeating nothing, across the two talks sharing a timestamp', async () => {
    for (const filters of [{}, { location_id: f.LA }, { outcome: 'interested' as const }, { table_id: f.S3 }]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { rows: TimelineEntry[]; nextCursor: string | null } = await listTimeline(
          db,
          f.X,
          { filters, cursor, limit: 2 },
          MONEY_VIEWER,
        );
        expect(page.rows.length).toBeGreaterThan(0);
        expect(page.rows.length).toBeLessThanOrEqual(2);
        if (page.nextCursor) expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/); // url-safe
        seen.push(...ids(page.rows));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(await all(filters));
      expect(new Set(seen).size).toBe(seen.length);
    }
    // 9 rows, 2 a page: 5 pages, the pair T5/T6 split between pages 1 and 2.
    const p1 = await listTimeline(db, f.X, { filters: {}, limit: 2 }, MONEY_VIEWER);
    const p2 = await listTimeline(db, f.X, { filters: {}, cursor: p1.nextCursor, limit: 2 }, MONEY_VIEWER);
    expect([...ids(p1.rows), ...ids(p2.rows)]).toEqual(xOrder().slice(0, 4));
  });

  it('reads the first page for an invalid cursor', async () => {
    const first = ids((await listTimeline(db, f.X, { filters: {}, limit: 3 }, MONEY_VIEWER)).rows);
    for (const cursor of ['garbage', 'bm90LWEtY3Vyc29y', '', '%%%']) {
      expect(ids((await listTimeline(db, f.X, { filters: {}, cursor, limit: 3 }, MONEY_VIEWER)).rows)).toEqual(first);
    }
  });
});

describe('listTimelineFilterOptions', () => {
  it("offers only the values that occur in the company's conversations", async () => {
    expect(await listTimelineFilterOptions(db, f.X)).toEqual({
      campaigns: [
        { id: f.C1, name: `Diwali ${tag}` },
        { id: f.C2, name: `Expo ${tag}` },
      ],
      locations: [
        { id: f.LA, name: `Hall A ${tag}` },
        { id: f.LB, name: `Hall B ${tag}` },
      ],
      stalls: [
        { id: f.S1, name: 'T-1', location_id: f.LA },
        { id: f.S2, name: 'T-2', location_id: f.LA },
        { id: f.S3, name: 'T-1', location_id: f.LB },
      ],
      employees: [
        { id: f.E1, name: `Asha ${tag}` },
        { id: f.E2, name: `Binod ${tag}` },
      ],
    });
    expect(await listTimelineFilterOptions(db, f.Y)).toEqual({
      campaigns: [{ id: f.C2, name: `Expo ${tag}` }],
      locations: [{ id: f.LA, name: `Hall A ${tag}` }],
      stalls: [{ id: f.S1, name: 'T-1', location_id: f.LA }],
      employees: [{ id: f.E2, name: `Binod ${tag}` }],
    });
    expect(await listTimelineFilterOptions(db, f.Z)).toEqual({
      campaigns: [],
      locations: [],
      stalls: [],
      employees: [],
    });
  });
});

describe('listCompanies', () => {
  it('reads the default sorts from the top of their index, page for page what sorting every company gives', async () => {
    // 24 companies of three values each way (ties across every page edge), beside whatever else the shared database holds.
    const employee = await makeUser();
    const own = ulid().slice(-8); // not this file's tag: its other tests search by that
    for (let i = 0; i < 24; i++) {
      const company = await makeExhibitor({ name: `Top ${i % 5} ${own}` });
      await makeBooking({
        employeeId: employee.id,
        over: {
          exhibitor_id: company.id,
          amount_paid: ['5000.00', '7000.00', '5000.50'][i % 3]!,
          amount_status: 'partial',
        },
      });
      for (let n = 0; n <= i % 3; n++) await makeLead({ employeeId: employee.id, exhibitorId: company.id });
    }
    // Every page compared with sorting every company, through the whole list.
    const reference = async (key: 'collected' | 'leads', page: number, pageSize: number) => {
      const [rows] = (await db.execute(
        sql`select c.id from contacts c left join exhibitor_stats s on s.exhibitor_id = c.id
            where c.type = 'exhibitor' and c.deleted_at is null
            order by coalesce(${sql.raw(`s.${key}`)}, 0) desc, c.name, c.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
      )) as unknown as [{ id: string }[]];
      return rows.map((r) => r.id);
    };
    for (const key of ['collected', 'leads'] as const) {
      let fromTop = 0;
      for (let page = 1; page <= 400; page++) {
        const { rows } = await listCompanies(db, { sort: key, dir: 'desc', page, pageSize: 7 }, MONEY_VIEWER);
        expect(
          rows.map((r) => r.id),
          `${key} page ${page}`,
        ).toEqual(await reference(key, page, 7));
        const top = await fromTheTop(
          db,
          TOP_DOWN[key]!,
          and(eq(contacts.type, 'exhibitor'), isNull(contacts.deleted_at)),
          true,
          (page - 1) * 7,
          7,
        );
        if (!top) break; // The page reaches the companies without figures: every company is sorted.
        fromTop++;
        expect(top.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      }
      // The first pages at least were read from the top.
      expect(fromTop, key).toBeGreaterThan(2);
    }
  });

  const names = (rows: { name: string }[]) => rows.map((r) => r.name.replace(` ${tag}`, ''));
  const list = (sort: Parameters<typeof listCompanies>[1]['sort'], dir: 'asc' | 'desc', page = 1, pageSize = 10) =>
    listCompanies(db, { q: tag, sort, dir, page, pageSize }, MONEY_VIEWER);

  it('lists exhibitors matching the search (not soft-deleted ones) with their figures', async () => {
    const { rows, total } = await list('name', 'asc');
    expect(total).toBe(3); // X, Y, Z; D is soft-deleted
    expect(rows).toEqual([
      {
        id: f.X,
        name: `Acme Textiles ${tag}`,
        city: 'Surat',
        leads: 4,
        bookings: 3,
        collected: '95000.00',
        booked: '130000.00',
        outstanding: '35000.00',
        last_talk: at('2026-02-18T08:00:00'),
      },
      {
        id: f.Y,
        name: `Bharat Handlooms ${tag}`,
        city: 'Varanasi',
        leads: 1,
        bookings: 1,
        collected: '45000.01',
        booked: '45000.01',
        outstanding: '0.00',
        last_talk: at('2026-03-01T10:00:00'),
      },
      {
        id: f.Z,
        name: `Zed Crafts ${tag}`,
        city: null,
        leads: 0,
        bookings: 0,
        collected: '0.00',
        booked: '0.00',
        outstanding: '0.00',
        last_talk: null,
      },
    ]);
  });

  it('searches case-insensitively, and treats % and _ as text', async () => {
    expect(
      names(
        (
          await listCompanies(
            db,
            { q: `acme textiles ${tag.toLowerCase()}`, sort: 'name', dir: 'asc', page: 1, pageSize: 10 },
            MONEY_VIEWER,
          )
        ).rows,
      ),
    ).toEqual(['Acme Textiles']);
    expect(
      await listCompanies(db, { q: `%${tag}`, sort: 'name', dir: 'asc', page: 1, pageSize: 10 }, MONEY_VIEWER),
    ).toEqual({ canSeeMoney: true, rows: [], total: 0 });
    expect(
      (
        await listCompanies(
          db,
          { q: `_cme Textiles ${tag}`, sort: 'name', dir: 'asc', page: 1, pageSize: 10 },
          MONEY_VIEWER,
        )
      ).total,
    ).toBe(0);
  });

  it('sorts by every column, both ways (ties by name)', async () => {
    expect(names((await list('name', 'desc')).rows)).toEqual(['Zed Crafts', 'Bharat Handlooms', 'Acme Textiles']);
    expect(names((await list('leads', 'desc')).rows)).toEqual(['Acme Textiles', 'Bharat Handlooms', 'Zed Crafts']); // 4, 1, 0
    expect(names((await list('leads', 'asc')).rows)).toEqual(['Zed Crafts', 'Bharat Handlooms', 'Acme Textiles']);
    expect(names((await list('bookings', 'desc')).rows)).toEqual(['Acme Textiles', 'Bharat Handlooms', 'Zed Crafts']); // 3, 1, 0
    expect(names((await list('collected', 'desc')).rows)).toEqual(['Acme Textiles', 'Bharat Handlooms', 'Zed Crafts']); // 95,000, 45,000.01, 0
    expect(names((await list('collected', 'asc')).rows)).toEqual(['Zed Crafts', 'Bharat Handlooms', 'Acme Textiles']);
    expect(names((await list('booked', 'asc')).rows)).toEqual(['Zed Crafts', 'Bharat Handlooms', 'Acme Textiles']); // 0, 45,000.01, 130,000
    // outstanding: X 35,000; Y and Z 0.00 tie, broken by name
    expect(names((await list('outstanding', 'desc')).rows)).toEqual([
      'Acme Textiles',
      'Bharat Handlooms',
      'Zed Crafts',
    ]);
    expect(names((await list('outstanding', 'asc')).rows)).toEqual(['Bharat Handlooms', 'Zed Crafts', 'Acme Textiles']);
    // last talk: Y 1 Mar, X 18 Feb, Z never (last when descending, first when ascending)
    expect(names((await list('last_talk', 'desc')).rows)).toEqual(['Bharat Handlooms', 'Acme Textiles', 'Zed Crafts']);
    expect(names((await list('last_talk', 'asc')).rows)).toEqual(['Zed Crafts', 'Acme Textiles', 'Bharat Handlooms']);
  });

  it('pages on the server with the total of all matches', async () => {
    const p1 = await list('collected', 'desc', 1, 2);
    const p2 = await list('collected', 'desc', 2, 2);
    const p3 = await list('collected', 'desc', 3, 2);
    expect([p1.total, p2.total, p3.total]).toEqual([3, 3, 3]);
    expect(names(p1.rows)).toEqual(['Acme Textiles', 'Bharat Handlooms']);
    expect(names(p2.rows)).toEqual(['Zed Crafts']);
    expect(p3.rows).toEqual([]);
    expect(p2.rows[0]).toMatchObject({ leads: 0, collected: '0.00', last_talk: null });
  });
});

describe('listStallPerformance (§5.3) and listLocationOptions', () => {
  /*
   * Across companies, by hand:
   *   Hall A T-1 (S1, list 50,000): talks T1, T2, T5 (X) + T7 (Y) = 4; bookings B1 + B5 = 2;
   *       collected = booked = 50,000 + 45,000.01 = 95,000.01; average 95,000.01 / 2 = 47,500.005 → 47,500.01;
   *       booked now (B1 is for 2099-01-10)
   *   Hall A T-2 (S2, list 60,000): talk T4 = 1; B3 cancelled → 0 bookings, '0.00'; not booked (cancelled)
   *   Hall B T-1 (S3, list 70,000): talks T3, T6 = 2; booking B2: collected 35,000, booked 70,000, average 35,000;
   *       not booked now (B2 was for 2020-02-01)
   *   Hall B T-3 (S4, list 40,000): nothing — zeros
   */
  const S1 = (): StallRow => ({
    location_id: f.LA,
    location: `Hall A ${tag}`,
    table_id: f.S1,
    stall: 'T-1',
    list_price: '50000.00',
    talks: 4,
    bookings: 2,
    collected: '95000.01',
    booked: '95000.01',
    average_booking: '47500.01',
    booked_now: true,
  });
  const S2 = (): StallRow => ({
    location_id: f.LA,
    location: `Hall A ${tag}`,
    table_id: f.S2,
    stall: 'T-2',
    list_price: '60000.00',
    talks: 1,
    bookings: 0,
    collected: '0.00',
    booked: '0.00',
    average_booking: '0.00',
    booked_now: false,
  });
  const S3 = (): StallRow => ({
    location_id: f.LB,
    location: `Hall B ${tag}`,
    table_id: f.S3,
    stall: 'T-1',
    list_price: '70000.00',
    talks: 2,
    bookings: 1,
    collected: '35000.00',
    booked: '70000.00',
    average_booking: '35000.00',
    booked_now: false,
  });
  const S4 = (): StallRow => ({
    location_id: f.LB,
    location: `Hall B ${tag}`,
    table_id: f.S4,
    stall: 'T-3',
    list_price: '40000.00',
    talks: 0,
    bookings: 0,
    collected: '0.00',
    booked: '0.00',
    average_booking: '0.00',
    booked_now: false,
  });

  it('lists every stall of the chosen location, across companies, with zeros for stalls without activity', async () => {
    expect(await listStallPerformance(db, { location_id: f.LA, sort: 'location', dir: 'asc' })).toEqual([S1(), S2()]);
    expect(await listStallPerformance(db, { location_id: f.LB, sort: 'location', dir: 'asc' })).toEqual([S3(), S4()]);
  });

  it('sorts by each column', async () => {
    const tableIds = async (
      sort: 'location' | 'stall' | 'talks' | 'bookings' | 'collected' | 'average',
      dir: 'asc' | 'desc',
      location_id: number,
    ) => (await listStallPerformance(db, { location_id, sort, dir })).map((r) => r.table_id);
    expect(await tableIds('stall', 'desc', f.LA)).toEqual([f.S2, f.S1]);
    expect(await tableIds('talks', 'asc', f.LA)).toEqual([f.S2, f.S1]); // 1, 4
    expect(await tableIds('bookings', 'desc', f.LB)).toEqual([f.S3, f.S4]); // 1, 0
    expect(await tableIds('collected', 'asc', f.LB)).toEqual([f.S4, f.S3]); // 0, 35,000
    expect(await tableIds('average', 'desc', f.LA)).toEqual([f.S1, f.S2]); // 47,500.01, 0
  });

  it('lists every location when none is chosen', async () => {
    const mine = new Set([f.S1, f.S2, f.S3, f.S4]);
    const byLocation = (await listStallPerformance(db, { location_id: null, sort: 'location', dir: 'asc' })).filter(
      (r) => mine.has(r.table_id),
    );
    expect(byLocation).toEqual([S1(), S2(), S3(), S4()]);
    // by stall name: both T-1s (Hall A before Hall B), then T-2, T-3
    const byStall = (await listStallPerformance(db, { sort: 'stall', dir: 'asc' })).filter((r) => mine.has(r.table_id));
    expect(byStall.map((r) => r.table_id)).toEqual([f.S1, f.S3, f.S2, f.S4]);
    const byCollected = (await listStallPerformance(db, { location_id: null, sort: 'collected', dir: 'desc' })).filter(
      (r) => mine.has(r.table_id),
    );
    expect(byCollected.map((r) => r.table_id)).toEqual([f.S1, f.S3, f.S2, f.S4]); // 95,000.01, 35,000, then the zeros by location and stall
  });

  it('offers the locations by name', async () => {
    const options = (await listLocationOptions(db)).filter((l) => l.name.endsWith(tag));
    expect(options).toEqual([
      { id: f.LA, name: `Hall A ${tag}` },
      { id: f.LB, name: `Hall B ${tag}` },
    ]);
  });
});

describe('for a viewer without money (employees; DESIGN.md invariant 14)', () => {
  const MONEY_KEYS = [
    'collected',
    'booked',
    'outstanding',
    'revenue',
    'total_revenue',
    'price',
    'amount_paid',
    'amount_status',
    'booking_price',
    'booking_amount_paid',
    'booking_amount_status',
    'list_price',
    'average_booking',
  ];
  /** Every key, at any depth, that names money. */
  const moneyKeysIn = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.flatMap(moneyKeysIn);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.entries(value).flatMap(([k, v]) => [...(MONEY_KEYS.includes(k) ? [k] : []), ...moneyKeysIn(v)]);
    }
    return [];
  };
  /** The fixture's amounts (prices, payments and their sums), as the read models would write them. */
  const AMOUNTS = [
    '50000.00',
    '70000.00',
    '35000.00',
    '60000.00',
    '10000.00',
    '45000.01',
    '95000.00',
    '130000.00',
    '85000.00',
    '120000.00',
    '15,000',
  ];
  const expectNoMoney = (value: unknown) => {
    expect(moneyKeysIn(value)).toEqual([]);
    const text = JSON.stringify(value);
    for (const amount of AMOUNTS) expect(text).not.toContain(amount);
  };

  it('key figures, campaigns, stalls and the chart series carry activity only', async () => {
    const kpis = await getCompanyKpis(db, f.X, ACTIVITY_VIEWER);
    expect(kpis).toEqual({ leads: 4, talks: 6, bookings: 3 });
    const { rows: campaignRows } = await listContributingCampaigns(db, f.X, ACTIVITY_VIEWER);
    // Without money the order is by bookings: C1 (B1, B2) before C2 (B3 cancelled).
    expect(campaignRows).toEqual([
      { campaign_id: f.C1, name: `Diwali ${tag}`, leads: 2, bookings: 2 },
      { campaign_id: f.C2, name: `Expo ${tag}`, leads: 1, bookings: 0 },
    ]);
    const { rows: stallRows } = await getCompanyStallPerformance(db, f.X, ACTIVITY_VIEWER, { sort: 'location' });
    expect(stallRows).toEqual([
      { location_id: f.LA, location: `Hall A ${tag}`, table_id: f.S1, stall: 'T-1', talks: 3, bookings: 1 },
      { location_id: f.LA, location: `Hall A ${tag}`, table_id: f.S2, stall: 'T-2', talks: 1, bookings: 0 },
      { location_id: f.LB, location: `Hall B ${tag}`, table_id: f.S3, stall: 'T-1', talks: 2, bookings: 1 },
    ]);
    const series = await getCompanyRevenueSeries(db, f.X, 'month', ACTIVITY_VIEWER);
    expect(series).toEqual([
      { period: '2026-01', bookings: 2 },
      { period: '2026-02', bookings: 1 },
    ]);
    for (const value of [
      kpis,
      campaignRows,
      stallRows,
      series,
      await getCompanyRevenueSeries(db, f.X, 'week', ACTIVITY_VIEWER),
    ])
      expectNoMoney(value);
  });

  it('the companies list has no money columns, and a money sort falls back to the name', async () => {
    const list = await listCompanies(db, { q: tag, sort: 'name', dir: 'asc', page: 1, pageSize: 10 }, ACTIVITY_VIEWER);
    expect(list).toEqual({
      canSeeMoney: false,
      total: 3,
      rows: [
        {
          id: f.X,
          name: `Acme Textiles ${tag}`,
          city: 'Surat',
          leads: 4,
          bookings: 3,
          last_talk: at('2026-02-18T08:00:00'),
        },
        {
          id: f.Y,
          name: `Bharat Handlooms ${tag}`,
          city: 'Varanasi',
          leads: 1,
          bookings: 1,
          last_talk: at('2026-03-01T10:00:00'),
        },
        { id: f.Z, name: `Zed Crafts ${tag}`, city: null, leads: 0, bookings: 0, last_talk: null },
      ],
    });
    expectNoMoney(list);
    // Collected ascending would be Zed (0), Bharat (45,000.01), Acme (95,000): the order itself would rank by revenue.
    for (const sort of ['collected', 'booked', 'outstanding'] as const) {
      const sorted = await listCompanies(db, { q: tag, sort, dir: 'asc', page: 1, pageSize: 10 }, ACTIVITY_VIEWER);
      expect(sorted.rows.map((r) => r.id)).toEqual([f.X, f.Y, f.Z]);
    }
    expect(
      (
        await listCompanies(db, { q: tag, sort: 'collected', dir: 'asc', page: 1, pageSize: 10 }, MONEY_VIEWER)
      ).rows.map((r) => r.id),
    ).toEqual([f.Z, f.Y, f.X]);
  });

  it('timeline entries have no amounts, and no notes on entries that carry a booking', async () => {
    const recent = await listRecentConversations(db, f.X, ACTIVITY_VIEWER);
    const page = await listTimeline(db, f.X, { filters: {}, limit: 100 }, ACTIVITY_VIEWER);
    expect(ids(recent)).toEqual(xOrder());
    expect(ids(page.rows)).toEqual(xOrder());
    expectNoMoney(recent);
    expectNoMoney(page);
    const byId = new Map(page.rows.map((r) => [r.id, r]));
    expect(byId.get(f.P1)).toEqual({
      id: f.P1,
      conversation_date: at('2026-01-20T09:00:00'),
      outcome: 'materialised',
      kind: 'payment',
      notes: null, // 'Payment of 15,000': a booking's entry
      visitor_id: f.V[1],
      visitor_name: `Visitor 2 ${tag}`,
      visitor_phone: expect.stringMatching(/^\+9197\d{8}$/),
      employee_id: f.E2,
      employee_name: `Binod ${tag}`,
      location_id: f.LB,
      location_name: `Hall B ${tag}`,
      table_id: f.S3,
      stall_name: 'T-1',
      campaign_id: f.C1,
      campaign_name: `Diwali ${tag}`,
      follow_up_id: f.F2,
      follow_up_status: 'materialised',
      booking_id: f.B2,
      booking_cancelled: false,
    } satisfies TimelineEntry);
    expect(byId.get(f.K1)).toMatchObject({
      kind: 'cancellation',
      booking_id: f.B3,
      booking_cancelled: true,
      notes: null,
    });
    // Talks without a booking keep their notes.
    expect(byId.get(f.T1)!.notes).toBe('Wants a corner');
    expect(byId.get(f.M1)!.notes).toBe('Called back');
    // A manager still reads the same entry with its amounts and notes.
    const [managerP1] = (
      await listTimeline(
        db,
        f.X,
        { filters: { kind: 'payment', to: '2026-01-20', from: '2026-01-20' }, limit: 10 },
        MONEY_VIEWER,
      )
    ).rows;
    expect(managerP1).toMatchObject({
      id: f.P1,
      notes: 'Payment of 15,000',
      booking_price: '70000.00',
      booking_amount_paid: '35000.00',
      booking_amount_status: 'partial',
    });
  });

  it('masks rupee figures typed into other notes', () => {
    expect(notesWithoutMoney('Liked the hall; budget around ₹60,000.', null)).toBe(
      'Liked the hall; budget around (amount).',
    );
    expect(notesWithoutMoney('Offered Rs. 1.5 lakh, then INR 75000 and ₹ 12,50,000.50', null)).toBe(
      'Offered (amount), then (amount) and (amount)',
    );
    expect(notesWithoutMoney('Wants 2 stalls near gate 5', null)).toBe('Wants 2 stalls near gate 5');
    expect(notesWithoutMoney('Booked T-1 at ₹50,000.00', 'B1')).toBeNull();
    expect(notesWithoutMoney(null, null)).toBeNull();
  });
});
