/**
 * The campaign pages, the stalls page and the admin's lists are bounded by
 * the screen: each list returns at most its page size on a fixture with more
 * rows than that, says how many there are in all, and the pages together
 * hold every row once, in the order of the whole list (which the CSV
 * exports keep). Expected figures are worked out by hand in the comments.
 */
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import {
  CAMPAIGN_EXHIBITORS_PAGE_SIZE,
  CAMPAIGNS_PAGE_SIZE,
  getCampaign,
  listAllCampaignAnalytics,
  listAllCampaignExhibitors,
  listCampaignAnalytics,
  listCampaignAnalyticsPage,
  listCampaignExhibitorPage,
  listCampaignExhibitors,
} from '@/db/queries/campaigns';
import { listLocations, listStalls, STALLS_ADMIN_PAGE_SIZE } from '@/db/queries/locations';
import { listStallPerformance, listStallPerformancePage, STALLS_PAGE_SIZE } from '@/db/queries/stalls';
import { campaigns, campaignStats, locations } from '@/db/schema';
import { cancelBooking } from '@/db/services/bookings';
import { todayInIndia } from '@/lib/dates';
import { ulid } from '@/lib/ulid';

import {
  makeBooking,
  makeCampaign,
  makeExhibitor,
  makeLead,
  makeLocation,
  makeUser,
  recordTalk,
  tag,
  uniquePhone,
} from './helpers/factories';

let employeeId: string;
beforeAll(async () => {
  employeeId = (await makeUser()).id;
});

describe('the exhibitor breakdown of a campaign: a page of 20 and its total', () => {
  // 26 companies: E00…E24 each have (i mod 4) + 1 leads of the campaign; E00…E05 one booking each,
  // paid (i + 1) × 10,000 of 1,00,000; E24 a cancelled booking (left out); E25 a booking only (5,000 paid).
  let campaignId: string;
  let ids: string[];
  let prefix: string;
  beforeAll(async () => {
    campaignId = (await makeCampaign()).id;
    prefix = `Breakdown ${tag()}`;
    ids = [];
    for (let i = 0; i < 26; i++)
      ids.push((await makeExhibitor({ name: `${prefix} E${String(i).padStart(2, '0')}` })).id);
    const { locationId, stallIds } = await makeLocation({ stalls: 8 });
    for (let i = 0; i < 25; i++)
      for (let k = 0; k <= i % 4; k++)
        await makeLead({ employeeId, exhibitorId: ids[i], over: { campaign_id: campaignId } });
    const booking = (exhibitor: string, stall: number, paid: string, over: object = {}) =>
      makeBooking({
        employeeId,
        over: {
          campaign_id: campaignId,
          exhibitor_id: exhibitor,
          location_id: locationId,
          table_id: stallIds[stall],
          price: '100000.00',
          amount_paid: paid,
          amount_status: 'partial',
          ...over,
        },
      });
    for (let i = 0; i < 6; i++) await booking(ids[i]!, i, `${(i + 1) * 10_000}.00`);
    await booking(ids[24]!, 6, '99999.00', { cancelled_at: new Date('2026-01-05T10:00:00Z') });
    await booking(ids[25]!, 7, '5000.00');
  });

  it('shows the 20 most collected, says 26 in all, and the second page holds the other 6', async () => {
    const first = await listCampaignExhibitorPage(db, campaignId);
    expect(CAMPAIGN_EXHIBITORS_PAGE_SIZE).toBe(20);
    expect(first.rows).toHaveLength(20);
    expect(first).toMatchObject({ total: 26, page: 1 });
    // E05 60,000 … E00 10,000, then E25 5,000; the rest collected nothing.
    expect(first.rows.slice(0, 7).map((r) => r.exhibitor_id)).toEqual([...ids.slice(0, 6).reverse(), ids[25]]);
    expect(first.rows[0]).toEqual({
      exhibitor_id: ids[5],
      name: `${prefix} E05`,
      city: null,
      leads: 2, // 5 mod 4 + 1
      bookings: 1,
      collected: '60000.00',
      booked: '100000.00',
    });
    expect(first.rows[6]).toMatchObject({ leads: 0, bookings: 1, collected: '5000.00' });
    // Then by leads: E07, E11, E15, E19, E23 have 4 each.
    expect(
      first.rows
        .slice(7, 12)
        .map((r) => r.leads)
        .every((n) => n === 4),
    ).toBe(true);

    const second = await listCampaignExhibitorPage(db, campaignId, { page: 2 });
    expect(second.rows).toHaveLength(6);
    expect(second).toMatchObject({ total: 26, page: 2 });
    const paged = [...first.rows, ...second.rows];
    expect(new Set(paged.map((r) => r.exhibitor_id))).toEqual(new Set(ids));
    // The cancelled booking is left out: E24 has its 1 lead (24 mod 4 + 1) and nothing else.
    expect(paged.find((r) => r.exhibitor_id === ids[24])).toMatchObject({ leads: 1, bookings: 0, collected: '0.00' });

    // The CSV keeps every company, in the page's order.
    expect(await listAllCampaignExhibitors(db, campaignId)).toEqual(paged);
    // The old call shape is the first page.
    expect(await listCampaignExhibitors(db, campaignId)).toEqual(first.rows);
  });

  it('sorts on the server by every column, both ways, a page at a time', async () => {
    const byName = await listCampaignExhibitorPage(db, campaignId, { sort: 'name', pageSize: 10 });
    expect(byName.rows.map((r) => r.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${prefix} E${String(i).padStart(2, '0')}`),
    );
    const lastByName = await listCampaignExhibitorPage(db, campaignId, { sort: 'name', dir: 'desc', pageSize: 10 });
    expect(lastByName.rows[0]!.name).toBe(`${prefix} E25`);
    const byLeads = await listCampaignExhibitorPage(db, campaignId, { sort: 'leads', dir: 'asc', pageSize: 5 });
    // E25 has no lead; then the 1-lead companies (E00, E04, …), the fewest bookings and money first.
    expect(byLeads.rows.map((r) => r.leads)).toEqual([0, 1, 1, 1, 1]);
    expect(byLeads.rows[0]!.exhibitor_id).toBe(ids[25]);
    for (const sort of ['leads', 'bookings', 'collected', 'booked'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const pages = [];
        for (let page = 1; page <= 3; page++) {
          const p = await listCampaignExhibitorPage(db, campaignId, { sort, dir, page, pageSize: 10 });
          expect(p.rows.length).toBeLessThanOrEqual(10);
          expect(p.total).toBe(26);
          pages.push(...p.rows);
        }
        const values = pages.map((r) => Number(r[sort]));
        expect(values, `${sort} ${dir}`).toEqual([...values].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
        expect(new Set(pages.map((r) => r.exhibitor_id)).size, `${sort} ${dir}`).toBe(26);
      }
    }
  });

  it('a page past the end shows the last page', async () => {
    expect(await listCampaignExhibitorPage(db, campaignId, { page: 99 })).toMatchObject({ page: 2, total: 26 });
    expect((await listCampaignExhibitorPage(db, campaignId, { page: 99 })).rows).toHaveLength(6);
    const none = await listCampaignExhibitorPage(db, (await makeCampaign()).id, { page: 3 });
    expect(none).toEqual({ rows: [], total: 0, page: 1 });
  });
});

describe('the campaign list: 50 a page, sorted on the server', () => {
  it('returns at most a page of campaigns, the count of all, and the pages hold every campaign once', async () => {
    const prefix = `Listed ${tag()}`;
    for (let i = 0; i < CAMPAIGNS_PAGE_SIZE + 5; i++)
      await makeCampaign({ name: `${prefix} ${String(i).padStart(2, '0')}` }, { counters: { revenue: `${i}000.00` } });
    const [all] = await db.select({ n: count() }).from(campaigns);
    const total = Number(all!.n);
    expect(total).toBeGreaterThan(CAMPAIGNS_PAGE_SIZE);

    expect(await listCampaignAnalytics(db, { sort: 'collected', dir: 'desc' })).toHaveLength(CAMPAIGNS_PAGE_SIZE);
    const first = await listCampaignAnalyticsPage(db, { sort: 'name', dir: 'asc', pageSize: 20 });
    expect(first.rows).toHaveLength(20);
    expect(first).toMatchObject({ total, page: 1 });

    const pages = [];
    for (let page = 1; page <= Math.ceil(total / 20); page++) {
      const p = await listCampaignAnalyticsPage(db, { sort: 'name', dir: 'asc', page, pageSize: 20 });
      expect(p.rows.length).toBeLessThanOrEqual(20);
      pages.push(...p.rows);
    }
    expect(pages).toEqual(await listAllCampaignAnalytics(db, { sort: 'name', dir: 'asc' }));
    expect(pages).toHaveLength(total);
    // Ours in name order, 00 to 54, within the whole list.
    expect(pages.filter((r) => r.name.startsWith(prefix)).map((r) => r.name.slice(-2))).toEqual(
      Array.from({ length: CAMPAIGNS_PAGE_SIZE + 5 }, (_, i) => String(i).padStart(2, '0')),
    );
    const past = await listCampaignAnalyticsPage(db, { sort: 'name', dir: 'asc', page: 999, pageSize: 20 });
    expect(past.page).toBe(Math.ceil(total / 20));
    expect(past.rows.length).toBeGreaterThan(0);
  });
});

describe('the campaign list reads the counters summed over their shards', () => {
  it('lists and sorts a campaign by the sum of its campaign_stats rows', async () => {
    const prefix = `Sharded ${tag()}`;
    const a = await makeCampaign({ name: `${prefix} A` }, { counters: { leads: 4, bookings: 1, revenue: '900.00' } });
    // B's counters in three shards: 3 + 2 + 1 leads, 1 + 1 + 0 bookings, ₹600 + ₹500 + ₹0.25 collected.
    const b = await makeCampaign({ name: `${prefix} B` });
    await db.insert(campaignStats).values([
      { campaign_id: b.id, shard: 0, leads: 3, bookings: 1, revenue: '600.00', booked: '1000.00' },
      { campaign_id: b.id, shard: 7, leads: 2, bookings: 1, revenue: '500.00', booked: '1000.00' },
      { campaign_id: b.id, shard: 15, leads: 1, bookings: 0, revenue: '0.25', booked: '0.00' },
    ]);
    const all = await listAllCampaignAnalytics(db, { sort: 'collected', dir: 'desc' });
    const ours = all.filter((r) => r.name.startsWith(prefix));
    expect(ours.map((r) => [r.name, r.leads, r.bookings, r.collected, r.booked, r.conversion])).toEqual([
      [`${prefix} B`, 6, 2, '1100.25', '2000.00', '33.33'],
      [`${prefix} A`, 4, 1, '900.00', '0.00', '25.00'],
    ]);
    expect(await getCampaign(db, b.id)).toMatchObject({ leads: 6, bookings: 2, collected: '1100.25' });
    expect(await getCampaign(db, a.id)).toMatchObject({ leads: 4, collected: '900.00' });
  });
});

describe('stalls: one location at a time, 50 a page', () => {
  // 60 stalls S-1 … S-60 at a location of our own; one booking of S-7 for 20,000 of 50,000, a month
  // from today (booked now is about today: a fixed date would turn past as the calendar moves).
  let locationId: number;
  let stallIds: number[];
  beforeAll(async () => {
    ({ locationId, stallIds } = await makeLocation({ stalls: 60, prefix: 'S-', event: null }));
    const exhibitor = await makeExhibitor();
    await recordTalk(employeeId, {
      exhibitor_id: exhibitor.id,
      phone: `+919${String(Date.now()).slice(-9)}`,
      location_id: locationId,
      table_id: stallIds[6],
      outcome: 'materialised',
      campaign_id: null,
      booking: {
        table_id: stallIds[6]!,
        booking_date: todayInIndia(new Date(Date.now() + 30 * 86_400_000)),
        price: '50000.00',
        amount_paid: '20000.00',
      },
    });
  });

  it('/stalls: a page of 50 with the location total; the booked stall first by money; the CSV keeps all 60', async () => {
    const first = await listStallPerformancePage(db, { location_id: locationId, sort: 'collected', dir: 'desc' });
    expect(STALLS_PAGE_SIZE).toBe(50);
    expect(first.rows).toHaveLength(50);
    expect(first).toMatchObject({ total: 60, page: 1 });
    expect(first.rows[0]).toMatchObject({
      stall: 'S-7',
      talks: 1,
      bookings: 1,
      collected: '20000.00',
      booked_now: true,
    });
    const second = await listStallPerformancePage(db, {
      location_id: locationId,
      sort: 'collected',
      dir: 'desc',
      page: 2,
    });
    expect(second.rows).toHaveLength(10);
    const paged = [...first.rows, ...second.rows];
    expect(new Set(paged.map((r) => r.table_id))).toEqual(new Set(stallIds));
    expect(await listStallPerformance(db, { location_id: locationId, sort: 'collected', dir: 'desc' })).toEqual(paged);
    expect(
      await listStallPerformancePage(db, { location_id: locationId, sort: 'stall', dir: 'asc', page: 7 }),
    ).toMatchObject({ page: 2, total: 60 });
  });

  it('"Booked now" at a location with event dates is booked for the event: not a booking before or after it', async () => {
    // Booked while the event ran 10–20 Jan 2027, then it was shortened to 10–14 Jan: E-1 is booked for
    // the 12th, E-2 only for the 20th (after the event now), E-3 for the 11th but cancelled.
    const hall = await makeLocation({ stalls: 3, prefix: 'E-', event: { start: '2027-01-10', end: '2027-01-20' } });
    const exhibitor = await makeExhibitor();
    const book = (stall: number, day: string) =>
      recordTalk(employeeId, {
        exhibitor_id: exhibitor.id,
        phone: uniquePhone(),
        outcome: 'materialised',
        campaign_id: null,
        booking: { table_id: stall, booking_date: day, price: '50000.00', amount_paid: '0.00' },
      });
    await book(hall.stallIds[0]!, '2027-01-12');
    await book(hall.stallIds[1]!, '2027-01-20');
    const cancelled = await book(hall.stallIds[2]!, '2027-01-11');
    await cancelBooking(
      db,
      { id: employeeId, role: 'employee' },
      { idempotency_key: ulid(), booking_id: cancelled.booking!.id },
    );
    await db.update(locations).set({ event_end_date: '2027-01-14' }).where(eq(locations.id, hall.locationId));
    const page = await listStallPerformancePage(db, { location_id: hall.locationId, sort: 'stall', dir: 'asc' });
    expect(page.rows.map((r) => [r.stall, r.booked_now])).toEqual([
      ['E-1', true],
      ['E-2', false],
      ['E-3', false],
    ]);
  });

  it("the admin's stall list: 25 a page, the total, active bookings per stall", async () => {
    const first = await listStalls(db, locationId);
    expect(STALLS_ADMIN_PAGE_SIZE).toBe(25);
    expect(first.rows).toHaveLength(25);
    expect(first).toMatchObject({ total: 60, page: 1 });
    expect((await listStalls(db, locationId, { page: 2 })).rows).toHaveLength(25);
    const third = await listStalls(db, locationId, { page: 3 });
    expect(third.rows).toHaveLength(10);
    // By name: S-1, S-10 … S-19, S-2, S-20 … S-6, S-60, S-7 (the 58th), S-8, S-9 — S-7 on the third page, with its one booking.
    expect(third.rows.map((s) => s.table_name).slice(-3)).toEqual(['S-7', 'S-8', 'S-9']);
    expect(third.rows.find((s) => s.table_name === 'S-7')).toMatchObject({ active_bookings: 1 });
    const all = [...first.rows, ...(await listStalls(db, locationId, { page: 2 })).rows, ...third.rows];
    expect(all.filter((s) => s.active_bookings > 0).map((s) => s.table_name)).toEqual(['S-7']);
    expect(new Set(all.map((s) => s.id))).toEqual(new Set(stallIds));
    expect(await listStalls(db, locationId, { page: 9 })).toMatchObject({ page: 3, total: 60 });
  });

  it("the admin's location list: a page and the count of all", async () => {
    const [all] = await db.select({ n: count() }).from(locations);
    // This file made two locations at least (the breakdown's and this one).
    const page = await listLocations(db, { pageSize: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(Number(all!.n));
    expect(page.total).toBeGreaterThanOrEqual(2);
    const ours = [];
    for (let p = 1; p <= Math.ceil(page.total / 50); p++) ours.push(...(await listLocations(db, { page: p })).rows);
    expect(ours).toHaveLength(page.total);
    expect(ours.find((l) => l.id === locationId)).toMatchObject({ stall_count: 60 });
  });
});
