import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { campaignRecipients, campaigns } from '@/db/schema';

/** Days before a lead's first talk in which a sent campaign message earns it (DESIGN.md, issue §Attribution). */
export const ATTRIBUTION_WINDOW_DAYS = 30;

export type AttributionModel = 'last' | 'first';

/**
 * The campaign a lead is attributed to: a campaign that sent this phone a
 * message (recipient status `sent`) within the window before `at` — the most
 * recent one (last touch) or the earliest (first touch). One indexed lookup on
 * (phone, status, sent_at). The booth form's suggestion and the write path both
 * call this, so there is one rule.
 */
export async function findAttributedCampaign(db: DbOrTx, phone: string, at: Date = new Date(), options: AttributionOptions = {}) {
  const [row] = await attributionQuery(db, phone, at, options);
  return row ?? null;
}

export type AttributionOptions = { windowDays?: number; model?: AttributionModel };

/** The attribution rule as a query (id, name, sent_at; at most one row), for callers that embed it in a larger statement. */
export function attributionQuery(db: DbOrTx, phone: string, at: Date, { windowDays = ATTRIBUTION_WINDOW_DAYS, model = 'last' }: AttributionOptions = {}) {
  const from = new Date(at.getTime() - windowDays * 86_400_000);
  return db
    .select({ id: campaigns.id, name: campaigns.name, sent_at: campaignRecipients.sent_at })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaign_id))
    .where(
      and(
        eq(campaignRecipients.phone, phone),
        eq(campaignRecipients.status, 'sent'),
        gte(campaignRecipients.sent_at, from),
        lte(campaignRecipients.sent_at, at),
      ),
    )
    .orderBy(model === 'last' ? desc(campaignRecipients.sent_at) : asc(campaignRecipients.sent_at), sql`${campaigns.id}`)
    .limit(1);
}
