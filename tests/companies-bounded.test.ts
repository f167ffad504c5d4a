/**
 * The company pages are bounded by the screen, not by the data: each list the
 * dashboard and the timeline render comes back at most a page at a time (with
 * the total and a way to the rest), on a company with more stalls, campaigns,
 * chart buckets and filter values than a page shows. The data is written
 * through the booth service, as the booth writes it.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import {
  CONTRIBUTING_CAMPAIGNS_PAGE_SIZE,
  getCompanyRevenueSeries,
  getCompanyStallPerformance,
  getTimelineFilterChoices,
  listContributingCampaigns,
  listRecentConversations,
  listTimeline,
  REVENUE_SERIES_MAX_POINTS,
  searchTimelineFilterOptions,
  STALL_PERFORMANCE_PAGE_SIZE,
  TIMELINE_SEARCH_LIMIT,
} from '@/db/queries/companies';
import { ACTIVITY_VIEWER, MONEY_VIEWER } from '@/lib/viewer';

import { makeBooking, makeCampaign, makeExhibitor, makeLocation, makeUser, recordTalk, tag } from './helpers/factories';

const STALLS = 27;
const CAMPAIGNS = 23;
const EMPLOYEES = 17;

let f: {
  t: string;
  company: string;
  other: string;
  stallIds: number[];
  locationName: string;
  campaignIds: string[];
  employeeIds: string[];
  unusedCampaign: string;
};

beforeAll(async () => {
  const t = tag();
  const company = (await makeExhibitor({ name: `Bounded ${t}` })).id;
  const other = (await makeExhibitor({ name: `Other ${t}` })).id;
  const loc = await makeLocation({ name: `Hall ${t}`, stalls: STALLS, prefix: `B${t}-` });
  const campaignIds: string[] = [];
  for (let i = 0; i < CAMPAIGNS; i++)
    campaignIds.push((await makeCampaign({ name: `Camp ${t} ${String(i).padStart(2, '0')}` })).id);
  const unusedCampaign = (await makeCampaign({ name: `Camp ${t} unused` })).id;
  const employeeIds: string[] = [];
  for (let i = 0; i < EMPLOYEES; i++)
    employeeIds.push((await makeUser({ name: `Clerk ${t} ${String(i).padStart(2, '0')}` })).id);
  // One talk at each stall, by a rotating employee, for a rotating campaign; every stall i sells a
  // booking paid i thousand rupees (so "most collected" is the highest-numbered stall first).
  for (let i = 0; i < STALLS; i++) {
    await recordTalk(employeeIds[i % EMPLOYEES]!, {
      exhibitor_id: company,
      phone: `+9198${String(Date.now() % 1e6).padStart(6, '0')}${String(i).padStart(2, '0')}`,
      location_id: loc.locationId,
      table_id: loc.stallIds[i]!,
      campaign_id: campaignIds[i % CAMPAIGNS]!,
      outcome: 'materialised',
      booking: { booking_date: '2027-01-12', price: '90000.00', amount_paid: `${i + 1}000.00` },
      at: new Date(Date.UTC(2026, 0, 1 + i, 10)),
    });
  }
  // Another company at the same stall and campaign: not this company's.
  await recordTalk(employeeIds[0]!, {
    exhibitor_id: other,
    phone: `+9197${String(Date.now() % 1e8).padStart(8, '0')}`,
    location_id: loc.locationId,
    table_id: loc.stallIds[0]!,
    campaign_id: unusedCampaign,
    outcome: 'busy',
  });
  // Bookings over more months than the chart shows (the chart reads bookings by the day they were entered).
  for (let m = 0; m < 30; m++)
    await makeBooking({
      employeeId: employeeIds[0]!,
      over: { exhibitor_id: company, created_at: new Date(Date.UTC(2023, m, 15)) },
    });
  f = {
    t,
    company,
    other,
    stallIds: loc.stallIds,
    locationName: loc.name,
    campaignIds,
    employeeIds,
    unusedCampaign,
  };
});

describe('the stall-wise table', () => {
  it('returns the top 20 by collected, with the total, and pages to the rest', async () => {
    const first = await getCompanyStallPerformance(db, f.company, MONEY_VIEWER);
    expect(first.rows).toHaveLength(STALL_PERFORMANCE_PAGE_SIZE);
    expect(first.total).toBe(STALLS);
    // Stall i collected (i + 1) thousand: the last stall first.
    expect(first.rows[0]).toMatchObject({ table_id: f.stallIds[STALLS - 1], collected: `${STALLS}000.00` });
    const second = await getCompanyStallPerformance(db, f.company, MONEY_VIEWER, { page: 2 });
    expect(second.rows).toHaveLength(STALLS - STALL_PERFORMANCE_PAGE_SIZE);
    const seen = [...first.rows, ...second.rows].map((r) => r.table_id);
    expect(new Set(seen).size).toBe(STALLS);
    expect(seen.sort((a, b) => a - b)).toEqual([...f.stallIds].sort((a, b) => a - b));
  });

  it('is bounded however it is sorted, and without money sorts by talks (a money sort falls back)', async () => {
    for (const sort of ['location', 'talks', 'bookings', 'collected', 'booked'] as const)
      for (const dir of ['asc', 'desc'] as const) {
        const page = await getCompanyStallPerformance(db, f.company, MONEY_VIEWER, { sort, dir });
        expect(page.rows.length).toBeLessThanOrEqual(STALL_PERFORMANCE_PAGE_SIZE);
        expect(page.total).toBe(STALLS);
      }
    const byLocation = await getCompanyStallPerformance(db, f.company, MONEY_VIEWER, { sort: 'location' });
    expect(byLocation.rows.map((r) => r.stall)).toEqual([...byLocation.rows.map((r) => r.stall)].sort());
    const employee = await getCompanyStallPerformance(db, f.company, ACTIVITY_VIEWER, { sort: 'collected' });
    expect(employee.rows).toHaveLength(STALL_PERFORMANCE_PAGE_SIZE);
    expect(Object.keys(employee.rows[0]!)).not.toContain('collected');
    // Ties on talks (one each) are broken by stall id: a stable page order.
    expect(employee.rows.map((r) => r.table_id)).toEqual(f.stallIds.slice(0, STALL_PERFORMANCE_PAGE_SIZE));
  });

  it('asks for at most 100 rows, whatever page size is asked for', async () => {
    const page = await getCompanyStallPerformance(db, f.company, MONEY_VIEWER, { pageSize: 10_000 });
    expect(page.pageSize).toBe(100);
  });
});

describe('the contributing campaigns', () => {
  it('returns the top 10 with the total, and pages to the rest', async () => {
    const first = await listContributingCampaigns(db, f.company, MONEY_VIEWER);
    expect(first.rows).toHaveLength(CONTRIBUTING_CAMPAIGNS_PAGE_SIZE);
    expect(first.total).toBe(CAMPAIGNS);
    const pages = [first];
    for (let p = 2; p <= Math.ceil(CAMPAIGNS / CONTRIBUTING_CAMPAIGNS_PAGE_SIZE); p++)
      pages.push(await listContributingCampaigns(db, f.company, MONEY_VIEWER, { page: p }));
    const seen = pages.flatMap((p) => p.rows.map((r) => r.campaign_id));
    expect(new Set(seen).size).toBe(CAMPAIGNS);
    expect(seen).not.toContain(f.unusedCampaign);
    // Most collected first: campaigns 0–3 carry two bookings (stalls i and i + 23), the higher last.
    const collected = pages.flatMap((p) => p.rows.map((r) => Number(r.collected)));
    expect(collected).toEqual([...collected].sort((a, b) => b - a));
  });

  it('without money: by bookings, no money, bounded', async () => {
    const page = await listContributingCampaigns(db, f.company, ACTIVITY_VIEWER, { sort: 'collected' });
    expect(page.rows).toHaveLength(CONTRIBUTING_CAMPAIGNS_PAGE_SIZE);
    expect(page.rows[0]!.bookings).toBe(2);
    expect(Object.keys(page.rows[0]!)).not.toContain('collected');
  });
});

describe('the chart and the recent conversations', () => {
  it('the revenue series has at most its buckets, the latest, oldest first', async () => {
    const months = await getCompanyRevenueSeries(db, f.company, 'month', MONEY_VIEWER);
    expect(months).toHaveLength(REVENUE_SERIES_MAX_POINTS.month);
    expect(months.at(-1)!.period).toBe('2026-01');
    expect(months.map((p) => p.period)).toEqual(months.map((p) => p.period).sort());
    const weeks = await getCompanyRevenueSeries(db, f.company, 'week', ACTIVITY_VIEWER);
    expect(weeks.length).toBeLessThanOrEqual(REVENUE_SERIES_MAX_POINTS.week);
  });

  it('recent conversations are the latest 10', async () => {
    const rows = await listRecentConversations(db, f.company, MONEY_VIEWER);
    expect(rows).toHaveLength(10);
  });
});

describe('the timeline', () => {
  it('a page is at most its limit, with a cursor to the rest', async () => {
    const page = await listTimeline(db, f.company, { filters: {}, limit: 25, withMerges: true }, MONEY_VIEWER);
    expect(page.rows).toHaveLength(25);
    expect(page.nextCursor).not.toBeNull();
    const rest = await listTimeline(db, f.company, { filters: {}, cursor: page.nextCursor, limit: 25 }, MONEY_VIEWER);
    expect(rest.rows).toHaveLength(STALLS - 25);
    expect(rest.nextCursor).toBeNull();
  });

  it('the type-ahead returns at most its limit, only values of this company, matching the text', async () => {
    const campaigns = await searchTimelineFilterOptions(db, f.company, 'campaign', `Camp ${f.t}`);
    expect(campaigns).toHaveLength(TIMELINE_SEARCH_LIMIT);
    expect(campaigns.map((c) => c.label)).toEqual([...campaigns.map((c) => c.label)].sort());
    expect(campaigns.map((c) => c.value)).not.toContain(f.unusedCampaign);
    expect(await searchTimelineFilterOptions(db, f.company, 'campaign', `camp ${f.t} 07`)).toEqual([
      { value: f.campaignIds[7], label: `Camp ${f.t} 07` },
    ]);
    // The other company's campaign is found for it, not for this one.
    expect(await searchTimelineFilterOptions(db, f.other, 'campaign', `${f.t} unused`)).toEqual([
      { value: f.unusedCampaign, label: `Camp ${f.t} unused` },
    ]);
    expect(await searchTimelineFilterOptions(db, f.company, 'campaign', `${f.t} unused`)).toEqual([]);

    const stalls = await searchTimelineFilterOptions(db, f.company, 'stall', `B${f.t}-`);
    expect(stalls).toHaveLength(TIMELINE_SEARCH_LIMIT);
    // A stall is labelled, and found, with its hall.
    const label = `B${f.t}-2 (${f.locationName})`;
    expect(await searchTimelineFilterOptions(db, f.company, 'stall', label)).toEqual([
      { value: String(f.stallIds[1]), label },
    ]);
    expect((await searchTimelineFilterOptions(db, f.company, 'stall', f.locationName, 5)).length).toBe(5);

    const employees = await searchTimelineFilterOptions(db, f.company, 'employee', `Clerk ${f.t}`);
    expect(employees).toHaveLength(TIMELINE_SEARCH_LIMIT);
    expect(await searchTimelineFilterOptions(db, f.company, 'employee', `clerk ${f.t} 16`)).toEqual([
      { value: f.employeeIds[16], label: `Clerk ${f.t} 16` },
    ]);
    // Wildcards typed are matched as text.
    expect(await searchTimelineFilterOptions(db, f.company, 'employee', '%')).toEqual([]);
  });

  it('names the chosen campaign, stall and employee for the form, and lists the company’s locations', async () => {
    const choices = await getTimelineFilterChoices(db, f.company, {
      campaign_id: f.campaignIds[3],
      table_id: f.stallIds[4],
      employee_id: f.employeeIds[5],
    });
    expect(choices).toEqual({
      campaign: { value: f.campaignIds[3], label: `Camp ${f.t} 03` },
      stall: { value: String(f.stallIds[4]), label: `B${f.t}-5 (${f.locationName})` },
      employee: { value: f.employeeIds[5], label: `Clerk ${f.t} 05` },
      locations: [expect.objectContaining({ name: f.locationName })],
    });
    expect(await getTimelineFilterChoices(db, f.company, {})).toMatchObject({
      campaign: null,
      stall: null,
      employee: null,
    });
  });

  it('filters payments, cancellations and notes by kind, and talks by outcome', async () => {
    const talks = await listTimeline(db, f.company, { filters: { outcome: 'materialised' }, limit: 100 }, MONEY_VIEWER);
    expect(talks.rows).toHaveLength(STALLS);
    expect(new Set(talks.rows.map((r) => r.kind))).toEqual(new Set(['talk']));
    const byKind = await listTimeline(db, f.company, { filters: { kind: 'talk' }, limit: 100 }, MONEY_VIEWER);
    expect(byKind.rows).toHaveLength(STALLS);
    for (const kind of ['payment', 'cancellation', 'manual', 'import'] as const)
      expect((await listTimeline(db, f.company, { filters: { kind }, limit: 100 }, MONEY_VIEWER)).rows).toEqual([]);
  });
});
