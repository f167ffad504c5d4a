/**
 * Folding the campaign counter shards (foldCampaignStats,
 * db/services/counters.ts) on the real database: the sums a
 * campaign shows do not change, its rows become one, and booth entries of
 * many companies recorded while folds run are each counted exactly once
 * (invariant 7: the counters equal their recount afterwards).
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { db } from '@/db';
import { getCampaign } from '@/db/queries/campaigns';
import { campaignStats } from '@/db/schema';
import { campaignShard, foldCampaignStats, reconcileCampaignCounters } from '@/db/services/counters';
import { recordEntry } from '@/db/services/entries';
import { todayInIndia } from '@/lib/dates';
import { ulid } from '@/lib/ulid';

import {
  campaignTotals,
  makeCampaign,
  makeExhibitor,
  makeLocation,
  makeUser,
  tag,
  uniquePhone,
} from './helpers/factories';

const shardsOf = async (campaignId: string) =>
  db
    .select({
      shard: campaignStats.shard,
      leads: campaignStats.leads,
      bookings: campaignStats.bookings,
      revenue: campaignStats.revenue,
      booked: campaignStats.booked,
    })
    .from(campaignStats)
    .where(eq(campaignStats.campaign_id, campaignId))
    .orderBy(asc(campaignStats.shard));

describe('folding the campaign counter shards', () => {
  it('keeps every sum to the paisa and leaves one row per campaign', async () => {
    // A: three shards (3 + 2 + 1 leads, 1 + 1 + 0 bookings, ₹600 + ₹500 + ₹0.25, ₹1,000 + ₹1,000 + ₹0).
    const a = await makeCampaign(
      { name: `Fold A ${tag()}` },
      { counters: { leads: 3, bookings: 1, revenue: '600.00', booked: '1000.00' } },
    );
    await db.insert(campaignStats).values([
      { campaign_id: a.id, shard: 7, leads: 2, bookings: 1, revenue: '500.00', booked: '1000.00' },
      { campaign_id: a.id, shard: 15, leads: 1, bookings: 0, revenue: '0.25', booked: '0.00' },
    ]);
    // B: one shard, not 0 (its company's): it becomes shard 0.
    const b = await makeCampaign({ name: `Fold B ${tag()}` });
    await db
      .insert(campaignStats)
      .values({ campaign_id: b.id, shard: 4, leads: 5, bookings: 2, revenue: '0.10', booked: '99.99' });

    const folded = await foldCampaignStats(db);
    expect(folded.campaigns).toBeGreaterThanOrEqual(2);
    expect(folded.rows).toBeGreaterThanOrEqual(3);
    expect(await shardsOf(a.id)).toEqual([{ shard: 0, leads: 6, bookings: 2, revenue: '1100.25', booked: '2000.00' }]);
    expect(await shardsOf(b.id)).toEqual([{ shard: 0, leads: 5, bookings: 2, revenue: '0.10', booked: '99.99' }]);
    expect(await getCampaign(db, a.id)).toMatchObject({
      leads: 6,
      bookings: 2,
      collected: '1100.25',
      booked: '2000.00',
    });
    // Nothing left to fold: a second run changes nothing.
    expect(await foldCampaignStats(db)).toEqual({ campaigns: 0, rows: 0 });
    expect(await shardsOf(a.id)).toHaveLength(1);
  });

  it('counts every entry once when folds run while many companies record talks and bookings', async () => {
    const t = tag();
    const employee = await makeUser({ name: `Emp ${t}` });
    const campaign = await makeCampaign({ name: `Fold live ${t}` });
    const companies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => makeExhibitor({ name: `Fold ${t} ${i}` })),
    );
    // The companies spread over several shards, so the fold has rows to fold between entries.
    expect(new Set(companies.map((c) => campaignShard(c.id))).size).toBeGreaterThan(3);
    const location = await makeLocation({
      name: `Fold hall ${t}`,
      stalls: companies.map((_, i) => ({ name: `F-${i}`, price: '10000.00' })),
      event: null,
    });
    const entry = (i: number, round: number) => ({
      idempotency_key: ulid(),
      exhibitor_id: companies[i]!.id,
      phone: uniquePhone(),
      table_id: location.stallIds[i]!,
      campaign_id: campaign.id,
      notes: `Round ${round}`,
      ...(round === 0
        ? {
            outcome: 'materialised' as const,
            booking: { booking_date: '2027-02-01', price: '10000.00', amount_paid: '2500.50' },
          }
        : {
            outcome: 'interested' as const,
            next_followup_date: todayInIndia(new Date(Date.now() + 5 * 86_400_000)),
          }),
    });
    let stop = false;
    const folding = (async () => {
      let runs = 0;
      while (!stop || runs < 2) {
        await foldCampaignStats(db);
        runs++;
      }
      return runs;
    })();
    for (let round = 0; round < 8; round++)
      await Promise.all(companies.map((_, i) => recordEntry(db, employee.id, entry(i, round))));
    stop = true;
    expect(await folding).toBeGreaterThanOrEqual(2);

    // 12 companies × 8 rounds = 96 leads; 12 bookings of ₹10,000 with ₹2,500.50 paid.
    expect(await campaignTotals(campaign.id)).toEqual({
      leads: 96,
      bookings: 12,
      revenue: '30006.00',
      booked: '120000.00',
    });
    expect((await reconcileCampaignCounters(db, { fix: false })).filter((d) => d.campaignId === campaign.id)).toEqual(
      [],
    );
    await foldCampaignStats(db);
    expect(await shardsOf(campaign.id)).toEqual([
      { shard: 0, leads: 96, bookings: 12, revenue: '30006.00', booked: '120000.00' },
    ]);
  });
});
