/**
 * The counters of a generated world, counted from its rows as they are
 * emitted: the read counters (exhibitor_stats, stall_stats,
 * exhibitor_stall_stats, exhibitor_campaign_stats) and the campaign counters (messages sent, recipients and failed on the
 * campaign row, the rest in campaign_stats by company shard), with the same rules as
 * their recounts (the `<table>_recount` views; db/services/campaign-counters.ts):
 * leads = follow-ups; talks = conversations of kind 'talk' (per stall: those
 * with a stall); bookings and money = bookings not cancelled (collected /
 * revenue = amount_paid, booked = price); the last conversation = the latest
 * conversation_date of any kind; messages sent = recipients with status 'sent' (failed: 'failed').
 * A bulk load then writes them instead of recounting millions of rows.
 * Money is integer paise (bigint) until it is written.
 */
import { campaignShard } from '@/db/services/counters';
import { fromPaise, toPaise } from '@/lib/money';

import type { SeedRows, SeedTable } from './bulk-sql';

type Sums = { talks: number; bookings: number; collected: bigint; booked: bigint };
type CompanySums = Sums & { leads: number; last: number | null };
type CampaignSums = { leads: number; bookings: number; revenue: bigint; booked: bigint };

const sums = (): Sums => ({ talks: 0, bookings: 0, collected: 0n, booked: 0n });
const ms = (v: Date | string | null | undefined) =>
  v == null ? null : v instanceof Date ? v.getTime() : Date.parse(v);
const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export class SeedCounters {
  private readonly companies = new Map<string, CompanySums>();
  private readonly stalls = new Map<number, Sums>();
  /** Key: exhibitor id (26 characters) + stall id. */
  private readonly companyStalls = new Map<string, Sums>();
  /** Recipients per campaign: all, sent (messages sent) and failed. */
  private readonly recipients = new Map<string, { sent: number; total: number; failed: number }>();
  /** Key: campaign id (26 characters) + shard (two digits), as campaign_stats stores them. */
  private readonly campaignSums = new Map<string, CampaignSums>();
  /** Key: exhibitor id (26 characters) + campaign id (26 characters). */
  private readonly companyCampaigns = new Map<string, CampaignSums>();

  private company(id: string): CompanySums {
    let s = this.companies.get(id);
    if (!s) this.companies.set(id, (s = { ...sums(), leads: 0, last: null }));
    return s;
  }
  private stall(id: number): Sums {
    let s = this.stalls.get(id);
    if (!s) this.stalls.set(id, (s = sums()));
    return s;
  }
  private companyStall(exhibitor: string, table: number): Sums {
    const key = exhibitor + table;
    let s = this.companyStalls.get(key);
    if (!s) this.companyStalls.set(key, (s = sums()));
    return s;
  }
  private campaign(id: string, exhibitor: string | null): CampaignSums {
    const key = id + String(campaignShard(exhibitor)).padStart(2, '0');
    let s = this.campaignSums.get(key);
    if (!s) this.campaignSums.set(key, (s = { leads: 0, bookings: 0, revenue: 0n, booked: 0n }));
    return s;
  }

  private companyCampaign(exhibitor: string, campaign: string): CampaignSums {
    const key = exhibitor + campaign;
    let s = this.companyCampaigns.get(key);
    if (!s) this.companyCampaigns.set(key, (s = { leads: 0, bookings: 0, revenue: 0n, booked: 0n }));
    return s;
  }

  /** Counts one emitted row (rows are complete when emitted: a booking carries its final payment and cancellation). */
  add<T extends SeedTable>(table: T, row: SeedRows[T]): void {
    switch (table) {
      case 'campaign_recipients': {
        const r = row as SeedRows['campaign_recipients'];
        const n = this.recipients.get(r.campaign_id) ?? { sent: 0, total: 0, failed: 0 };
        n.total++;
        if (r.status === 'sent') n.sent++;
        if (r.status === 'failed') n.failed++;
        this.recipients.set(r.campaign_id, n);
        return;
      }
      case 'follow_ups': {
        const f = row as SeedRows['follow_ups'];
        if (f.exhibitor_id) this.company(f.exhibitor_id).leads++;
        if (f.campaign_id) this.campaign(f.campaign_id, f.exhibitor_id ?? null).leads++;
        if (f.campaign_id && f.exhibitor_id) this.companyCampaign(f.exhibitor_id, f.campaign_id).leads++;
        return;
      }
      case 'conversations': {
        const c = row as SeedRows['conversations'];
        if (!c.exhibitor_id) throw new Error(`Conversation ${c.id} has no company: the recount would have a NULL key`);
        const company = this.company(c.exhibitor_id);
        const at = ms(c.conversation_date);
        if (at !== null && (company.last === null || at > company.last)) company.last = at;
        if (c.kind !== 'talk') return;
        company.talks++;
        if (c.table_id != null) {
          this.stall(c.table_id).talks++;
          this.companyStall(c.exhibitor_id, c.table_id).talks++;
        }
        return;
      }
      case 'bookings': {
        const b = row as SeedRows['bookings'];
        if (b.cancelled_at) return;
        const paid = toPaise(b.amount_paid ?? '0');
        const price = toPaise(b.price ?? '0');
        const move = (s: Sums) => {
          s.bookings++;
          s.collected += paid;
          s.booked += price;
        };
        if (b.exhibitor_id) move(this.company(b.exhibitor_id));
        if (b.table_id != null) {
          move(this.stall(b.table_id));
          if (b.exhibitor_id) move(this.companyStall(b.exhibitor_id, b.table_id));
        }
        const moveCampaign = (s: CampaignSums) => {
          s.bookings++;
          s.revenue += paid;
          s.booked += price;
        };
        if (b.campaign_id) moveCampaign(this.campaign(b.campaign_id, b.exhibitor_id ?? null));
        if (b.campaign_id && b.exhibitor_id) moveCampaign(this.companyCampaign(b.exhibitor_id, b.campaign_id));
        return;
      }
    }
  }

  /** The campaign's counter columns kept on the campaigns row (messages sent, recipients, failed). */
  campaignColumns(id: string) {
    const n = this.recipients.get(id);
    return { total_messages_sent: n?.sent ?? 0, total_recipients: n?.total ?? 0, total_failed: n?.failed ?? 0 };
  }

  /** campaign_stats rows, in key order (campaign, then shard). */
  *campaignStats() {
    for (const [key, s] of byKey(this.campaignSums))
      yield {
        campaign_id: key.slice(0, 26),
        shard: Number(key.slice(26)),
        leads: s.leads,
        bookings: s.bookings,
        revenue: fromPaise(s.revenue),
        booked: fromPaise(s.booked),
      };
  }

  /** exhibitor_campaign_stats rows, in key order (exhibitor, then campaign). */
  *exhibitorCampaignStats() {
    for (const [key, s] of byKey(this.companyCampaigns))
      yield {
        exhibitor_id: key.slice(0, 26),
        campaign_id: key.slice(26),
        leads: s.leads,
        bookings: s.bookings,
        collected: fromPaise(s.revenue),
        booked: fromPaise(s.booked),
      };
  }

  /** exhibitor_stats rows, in key order. */
  *exhibitorStats() {
    for (const [exhibitor_id, s] of byKey(this.companies))
      yield {
        exhibitor_id,
        leads: s.leads,
        talks: s.talks,
        bookings: s.bookings,
        collected: fromPaise(s.collected),
        booked: fromPaise(s.booked),
        last_conversation_at: s.last === null ? null : new Date(s.last),
      };
  }

  /** stall_stats rows, in key order. */
  *stallStats() {
    for (const [table_id, s] of [...this.stalls.entries()].sort(([a], [b]) => a - b)) yield { table_id, ...money(s) };
  }

  /** exhibitor_stall_stats rows, in key order (exhibitor, then stall). */
  *exhibitorStallStats() {
    const rows = [...this.companyStalls.entries()].map(([key, s]) => ({
      exhibitor_id: key.slice(0, 26),
      table_id: Number(key.slice(26)),
      s,
    }));
    rows.sort((a, b) =>
      a.exhibitor_id < b.exhibitor_id ? -1 : a.exhibitor_id > b.exhibitor_id ? 1 : a.table_id - b.table_id,
    );
    for (const { exhibitor_id, table_id, s } of rows) yield { exhibitor_id, table_id, ...money(s) };
  }
}

const money = (s: Sums) => ({
  talks: s.talks,
  bookings: s.bookings,
  collected: fromPaise(s.collected),
  booked: fromPaise(s.booked),
});

export const EXHIBITOR_STATS_COLUMNS = [
  'exhibitor_id',
  'leads',
  'talks',
  'bookings',
  'collected',
  'booked',
  'last_conversation_at',
] as const;
export const STALL_STATS_COLUMNS = ['table_id', 'talks', 'bookings', 'collected', 'booked'] as const;
export const EXHIBITOR_STALL_STATS_COLUMNS = [
  'exhibitor_id',
  'table_id',
  'talks',
  'bookings',
  'collected',
  'booked',
] as const;
/** The counter columns of the campaigns row (the others are in campaign_stats). */
export const CAMPAIGN_COUNTER_COLUMNS = ['total_messages_sent', 'total_recipients', 'total_failed'] as const;
export const CAMPAIGN_STATS_COLUMNS = ['campaign_id', 'shard', 'leads', 'bookings', 'revenue', 'booked'] as const;
export const EXHIBITOR_CAMPAIGN_STATS_COLUMNS = [
  'exhibitor_id',
  'campaign_id',
  'leads',
  'bookings',
  'collected',
  'booked',
] as const;
