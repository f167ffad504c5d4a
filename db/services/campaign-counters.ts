/**
 * The campaign cache counters (DESIGN.md invariant 7) against their source
 * rows: one set-based recount for all campaigns, and an optional repair in one
 * transaction with one UPDATE … JOIN.
 */
import { sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import { bookings, campaignRecipients, campaigns, followUps } from '@/db/schema';
import { toPaise } from '@/lib/money';

type CountField = 'total_messages_sent' | 'total_leads_generated' | 'total_bookings_created';
type MoneyField = 'total_revenue' | 'total_booked_value';

export type CounterDrift =
  | { campaignId: string; name: string; field: CountField; stored: number; actual: number }
  /** Money stays a DECIMAL string. */
  | { campaignId: string; name: string; field: MoneyField; stored: string; actual: string };

/** Source aggregates, one derived table per source, grouped by campaign (no query per campaign). */
const cr = campaignRecipients;
const ACTUALS = sql`
  left join (select ${cr.campaign_id} as campaign_id, count(*) as n from ${cr} where ${cr.status} = 'sent' group by ${cr.campaign_id}) r on r.campaign_id = ${campaigns.id}
  left join (select ${followUps.campaign_id} as campaign_id, count(*) as n from ${followUps} where ${followUps.campaign_id} is not null group by ${followUps.campaign_id}) f on f.campaign_id = ${campaigns.id}
  left join (
    select ${bookings.campaign_id} as campaign_id, count(*) as n, sum(${bookings.amount_paid}) as revenue, sum(${bookings.price}) as booked
    from ${bookings} where ${bookings.campaign_id} is not null and ${bookings.cancelled_at} is null group by ${bookings.campaign_id}
  ) b on b.campaign_id = ${campaigns.id}`;
const SENT = sql`coalesce(r.n, 0)`;
const LEADS = sql`coalesce(f.n, 0)`;
const BOOKINGS = sql`coalesce(b.n, 0)`;
const REVENUE = sql`cast(coalesce(b.revenue, 0) as decimal(20,2))`;
const BOOKED = sql`cast(coalesce(b.booked, 0) as decimal(20,2))`;
const DRIFTED = sql`(${campaigns.total_messages_sent} <> ${SENT} or ${campaigns.total_leads_generated} <> ${LEADS} or ${campaigns.total_bookings_created} <> ${BOOKINGS} or ${campaigns.total_revenue} <> ${REVENUE} or ${campaigns.total_booked_value} <> ${BOOKED})`;

type Row = {
  id: string;
  name: string;
  stored_sent: number | string;
  actual_sent: number | string;
  stored_leads: number | string;
  actual_leads: number | string;
  stored_bookings: number | string;
  actual_bookings: number | string;
  stored_revenue: string;
  actual_revenue: string;
  stored_booked: string;
  actual_booked: string;
};

async function findDrifts(db: DbOrTx): Promise<CounterDrift[]> {
  const rows = await rowsOf<Row>(
    db,
    sql`select ${campaigns.id}, ${campaigns.name},
          ${campaigns.total_messages_sent} as stored_sent, ${SENT} as actual_sent,
          ${campaigns.total_leads_generated} as stored_leads, ${LEADS} as actual_leads,
          ${campaigns.total_bookings_created} as stored_bookings, ${BOOKINGS} as actual_bookings,
          ${campaigns.total_revenue} as stored_revenue, ${REVENUE} as actual_revenue,
          ${campaigns.total_booked_value} as stored_booked, ${BOOKED} as actual_booked
        from ${campaigns} ${ACTUALS}
        where ${DRIFTED}
        order by ${campaigns.id}`,
  );
  const drifts: CounterDrift[] = [];
  for (const row of rows) {
    const base = { campaignId: row.id, name: row.name };
    const counts: [CountField, number | string, number | string][] = [
      ['total_messages_sent', row.stored_sent, row.actual_sent],
      ['total_leads_generated', row.stored_leads, row.actual_leads],
      ['total_bookings_created', row.stored_bookings, row.actual_bookings],
    ];
    for (const [field, stored, actual] of counts) {
      if (Number(stored) !== Number(actual))
        drifts.push({ ...base, field, stored: Number(stored), actual: Number(actual) });
    }
    const money: [MoneyField, string, string][] = [
      ['total_revenue', String(row.stored_revenue), String(row.actual_revenue)],
      ['total_booked_value', String(row.stored_booked), String(row.actual_booked)],
    ];
    for (const [field, stored, actual] of money) {
      if (toPaise(stored) !== toPaise(actual)) drifts.push({ ...base, field, stored, actual });
    }
  }
  return drifts;
}

/**
 * Recounts every campaign: messages sent = recipients with status 'sent';
 * leads = follow-ups carrying the campaign; bookings, revenue and booked value
 * = its bookings not cancelled (COUNT, SUM(amount_paid), SUM(price)). Returns the drifts found;
 * with `fix` also repairs them, in one transaction.
 */
export async function reconcileCampaignCounters(db: DbOrTx, { fix }: { fix: boolean }): Promise<CounterDrift[]> {
  if (!fix) return findDrifts(db);
  return db.transaction(async (tx) => {
    // Lock the campaigns first: a booth write that already moved a counter
    // commits before we count; one that has not yet waits and adds its delta
    // after our repair. Either way nothing is counted twice or lost.
    await tx.execute(sql`select ${campaigns.id} from ${campaigns} for update`);
    const drifts = await findDrifts(tx);
    if (drifts.length) {
      await tx.execute(sql`
        update ${campaigns} ${ACTUALS}
        set ${campaigns.total_messages_sent} = ${SENT},
            ${campaigns.total_leads_generated} = ${LEADS},
            ${campaigns.total_bookings_created} = ${BOOKINGS},
            ${campaigns.total_revenue} = ${REVENUE},
            ${campaigns.total_booked_value} = ${BOOKED},
            ${campaigns.updated_at} = ${campaigns.updated_at} -- a cache repair is not an edit of the campaign
        where ${DRIFTED}`);
    }
    return drifts;
  });
}
