/**
 * Managing campaigns (design document §2.4, §4.1): the campaign
 * itself, its recipients (from a checked CSV or a contact filter), and the
 * gateway's outcome per recipient. The product does not talk to a messaging
 * gateway yet: the outbox is exported as CSV and the results imported back —
 * a gateway adapter later calls `recordDeliveryResults` the same way.
 *
 * `campaigns.total_messages_sent` is the count of recipients with status
 * 'sent', `total_recipients` of all of them and `total_failed` of those
 * failed, moved in the same transaction as the recipients that change
 * (moveRecipientCounters) and recounted by `counters:reconcile`.
 */
import { and, eq, inArray, isNotNull, isNull, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';

import type { Db, DbOrTx, Tx } from '@/db';
import { columnNames } from '@/db/rows';
import {
  appSettings,
  campaignRecipients,
  campaigns,
  contacts,
  conversations,
  type AttributionModel,
  type CAMPAIGN_CHANNELS,
  type CAMPAIGN_STATUSES,
} from '@/db/schema';
import { audit } from '@/db/services/audit';
import { DomainError } from '@/lib/errors';
import { formatCount } from '@/lib/format';
import { normalisePhone } from '@/lib/phone';
import { checkRecipientRows, type InvalidRecipientRow, type RecipientRow } from '@/lib/recipients';
import { ulid } from '@/lib/ulid';

/* ---------------------------------------------------------------- campaigns */

type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A campaign as its form gives it (app/(app)/admin/campaigns/schema.ts); `sent_on` is yyyy-mm-dd. */
export type CampaignInput = {
  name: string;
  channel: CampaignChannel;
  message: string | null;
  status: CampaignStatus;
  sent_on: string | null;
};

function sentAt(input: CampaignInput, now: Date): Date | null {
  if (input.sent_on) return new Date(`${input.sent_on}T00:00:00Z`);
  return input.status === 'sent' ? now : null;
}

/** The columns an admin edits, as the audit images show them. */
const campaignImage = {
  name: campaigns.name,
  channel: campaigns.channel,
  message: campaigns.message,
  status: campaigns.status,
  sent_at: campaigns.sent_at,
};

function campaignRow(input: CampaignInput, now: Date) {
  return {
    name: input.name,
    channel: input.channel,
    message: input.message,
    status: input.status,
    sent_at: sentAt(input, now),
  };
}

export async function createCampaign(
  db: DbOrTx,
  userId: string,
  input: CampaignInput,
  now = new Date(),
): Promise<string> {
  const id = ulid(now.getTime());
  const row = campaignRow(input, now);
  await db.transaction(async (tx) => {
    await tx.insert(campaigns).values({ id, ...row, created_by: userId });
    await audit(tx, { action: 'campaign.created', entity: 'campaign', entityId: id, after: row, userId });
  });
  return id;
}

export async function updateCampaign(db: DbOrTx, { id, ...input }: CampaignInput & { id: string }, now = new Date()) {
  const row = campaignRow(input, now);
  await db.transaction(async (tx) => {
    const [before] = await tx.select(campaignImage).from(campaigns).where(eq(campaigns.id, id)).for('update');
    if (!before) throw new DomainError('NOT_FOUND', 'That campaign no longer exists.');
    await tx.update(campaigns).set(row).where(eq(campaigns.id, id));
    await audit(tx, { action: 'campaign.updated', entity: 'campaign', entityId: id, before, after: row });
  });
}

async function requireCampaign(db: DbOrTx, id: string, lock = false) {
  const query = db
    .select({ id: campaigns.id, status: campaigns.status, sent_at: campaigns.sent_at })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new DomainError('NOT_FOUND', 'That campaign no longer exists.');
  return row;
}

/* --------------------------------------------------------------- recipients */

/** Largest chunk the upload sends per request (the browser splits bigger files and shows progress). */
export const RECIPIENT_CHUNK = 2000;

export type AddRecipientsResult = {
  added: number;
  already: number;
  invalid: InvalidRecipientRow[];
  duplicates: number;
};

/** The contact a phone belongs to, when exactly one (not deleted) has it. */
const contactOf = (phone: SQL) =>
  sql`(select case when count(*) = 1 then min(${contacts.id}) end from ${contacts} where ${contacts.phone} = ${phone} and ${contacts.deleted_at} is null)`;

/**
 * Adds recipients (status pending) from rows the caller read from a CSV; the
 * rows are checked again here (the browser's preview is not trusted). One
 * transaction; a phone already on the campaign keeps its row (its name is
 * filled in when it had none). Returns what was added and what was not.
 */
export async function addRecipients(
  db: Db,
  campaignId: string,
  rows: { line: number; phone: string; name?: string | null }[],
): Promise<AddRecipientsResult> {
  if (rows.length > RECIPIENT_CHUNK)
    throw new DomainError('INVALID', `Send at most ${formatCount(RECIPIENT_CHUNK)} rows at a time.`);
  const checked = checkRecipientRows(rows);
  if (!checked.valid.length) return { added: 0, already: 0, invalid: checked.invalid, duplicates: checked.duplicates };
  return db.transaction(async (tx) => {
    // Locked: uploads to one campaign take turns, so what insertRecipients finds already there stays so.
    await requireCampaign(tx, campaignId, true);
    const added = await insertRecipients(tx, campaignId, checked.valid);
    const result = {
      added,
      already: checked.valid.length - added,
      invalid: checked.invalid,
      duplicates: checked.duplicates,
    };
    await audit(tx, {
      action: 'recipients.added',
      entity: 'campaign',
      entityId: campaignId,
      after: { source: 'csv', rows: rows.length, ...result, invalid: result.invalid.length },
    });
    return result;
  });
}

async function insertRecipients(tx: Tx, campaignId: string, valid: RecipientRow[]): Promise<number> {
  const values = sql.join(
    valid.map((r) => sql`(${campaignId}, ${r.phone}, ${r.name}, ${contactOf(sql`${r.phone}`)}, 'pending')`),
    sql`, `,
  );
  // affectedRows cannot tell a new row from a touched duplicate (mysql2 reports found rows), so the
  // phones already there are looked up first (unique (campaign_id, phone)), under the campaign's lock
  // taken by the caller.
  const existing = await tx
    .select({ phone: campaignRecipients.phone })
    .from(campaignRecipients)
    .where(
      and(
        eq(campaignRecipients.campaign_id, campaignId),
        inArray(
          campaignRecipients.phone,
          valid.map((r) => r.phone),
        ),
      ),
    );
  const r = campaignRecipients;
  await tx.execute(sql`
    insert into ${r} (${columnNames(r.campaign_id, r.phone, r.name, r.contact_id, r.status)}) values ${values}
    on duplicate key update ${columnNames(r.name)} = coalesce(${r.name}, values(${columnNames(r.name)}))`);
  const added = valid.length - existing.length;
  await moveRecipientCounters(tx, campaignId, { recipients: added });
  return added;
}

/** Moves a campaign's recipient counters by what the caller's statements changed, in its transaction. */
async function moveRecipientCounters(
  tx: Tx,
  campaignId: string,
  d: { recipients?: number; sent?: number; failed?: number },
  also: Partial<Pick<typeof campaigns.$inferInsert, 'status' | 'sent_at'>> = {},
) {
  const by = (col: AnyColumn, n = 0) => (n ? sql`${col} + ${n}` : undefined);
  const set = {
    total_recipients: by(campaigns.total_recipients, d.recipients),
    total_messages_sent: by(campaigns.total_messages_sent, d.sent),
    total_failed: by(campaigns.total_failed, d.failed),
    ...also,
  };
  if (Object.values(set).every((v) => v === undefined)) return;
  await tx.update(campaigns).set(set).where(eq(campaigns.id, campaignId));
}

async function recipientCount(tx: Tx, campaignId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(campaignRecipients)
    .where(eq(campaignRecipients.campaign_id, campaignId));
  return Number(row?.n ?? 0);
}

/** Who a filter selects: a contact type (or any), a city, visitors who talked to a company (its id); null is no condition. */
export type RecipientFilter = { type: 'visitor' | 'exhibitor' | 'any'; city: string | null; talked_to: string | null };

/** The contacts a filter selects (not deleted, with a phone). */
function filterWhere(f: RecipientFilter): SQL {
  return and(
    isNull(contacts.deleted_at),
    isNotNull(contacts.phone),
    ne(contacts.phone, ''),
    f.type !== 'any' ? eq(contacts.type, f.type) : undefined,
    f.city ? eq(contacts.city, f.city) : undefined,
    f.talked_to
      ? sql`exists (select 1 from ${conversations} where ${conversations.exhibitor_id} = ${f.talked_to} and ${conversations.visitor_id} = ${contacts.id})`
      : undefined,
  )!;
}

/** What a filter would add: matching contacts' distinct phones, and how many are on the campaign already. Writes nothing. */
export async function previewRecipientFilter(
  db: DbOrTx,
  campaignId: string,
  f: RecipientFilter,
): Promise<{ phones: number; already: number }> {
  const [row] = await db
    .select({
      phones: sql<number>`count(distinct ${contacts.phone})`.mapWith(Number),
      already:
        sql<number>`count(distinct case when ${campaignRecipients.id} is not null then ${contacts.phone} end)`.mapWith(
          Number,
        ),
    })
    .from(contacts)
    .leftJoin(
      campaignRecipients,
      and(eq(campaignRecipients.campaign_id, campaignId), eq(campaignRecipients.phone, contacts.phone)),
    )
    .where(filterWhere(f));
  return { phones: row?.phones ?? 0, already: row?.already ?? 0 };
}

/** Adds every contact the filter selects (one row per phone; set-based, one statement in one transaction). */
export async function addRecipientsByFilter(
  db: Db,
  campaignId: string,
  f: RecipientFilter,
): Promise<{ added: number }> {
  return db.transaction(async (tx) => {
    await requireCampaign(tx, campaignId, true);
    const before = await recipientCount(tx, campaignId);
    const r = campaignRecipients;
    await tx.execute(sql`
      insert into ${r} (${columnNames(r.campaign_id, r.phone, r.name, r.contact_id, r.status)})
      select ${campaignId}, ${contacts.phone}, min(${contacts.name}), case when count(*) = 1 then min(${contacts.id}) end, 'pending'
      from ${contacts}
      where ${filterWhere(f)}
      group by ${contacts.phone}
      on duplicate key update ${columnNames(r.id)} = ${r.id}`);
    const added = (await recipientCount(tx, campaignId)) - before;
    await moveRecipientCounters(tx, campaignId, { recipients: added });
    // For the audit row: the phones the filter matched, of which those not added were on the campaign already.
    const [matched] = await tx
      .select({ phones: sql<number>`count(distinct ${contacts.phone})`.mapWith(Number) })
      .from(contacts)
      .where(filterWhere(f));
    const phones = matched?.phones ?? 0;
    await audit(tx, {
      action: 'recipients.added',
      entity: 'campaign',
      entityId: campaignId,
      after: { source: 'filter', filter: f, phones, added, already: phones - added },
    });
    return { added };
  });
}

/* ----------------------------------------------------------------- delivery */

export const DELIVERY_STATUSES = ['sent', 'failed'] as const;
export type DeliveryResult = {
  phone: string;
  status: (typeof DELIVERY_STATUSES)[number];
  error?: string | null;
  provider_message_id?: string | null;
  sent_at?: Date | null;
};
export type DeliveryOutcome = {
  updated: number;
  sent: number;
  failed: number;
  unknown: { line: number; value: string; reason: string }[];
};

/**
 * The gateway's outcome per phone (a results CSV today, an adapter later):
 * sent (with the time, default now) or failed (with the error). Phones that
 * are not recipients of this campaign are reported, not added. The messages-
 * sent counter moves by the recipients that became or stopped being 'sent',
 * in the same transaction; the campaign becomes 'sending' at the first result.
 */
export async function recordDeliveryResults(
  db: Db,
  campaignId: string,
  results: (DeliveryResult & { line: number })[],
  now = new Date(),
): Promise<DeliveryOutcome> {
  if (results.length > RECIPIENT_CHUNK)
    throw new DomainError('INVALID', `Send at most ${formatCount(RECIPIENT_CHUNK)} rows at a time.`);
  const unknown: DeliveryOutcome['unknown'] = [];
  const byPhone = new Map<string, DeliveryResult & { line: number }>();
  for (const r of results) {
    const phone = normalisePhone(r.phone);
    if (!phone) unknown.push({ line: r.line, value: r.phone, reason: 'Not a valid phone number.' });
    else byPhone.set(phone, { ...r, phone });
  }
  return db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, campaignId, true);
    const phones = [...byPhone.keys()];
    const existing = phones.length
      ? await tx
          .select({ id: campaignRecipients.id, phone: campaignRecipients.phone, status: campaignRecipients.status })
          .from(campaignRecipients)
          .where(and(eq(campaignRecipients.campaign_id, campaignId), inArray(campaignRecipients.phone, phones)))
          .for('update')
      : [];
    const known = new Map(existing.map((r) => [r.phone, r]));
    for (const [phone, r] of byPhone)
      if (!known.has(phone))
        unknown.push({ line: r.line, value: r.phone, reason: 'Not a recipient of this campaign.' });
    let delta = 0;
    let failedDelta = 0;
    let sent = 0;
    let failed = 0;
    const rows: SQL[] = [];
    for (const [phone, r] of byPhone) {
      const before = known.get(phone);
      if (!before) continue;
      if (r.status === 'sent') sent++;
      else failed++;
      delta += (r.status === 'sent' ? 1 : 0) - (before.status === 'sent' ? 1 : 0);
      failedDelta += (r.status === 'failed' ? 1 : 0) - (before.status === 'failed' ? 1 : 0);
      const at = r.status === 'sent' ? (r.sent_at ?? now) : null;
      rows.push(
        sql`(${before.id}, ${campaignId}, ${phone}, ${r.status}, ${at}, ${r.status === 'failed' ? r.error?.trim() || 'Failed' : null}, ${r.provider_message_id?.trim() || null})`,
      );
    }
    if (rows.length) {
      // Every row exists (locked above): the insert only ever takes its "update" branch.
      const c = campaignRecipients;
      const updated = (col: typeof c.status | typeof c.sent_at | typeof c.error) =>
        sql`${columnNames(col)} = values(${columnNames(col)})`;
      await tx.execute(sql`
        insert into ${c} (${columnNames(c.id, c.campaign_id, c.phone, c.status, c.sent_at, c.error, c.provider_message_id)}) values ${sql.join(rows, sql`, `)}
        on duplicate key update ${updated(c.status)}, ${updated(c.sent_at)}, ${updated(c.error)},
          ${columnNames(c.provider_message_id)} = coalesce(values(${columnNames(c.provider_message_id)}), ${c.provider_message_id})`);
      await moveRecipientCounters(
        tx,
        campaignId,
        { sent: delta, failed: failedDelta },
        {
          status: campaign.status === 'draft' ? 'sending' : campaign.status,
          sent_at: campaign.sent_at ?? (sent ? now : null),
        },
      );
    }
    unknown.sort((a, b) => a.line - b.line);
    await audit(tx, {
      action: 'recipients.delivery_results',
      entity: 'campaign',
      entityId: campaignId,
      before: { status: campaign.status },
      after: {
        status: rows.length && campaign.status === 'draft' ? 'sending' : campaign.status,
        results: results.length,
        updated: rows.length,
        sent,
        failed,
        unknown: unknown.length,
      },
    });
    return { updated: rows.length, sent, failed, unknown };
  });
}

/** Marks every pending recipient sent (the gateway was used by hand), and the campaign sent. One transaction. */
export async function markPendingSent(db: Db, campaignId: string, now = new Date()): Promise<{ marked: number }> {
  return db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, campaignId, true);
    const [result] = await tx
      .update(campaignRecipients)
      .set({ status: 'sent', sent_at: now, error: null })
      .where(and(eq(campaignRecipients.campaign_id, campaignId), eq(campaignRecipients.status, 'pending')));
    await moveRecipientCounters(
      tx,
      campaignId,
      { sent: result.affectedRows },
      { status: 'sent', sent_at: campaign.sent_at ?? now },
    );
    await audit(tx, {
      action: 'recipients.marked_sent',
      entity: 'campaign',
      entityId: campaignId,
      before: { status: campaign.status },
      after: { status: 'sent', marked: result.affectedRows },
    });
    return { marked: result.affectedRows };
  });
}

/* ---------------------------------------------------------------- settings */

export type AttributionSettings = { attribution_window_days: number; attribution_model: AttributionModel };

/** Saves the attribution window and model; the audit row holds both before (null when never saved) and after. */
export async function updateAttributionSettings(db: DbOrTx, userId: string, input: AttributionSettings) {
  const after = { attribution_window_days: input.attribution_window_days, attribution_model: input.attribution_model };
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        attribution_window_days: appSettings.attribution_window_days,
        attribution_model: appSettings.attribution_model,
      })
      .from(appSettings)
      .where(eq(appSettings.id, 1))
      .for('update');
    await tx
      .insert(appSettings)
      .values({ id: 1, ...after, updated_by: userId })
      .onDuplicateKeyUpdate({ set: { ...after, updated_by: userId } });
    await audit(tx, {
      action: 'settings.updated',
      entity: 'settings',
      entityId: 1,
      before: before ?? null,
      after,
      userId,
    });
  });
}
