import { decimal, index, int, mysqlTable, primaryKey, timestamp, tinyint } from 'drizzle-orm/mysql-core';

import { bigIdRef, ulidCol } from './columns';

/*
 * Read counters of the company views: what the companies list sorts
 * by, the dashboard's KPIs and the stall tables would otherwise count from
 * hundreds of thousands of rows on every view.
 *
 * They are moved by the services, in the writing transaction, beside the
 * campaign counters (db/services/counters.ts): every write — booth entry,
 * payment, cancellation, manual note, merge, the old write shapes, the legacy
 * backfill and hand resolutions — moves them, and a rolled-back write moves
 * nothing. A hand-run UPDATE moves nothing: `npm run counters:reconcile`
 * recounts them from the source rows (db/services/read-stats.ts).
 *
 * What counts, as in db/queries/companies.ts: leads = follow-ups; talks =
 * conversations of kind 'talk' (per stall: those with a stall); bookings and
 * money = bookings not cancelled (collected = SUM(amount_paid), booked =
 * SUM(price)); the last conversation = the latest conversation_date of any kind.
 *
 * No foreign keys: these rows are a cache of the source rows, and a foreign-key
 * check would lock the company or stall row inside every write.
 */

// Sums of booking amounts: wide enough that no number of bookings at the business maximum
// (MAX_BOOKING_PRICE, lib/money.ts) can overflow them (DECIMAL(20,2): up to 10^18 rupees).
const money = (name: string) => decimal(name, { precision: 20, scale: 2 }).notNull().default('0.00');
const count = (name: string) => int(name).notNull().default(0);

/** One row per company (contacts.type = 'exhibitor') that has any activity. */
export const exhibitorStats = mysqlTable(
  'exhibitor_stats',
  {
    exhibitor_id: ulidCol('exhibitor_id').primaryKey(),
    leads: count('leads'),
    talks: count('talks'),
    bookings: count('bookings'),
    collected: money('collected'),
    booked: money('booked'),
    last_conversation_at: timestamp('last_conversation_at', { mode: 'date' }),
  },
  // The companies list's default sorts (collected for managers, leads for employees), read from the
  // top down: a page is found from its first rows instead of sorting every company (listCompanies).
  (t) => [index('exhibitor_stats_collected_index').on(t.collected), index('exhibitor_stats_leads_index').on(t.leads)],
);

/** One row per stall with talks or bookings, across all companies. */
export const stallStats = mysqlTable('stall_stats', {
  table_id: bigIdRef('table_id').primaryKey(),
  talks: count('talks'),
  bookings: count('bookings'),
  collected: money('collected'),
  booked: money('booked'),
});

/** One row per company and stall with talks or bookings: a company's stall-wise performance. */
export const exhibitorStallStats = mysqlTable(
  'exhibitor_stall_stats',
  {
    exhibitor_id: ulidCol('exhibitor_id').notNull(),
    table_id: bigIdRef('table_id').notNull(),
    talks: count('talks'),
    bookings: count('bookings'),
    collected: money('collected'),
    booked: money('booked'),
  },
  (t) => [primaryKey({ name: 'exhibitor_stall_stats_pk', columns: [t.exhibitor_id, t.table_id] })],
);

/** How many rows each campaign's counters are spread over (`campaign_stats.shard`). */
export const CAMPAIGN_STATS_SHARDS = 16;

/**
 * The campaign counters (DESIGN.md invariant 7: leads, bookings, revenue = SUM(amount_paid), booked
 * value = SUM(price) of the bookings not cancelled), in CAMPAIGN_STATS_SHARDS rows per campaign: a
 * write moves the shard of its company (`campaignShard`, db/services/counters.ts), so booth entries
 * of different companies for one campaign do not queue on one row; readers sum the shards, and
 * `foldCampaignStats` (db/services/counters.ts, nightly) folds them into shard 0 again.
 *
 * Not the document's `campaigns.total_*` columns: those were one row per campaign, locked by every
 * entry of the campaign for its whole transaction (the follow-ups', talks' and bookings' foreign
 * keys take shared locks on the campaign row, so its counters had to be moved first). No foreign
 * key points at this table or from it, so its rows are locked only by the counter moves, last in
 * the transaction. The old columns stay for the document's schema, no longer moved
 * (ARCHITECTURE.md, invariant 7). `total_messages_sent` stays on `campaigns`: it moves when a
 * campaign is sent, not with booth entries.
 */
export const campaignStats = mysqlTable(
  'campaign_stats',
  {
    campaign_id: ulidCol('campaign_id').notNull(),
    shard: tinyint('shard', { unsigned: true }).notNull(),
    leads: count('leads'),
    bookings: count('bookings'),
    revenue: money('revenue'),
    booked: money('booked'),
  },
  (t) => [primaryKey({ name: 'campaign_stats_pk', columns: [t.campaign_id, t.shard] })],
);

/**
 * One row per company and campaign with leads or bookings: the company page's contributing
 * campaigns (leads = follow-ups of the company carrying the campaign; bookings, collected =
 * SUM(amount_paid) and booked = SUM(price) of its bookings not cancelled carrying the campaign).
 * Moved by the services beside the others (db/services/counters.ts); the key leads with the
 * company, so a company page reads its rows by the primary key, and a campaign page reads its
 * exhibitor breakdown from the (campaign_id, collected) index.
 */
export const exhibitorCampaignStats = mysqlTable(
  'exhibitor_campaign_stats',
  {
    exhibitor_id: ulidCol('exhibitor_id').notNull(),
    campaign_id: ulidCol('campaign_id').notNull(),
    leads: count('leads'),
    bookings: count('bookings'),
    collected: money('collected'),
    booked: money('booked'),
  },
  (t) => [
    primaryKey({ name: 'exhibitor_campaign_stats_pk', columns: [t.exhibitor_id, t.campaign_id] }),
    // A campaign page's exhibitor breakdown, read from this index alone (it holds every column shown, the key
    // its PK tail): a campaign's companies without a lookup per row, most collected first.
    index('exhibitor_campaign_stats_campaign_collected_index').on(
      t.campaign_id,
      t.collected,
      t.bookings,
      t.leads,
      t.booked,
    ),
  ],
);
