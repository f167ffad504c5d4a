/**
 * Merging two contacts of one type (DESIGN.md invariants 11 and 13):
 * an admin chooses the survivor, and in ONE transaction, with both contacts
 * locked, everything that pointed at the other contact moves to it.
 *
 * Visitors: follow-ups, conversations and bookings (`visitor_id`) and campaign
 * recipients (`contact_id`) move. Rows recorded without a visitor for one of
 * the two phones (the booth does not guess between two visitors sharing a
 * phone, db/services/entries.ts readContext) are adopted by the survivor too,
 * when no third live visitor has that phone. Companies: leads, talks and
 * bookings (`exhibitor_id`) and recipients move.
 *
 * Open leads (status not materialised, with a company: `follow_ups.open_lead_phone`
 * is set) that end up belonging to one visitor at one company become one
 * (invariant 11): the OLDEST (created_at, then id) is kept — its first talk
 * decided the campaign attribution — the others' conversations move to it,
 * it takes status, next follow-up, notes, employee and place from the lead
 * whose talk is the latest (blanks filled from the others), and the emptied
 * leads are deleted. Their companies and campaigns lose one lead each; a
 * merged company's counters are added to the survivor's and its own go
 * (./counters.ts, the one module that moves counters).
 *
 * The survivor keeps its values; its blank fields are filled from the other.
 * The other is soft-deleted with merged_into_id = survivor (contacts merged
 * into it earlier are re-pointed, so an old link resolves in one hop). A
 * contact_merges row (with what moved) and contact_merge_companies rows (the
 * company timelines that show the merge) are written. Exactly once per
 * client key (db/services/idempotency.ts); a refusal writes nothing.
 *
 * Not moved, on purpose: history that names the old contact — contact_import_rows
 * (what an import did), legacy_resolutions (what the backfill decided), earlier
 * contact_merges rows, stored idempotency results — and the phone typed on a
 * talk, a booking or a closed lead (conversations.visitor_phone, bookings.phone,
 * a materialised follow_ups.phone). Only an open lead takes the survivor's
 * phone, so the booth, which finds a lead by phone, continues it.
 */
import { and, asc, eq, inArray, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AnyMySqlColumn, MySqlTable, MySqlUpdateSetSource } from 'drizzle-orm/mysql-core';

import type { Db, Tx } from '@/db';
import { columnNames, rowsOf } from '@/db/rows';
import {
  bookings,
  campaignRecipients,
  contactMergeCompanies,
  contactMerges,
  contacts,
  conversations,
  followUps,
  type ContactType,
} from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { IMPORT_TYPE_LABELS } from '@/lib/labels';
import { ulid } from '@/lib/ulid';

import { audit } from './audit';
import { moveCompanyCounters, moveCounters } from './counters';
import { runOnce } from './idempotency';

export type MergeInput = {
  idempotency_key: string;
  /** What the form merges; both contacts must be of this type. */
  type: ContactType;
  survivor_id: string;
  merged_id: string;
  /** Each contact's updated_at (ms) when the form was shown: a contact changed since is refused as a stale form. */
  survivor_version?: number | null;
  merged_version?: number | null;
  /** When the merge happens (default now; tests pin it). */
  at?: Date;
};

/**
 * What moved: rows re-pointed from the merged contact to the survivor, rows
 * without a visitor adopted by the survivor (visitors only), and open leads
 * folded into another lead and deleted.
 */
export type MergeMoved = {
  follow_ups: number;
  conversations: number;
  bookings: number;
  recipients: number;
  leads_combined: number;
  adopted_follow_ups: number;
  adopted_conversations: number;
  adopted_bookings: number;
  adopted_recipients: number;
};

export type MergeResult = {
  mergeId: string;
  type: ContactType;
  survivorId: string;
  mergedId: string;
  survivorName: string;
  mergedName: string;
  moved: MergeMoved;
};

/** The contact fields a survivor takes from the merged contact when its own are blank. */
const FILLABLE = ['company_name', 'phone', 'email', 'city', 'contact_person', 'address', 'gstin', 'notes'] as const;

/** Merges `merged_id` into `survivor_id`: see the module comment. Throws DomainError for refusals; nothing is written then. */
export async function mergeContacts(
  db: Db,
  adminId: string,
  input: MergeInput,
): Promise<MergeResult & { replayed: boolean }> {
  if (input.survivor_id === input.merged_id)
    throw new DomainError(
      'INVALID',
      'Choose two different contacts: one to keep and one to merge into it.',
      'merged_id',
    );
  return runOnce(db, { key: input.idempotency_key, userId: adminId, action: 'merge-contacts' }, (tx) =>
    writeMerge(tx, adminId, input),
  );
}

type Locked = typeof contacts.$inferSelect;

async function lockPair(tx: Tx, input: MergeInput): Promise<{ survivor: Locked; merged: Locked }> {
  // Both rows locked in id order (two merges of the same pair queue instead of deadlocking).
  const rows = await tx
    .select()
    .from(contacts)
    .where(inArray(contacts.id, [input.survivor_id, input.merged_id]))
    .orderBy(asc(contacts.id))
    .for('update');
  const survivor = rows.find((r) => r.id === input.survivor_id);
  const merged = rows.find((r) => r.id === input.merged_id);
  const label = IMPORT_TYPE_LABELS[input.type].one;
  if (!survivor) throw new DomainError('NOT_FOUND', `The ${label} to keep no longer exists.`, 'survivor_id');
  if (!merged) throw new DomainError('NOT_FOUND', `The ${label} to merge no longer exists.`, 'merged_id');
  if (survivor.type !== merged.type)
    throw new DomainError(
      'INVALID',
      'A company and a visitor cannot be merged: choose two of the same kind.',
      'merged_id',
    );
  if (survivor.type !== input.type)
    throw new DomainError('INVALID', `These are not ${label === 'company' ? 'companies' : 'visitors'}.`, 'merged_id');
  for (const [c, field] of [
    [survivor, 'survivor_id'],
    [merged, 'merged_id'],
  ] as const) {
    if (c.deleted_at) {
      throw new DomainError(
        'CONFLICT',
        c.merged_into_id
          ? `${c.name} was already merged into another ${label}. Reload the page.`
          : `${c.name} was deleted. Restore it first, or choose another ${label}.`,
        field,
      );
    }
  }
  const stale = (c: Locked, version: number | null | undefined) =>
    version != null && (c.updated_at?.getTime() ?? 0) !== version;
  if (stale(survivor, input.survivor_version) || stale(merged, input.merged_version)) {
    throw new DomainError(
      'CONFLICT',
      `${stale(survivor, input.survivor_version) ? survivor.name : merged.name} was changed since this page was shown. Review the merge again.`,
    );
  }
  return { survivor, merged };
}

async function writeMerge(tx: Tx, adminId: string, input: MergeInput): Promise<MergeResult> {
  const at = input.at ?? new Date();
  const { survivor, merged } = await lockPair(tx, input);
  const mergeId = ulid(at.getTime());
  const moved =
    survivor.type === 'visitor'
      ? await moveVisitor(tx, survivor, merged, mergeId, at)
      : await moveCompany(tx, survivor, merged, mergeId, at);

  const fill: Partial<Record<(typeof FILLABLE)[number], string>> = {};
  for (const f of FILLABLE) if ((survivor[f] === null || survivor[f] === '') && merged[f]) fill[f] = merged[f];
  // The merged contact leaves the live set first: the survivor may take its phone (one phone, one live visitor).
  await tx
    .update(contacts)
    .set({ deleted_at: at, merged_into_id: survivor.id, updated_at: at })
    .where(eq(contacts.id, merged.id));
  await tx.update(contacts).set({ merged_into_id: survivor.id }).where(eq(contacts.merged_into_id, merged.id));
  await tx
    .update(contacts)
    .set({ ...fill, updated_at: at })
    .where(eq(contacts.id, survivor.id));
  await tx.insert(contactMerges).values({
    id: mergeId,
    type: survivor.type,
    survivor_id: survivor.id,
    merged_id: merged.id,
    survivor_name: survivor.name,
    merged_name: merged.name,
    moved,
    merged_by: adminId,
    created_at: at,
  });
  // The survivor's blanks as they were, and what it took over: the merged contact, its rows and those fields.
  const filled = Object.keys(fill) as (keyof typeof fill)[];
  await audit(
    tx,
    {
      action: 'contact.merged',
      entity: 'contact',
      entityId: survivor.id,
      before: {
        type: survivor.type,
        merged_id: merged.id,
        merged_name: merged.name,
        fields: Object.fromEntries(filled.map((f) => [f, survivor[f]])),
      },
      after: { merge_id: mergeId, merged_id: merged.id, moved, fields: fill },
      userId: adminId,
    },
    at,
  );
  return {
    mergeId,
    type: survivor.type,
    survivorId: survivor.id,
    mergedId: merged.id,
    survivorName: survivor.name,
    mergedName: merged.name,
    moved,
  };
}

/** Rows an UPDATE changed (mysql2's ResultSetHeader). */
const count = (r: readonly [unknown, ...unknown[]]) => (r[0] as { affectedRows: number }).affectedRows;

const mergeCompanyColumns = columnNames(
  contactMergeCompanies.exhibitor_id,
  contactMergeCompanies.merge_id,
  contactMergeCompanies.created_at,
);

const keepUpdatedAt = <T extends { updated_at: unknown }>(t: T) => sql`${t.updated_at}`;

/** Points the rows `where` picks at the survivor (`values`), keeping their updated_at; answers how many moved. */
async function repoint<T extends MySqlTable & { updated_at: AnyMySqlColumn }>(
  tx: Tx,
  table: T,
  values: MySqlUpdateSetSource<T>,
  where: SQL | undefined,
): Promise<number> {
  return count(
    await tx
      .update(table)
      .set({ ...values, updated_at: keepUpdatedAt(table) })
      .where(where),
  );
}

/* ------------------------------------------------------------------ visitors */

async function moveVisitor(tx: Tx, survivor: Locked, merged: Locked, mergeId: string, at: Date): Promise<MergeMoved> {
  const pair = [survivor.id, merged.id];
  const phones = [...new Set([survivor.phone, merged.phone].filter((p): p is string => !!p))];
  // A phone is adopted (its rows without a visitor become the survivor's) only when no third live visitor has it.
  const taken = phones.length
    ? await tx
        .select({ phone: contacts.phone })
        .from(contacts)
        .where(
          and(
            eq(contacts.type, 'visitor'),
            isNull(contacts.deleted_at),
            inArray(contacts.phone, phones),
            notInArray(contacts.id, pair),
          ),
        )
    : [];
  const adoptable = phones.filter((p) => !taken.some((t) => t.phone === p));
  const survivorPhone = survivor.phone ?? merged.phone;

  // The companies whose timelines show this merge: wherever the merged visitor (or an adopted row) had a lead, a talk or a booking.
  const sources = [
    sql`select ${followUps.exhibitor_id} as e from ${followUps} where ${followUps.visitor_id} = ${merged.id} and ${followUps.exhibitor_id} is not null`,
    sql`select ${conversations.exhibitor_id} from ${conversations} where ${conversations.visitor_id} = ${merged.id}`,
    sql`select ${bookings.exhibitor_id} from ${bookings} where ${bookings.visitor_id} = ${merged.id} and ${bookings.exhibitor_id} is not null`,
  ];
  if (adoptable.length) {
    sources.push(
      sql`select ${followUps.exhibitor_id} from ${followUps} where ${followUps.visitor_id} is null and ${inArray(followUps.phone, adoptable)} and ${followUps.exhibitor_id} is not null`,
      sql`select ${conversations.exhibitor_id} from ${conversations} where ${conversations.visitor_id} is null and ${inArray(conversations.visitor_phone, adoptable)}`,
    );
  }
  await tx.execute(sql`insert into ${contactMergeCompanies} (${mergeCompanyColumns})
    select distinct u.e, ${mergeId}, ${at} from (${sql.join(sources, sql` union `)}) u`);

  // The open leads of the pair, locked: by visitor, and by an adoptable phone without a visitor.
  const byVisitor = await selectOpenLeads(tx, inArray(followUps.visitor_id, pair));
  const byPhone = adoptable.length
    ? await selectOpenLeads(tx, and(isNull(followUps.visitor_id), inArray(followUps.phone, adoptable)))
    : [];
  const leads = [...byVisitor, ...byPhone];
  const perCompany = new Map<string, OpenLead[]>();
  for (const l of leads) perCompany.set(l.exhibitor_id, [...(perCompany.get(l.exhibitor_id) ?? []), l]);
  const kept = await foldLeads(tx, [...perCompany.values()]);

  // A kept lead takes the survivor's phone, so the booth (which finds an open lead by company and phone)
  // continues it — unless another visitor's open lead at that company already holds that phone.
  const rephone = kept.filter((l) => survivorPhone && l.phone !== survivorPhone);
  if (survivorPhone && rephone.length) {
    const holders = await tx
      .select({ exhibitor_id: followUps.exhibitor_id })
      .from(followUps)
      .where(
        and(
          eq(followUps.open_lead_phone, survivorPhone),
          inArray(
            followUps.exhibitor_id,
            rephone.map((l) => l.exhibitor_id),
          ),
        ),
      );
    const ids = rephone.filter((l) => !holders.some((h) => h.exhibitor_id === l.exhibitor_id)).map((l) => l.id);
    if (ids.length)
      await tx
        .update(followUps)
        .set({ phone: survivorPhone, updated_at: keepUpdatedAt(followUps) })
        .where(inArray(followUps.id, ids));
  }

  const moved: MergeMoved = {
    leads_combined: leads.length - kept.length,
    follow_ups: await repoint(tx, followUps, { visitor_id: survivor.id }, eq(followUps.visitor_id, merged.id)),
    conversations: await repoint(
      tx,
      conversations,
      { visitor_id: survivor.id },
      eq(conversations.visitor_id, merged.id),
    ),
    bookings: await repoint(tx, bookings, { visitor_id: survivor.id }, eq(bookings.visitor_id, merged.id)),
    recipients: await repoint(
      tx,
      campaignRecipients,
      { contact_id: survivor.id },
      eq(campaignRecipients.contact_id, merged.id),
    ),
    adopted_follow_ups: 0,
    adopted_conversations: 0,
    adopted_bookings: 0,
    adopted_recipients: 0,
  };
  if (adoptable.length) {
    moved.adopted_follow_ups = await repoint(
      tx,
      followUps,
      { visitor_id: survivor.id },
      and(isNull(followUps.visitor_id), inArray(followUps.phone, adoptable)),
    );
    moved.adopted_conversations = await repoint(
      tx,
      conversations,
      { visitor_id: survivor.id },
      and(isNull(conversations.visitor_id), inArray(conversations.visitor_phone, adoptable)),
    );
    moved.adopted_bookings = await repoint(
      tx,
      bookings,
      { visitor_id: survivor.id },
      and(isNull(bookings.visitor_id), inArray(bookings.phone, adoptable)),
    );
    moved.adopted_recipients = await repoint(
      tx,
      campaignRecipients,
      { contact_id: survivor.id },
      and(isNull(campaignRecipients.contact_id), inArray(campaignRecipients.phone, adoptable)),
    );
  }
  return moved;
}

/* ----------------------------------------------------------------- companies */

async function moveCompany(tx: Tx, survivor: Locked, merged: Locked, mergeId: string, at: Date): Promise<MergeMoved> {
  // Open leads at both companies, locked (the open-lead unique index starts with the company).
  const leads = await selectOpenLeads(tx, inArray(followUps.exhibitor_id, [survivor.id, merged.id]));
  const kept = await foldLeads(tx, sameVisitorGroups(leads));

  // This company's timeline shows the merge, and the merges the merged company's timeline showed.
  await tx.execute(sql`insert ignore into ${contactMergeCompanies} (${mergeCompanyColumns})
    select ${survivor.id}, ${contactMergeCompanies.merge_id}, ${contactMergeCompanies.created_at} from ${contactMergeCompanies} where ${contactMergeCompanies.exhibitor_id} = ${merged.id}`);
  await tx.delete(contactMergeCompanies).where(eq(contactMergeCompanies.exhibitor_id, merged.id));
  await tx.insert(contactMergeCompanies).values({ exhibitor_id: survivor.id, merge_id: mergeId, created_at: at });

  const moved: MergeMoved = {
    leads_combined: leads.length - kept.length,
    follow_ups: await repoint(tx, followUps, { exhibitor_id: survivor.id }, eq(followUps.exhibitor_id, merged.id)),
    conversations: await repoint(
      tx,
      conversations,
      { exhibitor_id: survivor.id },
      eq(conversations.exhibitor_id, merged.id),
    ),
    bookings: await repoint(tx, bookings, { exhibitor_id: survivor.id }, eq(bookings.exhibitor_id, merged.id)),
    recipients: await repoint(
      tx,
      campaignRecipients,
      { contact_id: survivor.id },
      eq(campaignRecipients.contact_id, merged.id),
    ),
    adopted_follow_ups: 0,
    adopted_conversations: 0,
    adopted_bookings: 0,
    adopted_recipients: 0,
  };
  // Everything the merged company counted is now the survivor's.
  await moveCompanyCounters(tx, merged.id, survivor.id);
  return moved;
}

/**
 * Open leads that belong to one visitor once the companies are one: the same
 * phone (what the open-lead unique index would refuse) or the same visitor
 * contact, joined transitively. Only groups of more than one lead.
 */
function sameVisitorGroups(leads: OpenLead[]): OpenLead[][] {
  const parent = leads.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstBy = new Map<string, number>();
  leads.forEach((l, i) => {
    for (const key of [`p:${l.phone}`, l.visitor_id ? `v:${l.visitor_id}` : null]) {
      if (!key) continue;
      const j = firstBy.get(key);
      if (j === undefined) firstBy.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, OpenLead[]>();
  leads.forEach((l, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), l]));
  return [...groups.values()];
}

/* --------------------------------------------------------------- open leads */

type OpenLead = {
  id: number;
  exhibitor_id: string;
  phone: string;
  visitor_id: string | null;
  campaign_id: string | null;
  status: 'busy' | 'interested' | 'materialised';
  next_followup_date: string | null;
  next_followup_time: string | null;
  comment: string | null;
  employee_id: string;
  location_id: number | null;
  table_id: number | null;
  conversation_id: string | null;
  created_at: Date | null;
  updated_at: Date | null;
};

async function selectOpenLeads(tx: Tx, where: SQL | undefined): Promise<OpenLead[]> {
  const rows = await tx
    .select({
      id: followUps.id,
      exhibitor_id: followUps.exhibitor_id,
      phone: followUps.phone,
      visitor_id: followUps.visitor_id,
      campaign_id: followUps.campaign_id,
      status: followUps.status,
      next_followup_date: followUps.next_followup_date,
      next_followup_time: followUps.next_followup_time,
      comment: followUps.comment,
      employee_id: followUps.employee_id,
      location_id: followUps.location_id,
      table_id: followUps.table_id,
      conversation_id: followUps.conversation_id,
      created_at: followUps.created_at,
      updated_at: followUps.updated_at,
    })
    .from(followUps)
    .where(and(where, sql`${followUps.open_lead_phone} is not null`))
    .orderBy(asc(followUps.id))
    .for('update');
  return rows.map((r) => ({ ...r, exhibitor_id: r.exhibitor_id! }));
}

const time = (d: Date | null) => d?.getTime() ?? 0;

/**
 * Folds each group of open leads into its oldest lead (see the module
 * comment) and returns the kept leads (every lead of a group of one is kept
 * as it is). A fixed handful of statements plus one UPDATE per kept lead of a
 * group that folded.
 */
async function foldLeads(tx: Tx, groups: OpenLead[][]): Promise<OpenLead[]> {
  const kept: OpenLead[] = [];
  const folds: { keep: OpenLead; gone: OpenLead[]; all: OpenLead[] }[] = [];
  for (const group of groups) {
    const sorted = [...group].sort((a, b) => time(a.created_at) - time(b.created_at) || a.id - b.id);
    kept.push(sorted[0]!);
    if (sorted.length > 1) folds.push({ keep: sorted[0]!, gone: sorted.slice(1), all: sorted });
  }
  if (!folds.length) return kept;
  const allIds = folds.flatMap((f) => f.all.map((l) => l.id));
  const goneIds = folds.flatMap((f) => f.gone.map((l) => l.id));

  // Each lead's latest talk, in one statement: which lead of a group was talked to last.
  const latest = await rowsOf<{ follow_up_id: number; id: string; conversation_date: unknown }>(
    tx,
    sql`select t.follow_up_id, t.id, t.conversation_date from (
          select ${conversations.follow_up_id} as follow_up_id, ${conversations.id} as id, ${conversations.conversation_date} as conversation_date,
                 row_number() over (partition by ${conversations.follow_up_id} order by ${conversations.conversation_date} desc, ${conversations.id} desc) as rn
          from ${conversations} where ${inArray(conversations.follow_up_id, allIds)}) t
        where t.rn = 1`,
  );
  const latestOf = new Map(latest.map((r) => [Number(r.follow_up_id), { id: r.id, at: String(r.conversation_date) }]));

  // Counters first (the lock order of db/services/entries.ts): each emptied lead was one lead of its company and campaign.
  await moveCounters(
    tx,
    folds.flatMap((f) => f.gone.map((l) => ({ exhibitorId: l.exhibitor_id, campaignId: l.campaign_id, leads: -1 }))),
  );

  // The emptied leads' talks move to the kept lead, then the emptied leads go (before the kept one may take their phone).
  const target = sql.join(
    folds.flatMap((f) => f.gone.map((l) => sql`when ${l.id} then ${f.keep.id}`)),
    sql` `,
  );
  await tx
    .update(conversations)
    .set({
      follow_up_id: sql`case ${conversations.follow_up_id} ${target} end`,
      updated_at: keepUpdatedAt(conversations),
    })
    .where(inArray(conversations.follow_up_id, goneIds));
  await tx.delete(followUps).where(inArray(followUps.id, goneIds));

  for (const { keep, all } of folds) {
    // The lead talked to last decides; blanks are taken from the others, most recent first.
    const byRecency = [...all].sort((a, b) => {
      const la = latestOf.get(a.id);
      const lb = latestOf.get(b.id);
      return (
        (lb?.at ?? '').localeCompare(la?.at ?? '') ||
        (lb?.id ?? '').localeCompare(la?.id ?? '') ||
        time(b.updated_at) - time(a.updated_at)
      );
    });
    const pick = <K extends keyof OpenLead>(k: K): OpenLead[K] =>
      (byRecency.find((l) => l[k] !== null && l[k] !== '') ?? byRecency[0]!)[k];
    const last = byRecency[0]!;
    // The next follow-up is a date and a time together: from the most recent lead that plans one.
    const planned = byRecency.find((l) => l.next_followup_date !== null) ?? last;
    const latestTalk = byRecency.map((l) => latestOf.get(l.id)?.id).find(Boolean) ?? keep.conversation_id;
    const updatedAt = new Date(Math.max(...all.map((l) => time(l.updated_at))));
    await tx
      .update(followUps)
      .set({
        status: last.status,
        next_followup_date: planned.next_followup_date,
        next_followup_time: planned.next_followup_time,
        comment: pick('comment'),
        employee_id: last.employee_id,
        location_id: pick('location_id'),
        table_id: pick('table_id'),
        visitor_id: keep.visitor_id ?? pick('visitor_id'),
        conversation_id: latestTalk,
        updated_at: updatedAt,
      })
      .where(eq(followUps.id, keep.id));
  }
  return kept;
}
