/**
 * The campaign cache counters (DESIGN.md invariant 7) against their source
 * rows: one set-based recount for all campaigns, and an optional repair in one
 * transaction. Messages sent, recipients and failed recipients are
 * `campaigns.total_messages_sent`, `total_recipients` and `total_failed`; leads,
 * bookings, revenue and booked value are the sums of a campaign's
 * `campaign_stats` shards (db/schema/stats.ts). A repair sets the campaign row's and
 * adds each drifted campaign's difference to its shard 0, so the sums equal
 * the recount whichever shards hold the rest.
 */
import { sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import { bookings, campaignRecipients, campaigns, campaignStats, followUps } from '@/db/schema';
import { toPaise } from '@/lib/money';

type CountField =
  'total_messages_sent' | 'total_recipients' | 'total_failed' | 'total_leads_generated' | 'total_bookings_created';
type MoneyField = 'total_revenue' | 'total_booked_value';

export type CounterDrift =
  | { campaignId: string; name: string; field: CountField; stored: number; actual: number }
  /** Money stays a DECIMAL string. */
  | { campaignId: string; name: string; field: MoneyField; stored: string; actual: string };

/** Source aggregates, one derived table per source, grouped by campaign (no query per campaign). */
const cr = campaignRecipients;
const ACTUALS = sql`
  left join (select ${cr.campaign_id} as campaign_id, sum(${cr.status} = 'sent') as n, count(*) as total, sum(${cr.status} = 'failed') as failed
             from ${cr} group by ${cr.campaign_id}) r on r.campaign_id = ${campaigns.id}
  left join (select ${followUps.campaign_id} as campaign_id, count(*) as n from ${followUps} where ${followUps.campaign_id} is not null group by ${followUps.campaign_id}) f on f.campaign_id = ${campaigns.id}
  left join (
    select ${bookings.campaign_id} as campaign_id, count(*) as n, sum(${bookings.amount_paid}) as revenue, sum(${bookings.price}) as booked
    from ${bookings} where ${bookings.campaign_id} is not null and ${bookings.cancelled_at} is null group by ${bookings.campaign_id}
  ) b on b.campaign_id = ${campaigns.id}`;
const cs = campaignStats;
/** What the shards store, summed per campaign (`s`). */
const STORED = sql`
  left join (select ${cs.campaign_id} as campaign_id, sum(${cs.leads}) as leads, sum(${cs.bookings}) as bookings,
               sum(${cs.revenue}) as revenue, sum(${cs.booked}) as booked
             from ${cs} group by ${cs.campaign_id}) s on s.campaign_id = ${campaigns.id}`;
const STORED_LEADS = sql`coalesce(s.leads, 0)`;
const STORED_BOOKINGS = sql`coalesce(s.bookings, 0)`;
const STORED_REVENUE = sql`cast(coalesce(s.revenue, 0) as decimal(20,2))`;
const STORED_BOOKED = sql`cast(coalesce(s.booked, 0) as decimal(20,2))`;
const SENT = sql`coalesce(r.n, 0)`;
const RECIPIENTS = sql`coalesce(r.total, 0)`;
const FAILED = sql`coalesce(r.failed, 0)`;
const LEADS = sql`coalesce(f.n, 0)`;
const BOOKINGS = sql`coalesce(b.n, 0)`;
const REVENUE = sql`cast(coalesce(b.revenue, 0) as decimal(20,2))`;
const BOOKED = sql`cast(coalesce(b.booked, 0) as decimal(20,2))`;
const DRIFTED = sql`(${campaigns.total_messages_sent} <> ${SENT} or ${campaigns.total_recipients} <> ${RECIPIENTS} or ${campaigns.total_failed} <> ${FAILED} or ${STORED_LEADS} <> ${LEADS} or ${STORED_BOOKINGS} <> ${BOOKINGS} or ${STORED_REVENUE} <> ${REVENUE} or ${STORED_BOOKED} <> ${BOOKED})`;

type Row = {
  id: string;
  name: string;
  stored_sent: number | string;
  actual_sent: number | string;
  stored_recipients: number | string;
  actual_recipients: number | string;
  stored_failed: number | string;
  actual_failed: number | string;
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
          ${campaigns.total_recipients} as stored_recipients, ${RECIPIENTS} as actual_recipients,
          ${campaigns.total_failed} as stored_failed, ${FAILED} as actual_failed,
          ${STORED_LEADS} as stored_leads, ${LEADS} as actual_leads,
          ${STORED_BOOKINGS} as stored_bookings, ${BOOKINGS} as actual_bookings,
          ${STORED_REVENUE} as stored_revenue, ${REVENUE} as actual_revenue,
          ${STORED_BOOKED} as stored_booked, ${BOOKED} as actual_booked
        from ${campaigns} ${STORED} ${ACTUALS}
        where ${DRIFTED}
        order by ${campaigns.id}`,
  );
  const drifts: CounterDrift[] = [];
  for (const row of rows) {
    const base = { campaignId: row.id, name: row.name };
    const counts: [CountField, number | string, number | string][] = [
      ['total_messages_sent', row.stored_sent, row.actual_sent],
      ['total_recipients', row.stored_recipients, row.actual_recipients],
      ['total_failed', row.stored_failed, row.actual_failed],
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
 * recipients = all of its recipients; failed = those with status 'failed';
 * leads = follow-ups carrying the campaign; bookings, revenue and booked value
 * = its bookings not cancelled (COUNT, SUM(amount_paid), SUM(price)). Returns the drifts found;
 * with `fix` also repairs them, in one transaction.
 */
export async function reconcileCampaignCounters(db: DbOrTx, { fix }: { fix: boolean }): Promise<CounterDrift[]> {
  if (!fix) return findDrifts(db);
  return db.transaction(async (tx) => {
    // Lock the counters first: a booth write that already moved one commits
    // before we count; one that has not yet waits and adds its delta after our
    // repair. Either way nothing is counted twice or lost. (A write creating a
    // campaign's first row of a shard meanwhile is not waited for: run again.)
    await tx.execute(sql`select ${campaigns.id} from ${campaigns} for update`);
    await tx.execute(sql`select ${cs.campaign_id} from ${cs} for update`);
    const drifts = await findDrifts(tx);
    if (!drifts.length) return drifts;
    const drifted = sql.join(
      [...new Set(drifts.map((d) => d.campaignId))].map((id) => sql`${id}`),
      sql`, `,
    );
    await tx.execute(sql`
      update ${campaigns} ${ACTUALS}
      set ${campaigns.total_messages_sent} = ${SENT},
          ${campaigns.total_recipients} = ${RECIPIENTS},
          ${campaigns.total_failed} = ${FAILED},
          ${campaigns.updated_at} = ${campaigns.updated_at} -- a cache repair is not an edit of the campaign
      where ${campaigns.id} in (${drifted})
        and (${campaigns.total_messages_sent} <> ${SENT} or ${campaigns.total_recipients} <> ${RECIPIENTS} or ${campaigns.total_failed} <> ${FAILED})`);
    // Each drifted campaign's difference, into its shard 0.
    await tx.execute(sql`
      insert into ${cs} (${sql.identifier(cs.campaign_id.name)}, ${sql.identifier(cs.shard.name)}, ${sql.identifier(cs.leads.name)},
                         ${sql.identifier(cs.bookings.name)}, ${sql.identifier(cs.revenue.name)}, ${sql.identifier(cs.booked.name)})
      select ${campaigns.id}, 0, ${LEADS} - ${STORED_LEADS}, ${BOOKINGS} - ${STORED_BOOKINGS},
             ${REVENUE} - ${STORED_REVENUE}, ${BOOKED} - ${STORED_BOOKED}
      from ${campaigns} ${STORED} ${ACTUALS}
      where ${campaigns.id} in (${drifted})
      order by ${campaigns.id}
      on duplicate key update
        ${sql.identifier(cs.leads.name)} = ${cs.leads} + values(${sql.identifier(cs.leads.name)}),
        ${sql.identifier(cs.bookings.name)} = ${cs.bookings} + values(${sql.identifier(cs.bookings.name)}),
        ${sql.identifier(cs.revenue.name)} = ${cs.revenue} + values(${sql.identifier(cs.revenue.name)}),
        ${sql.identifier(cs.booked.name)} = ${cs.booked} + values(${sql.identifier(cs.booked.name)})`);
    return drifts;
  });
}
