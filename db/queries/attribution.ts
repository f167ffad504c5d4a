import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { appSettings, campaignRecipients, campaigns, type AttributionModel } from '@/db/schema';

/** How many days after a campaign message a lead is still credited to it, when no setting is stored. */
const ATTRIBUTION_WINDOW_DAYS = 30;
export type { AttributionModel };

/** Explicit settings; without them the stored ones (app_settings) apply. */
export type AttributionOptions = { windowDays?: number; model?: AttributionModel };

/**
 * The campaign a lead is attributed to: a campaign that sent this phone a
 * message (recipient status `sent`) within the window before `at` — the most
 * recent one (last touch) or the earliest (first touch). The window includes
 * both ends: a message sent exactly `windowDays` × 24 h before the talk counts,
 * one a second earlier does not. One indexed lookup on (phone, status, sent_at).
 * The booth form's suggestion and the write path both call this, so there is
 * one rule.
 */
export async function findAttributedCampaign(
  db: DbOrTx,
  phone: string,
  at: Date = new Date(),
  options: AttributionOptions = {},
) {
  const [row] = await attributionQuery(db, phone, at, options);
  return row ?? null;
}

/**
 * The attribution rule as a query (id, name, sent_at; at most one row), for
 * callers that embed it in a larger statement. Window and model come from
 * `options` or, when absent, from the settings row inside the same statement
 * (no extra round trip; a change applies to the next talk).
 */
export function attributionQuery(db: DbOrTx, phone: string, at: Date, options: AttributionOptions = {}) {
  const storedWindow = sql`coalesce((select ${appSettings.attribution_window_days} from ${appSettings} where ${appSettings.id} = 1), ${ATTRIBUTION_WINDOW_DAYS})`;
  const from: Date | SQL =
    options.windowDays !== undefined
      ? new Date(at.getTime() - options.windowDays * 86_400_000)
      : sql`(${at} - interval ${storedWindow} day)`;
  const model: SQL =
    options.model !== undefined
      ? sql`${options.model}`
      : sql`coalesce((select ${appSettings.attribution_model} from ${appSettings} where ${appSettings.id} = 1), 'last')`;
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
    .orderBy(
      // First touch: earliest first; last touch: latest first; ties by campaign id.
      sql`case when ${model} = 'first' then ${campaignRecipients.sent_at} end asc`,
      sql`${campaignRecipients.sent_at} desc`,
      sql`${campaigns.id}`,
    )
    .limit(1);
}

/** The stored attribution settings (defaults when the row is missing). */
export async function getAttributionSettings(
  db: DbOrTx,
): Promise<{ windowDays: number; model: AttributionModel; updatedAt: Date | null }> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.id, 1));
  return {
    windowDays: row?.attribution_window_days ?? ATTRIBUTION_WINDOW_DAYS,
    model: row?.attribution_model ?? 'last',
    updatedAt: row?.updated_at ?? null,
  };
}
