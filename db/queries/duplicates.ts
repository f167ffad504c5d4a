/**
 * The duplicates page: live visitors sharing an E.164 phone or an
 * email, a page of groups at a time, each member with its leads, talks and
 * bookings; the companies offered for a merge; a merge as it was recorded;
 * and where a merged-away contact's old links now lead.
 *
 * A page of groups is four queries whatever the number of visitors: the
 * end of its scan window (DUPLICATE_SCAN entries of the (type, deleted_at,
 * phone|email) index after a keyset cursor on the key, so few duplicates in
 * much data is not a full scan), the groups (that index range, read in key
 * order and cut at the page), their members (the same index, by key), and
 * the members' counts (one statement over the three tables' visitor_id
 * indexes, for those ids only).
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { rowsOf, toCount, toDate } from '@/db/rows';
import {
  bookings,
  contactMerges,
  contacts,
  conversations,
  exhibitorStats,
  followUps,
  users,
  type ContactType,
} from '@/db/schema';

export type DuplicateBy = 'phone' | 'email';

/** Members shown per group; a bigger group says how many more it has. */
const MAX_GROUP_MEMBERS = 10;

export type DuplicateMember = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  city: string | null;
  company_name: string | null;
  created_at: Date | null;
  /** updated_at in ms: the merge form sends it back, so a contact changed meanwhile is refused (a stale form). */
  version: number;
  leads: number;
  talks: number;
  bookings: number;
};
export type DuplicateGroup = { key: string; size: number; members: DuplicateMember[] };
export type DuplicatePage = {
  groups: DuplicateGroup[];
  nextCursor: string | null;
  /** The page's scan window ended before it filled: there may be more after nextCursor. */
  partial: boolean;
};

const encode = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
const decode = (cursor: string | null | undefined) => {
  if (!cursor) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  return key && key.length <= 255 ? key : null;
};

/**
 * Visitors' keys read per page, about: a page is found within this many
 * index entries after its cursor, so a data set with few duplicates is not
 * read whole on every view (500,000 phones took ~370 ms to find none). A page
 * whose window ends before it fills says so (`partial`) and its cursor
 * continues after the window.
 */
export const DUPLICATE_SCAN = 20_000;

/**
 * Groups of live visitors sharing a phone (`by: 'phone'`) or an email, in key
 * order, at most `limit` groups a page after the cursor (the previous page's
 * nextCursor; an invalid one reads the first page), among the keys up to the
 * `scan`-th after the cursor (that key's group included whole). `partial`
 * says the window ended before the page filled (look further: nextCursor).
 * Counts: leads = follow-ups, talks = conversations of kind talk, bookings =
 * not cancelled (as the company views count them). Four queries.
 */
export async function listDuplicateGroups(
  db: DbOrTx,
  p: { by: DuplicateBy; cursor?: string | null; limit: number; scan?: number },
): Promise<DuplicatePage> {
  const col = p.by === 'phone' ? contacts.phone : contacts.email;
  const limit = Math.min(100, Math.max(1, Math.floor(p.limit) || 1));
  const scan = Math.max(1, Math.floor(p.scan ?? DUPLICATE_SCAN) || DUPLICATE_SCAN);
  const after = decode(p.cursor);
  const live = and(eq(contacts.type, 'visitor'), isNull(contacts.deleted_at));
  const from = and(live, after === null ? isNotNull(col) : gt(col, after));
  // The window's last key: the scan-th entry of the index range after the
  // cursor (none: fewer are left). A bound the range optimizer can use (as a
  // subquery it is not, and the group below would read the whole range).
  const [edge] = await db
    .select({ key: sql<string>`${col}` })
    .from(contacts)
    .where(from)
    .orderBy(asc(col))
    .limit(1)
    .offset(scan - 1);
  const keyRows = await db
    .select({ key: sql<string>`${col}`, size: sql<number>`count(*)`.mapWith(Number) })
    .from(contacts)
    .where(edge ? and(from, lte(col, edge.key)) : from)
    .groupBy(col)
    .having(sql`count(*) > 1`)
    .orderBy(asc(col))
    .limit(limit + 1);
  const filled = keyRows.length > limit;
  const page = keyRows.slice(0, limit);
  const partial = !filled && !!edge;
  const nextCursor = filled ? encode(page[page.length - 1]!.key) : edge ? encode(edge.key) : null;
  if (!page.length) return { groups: [], nextCursor, partial };

  const keys = page.map((g) => g.key);
  const ranked = db
    .select({
      id: contacts.id,
      name: contacts.name,
      phone: contacts.phone,
      email: contacts.email,
      city: contacts.city,
      company_name: contacts.company_name,
      created_at: contacts.created_at,
      updated_at: contacts.updated_at,
      key: sql<string>`${col}`.as('group_key'),
      rn: sql<number>`row_number() over (partition by ${col} order by ${contacts.created_at}, ${contacts.id})`.as('rn'),
    })
    .from(contacts)
    .where(and(live, inArray(col, keys)))
    .as('m');
  const members = await db
    .select()
    .from(ranked)
    .where(sql`${ranked.rn} <= ${MAX_GROUP_MEMBERS}`)
    .orderBy(asc(ranked.key), asc(ranked.rn));
  const counts = await countsFor(
    db,
    members.map((m) => m.id),
  );

  // The database compares emails without case (its collation): group members by the same rule.
  const fold = (k: string) => (p.by === 'email' ? k.toLowerCase() : k);
  const byKey = new Map<string, DuplicateMember[]>();
  for (const m of members) {
    const c = counts.get(m.id);
    const member: DuplicateMember = {
      id: m.id,
      name: m.name,
      phone: m.phone,
      email: m.email,
      city: m.city,
      company_name: m.company_name,
      created_at: toDate(m.created_at),
      version: toDate(m.updated_at)?.getTime() ?? 0,
      leads: c?.leads ?? 0,
      talks: c?.talks ?? 0,
      bookings: c?.bookings ?? 0,
    };
    byKey.set(fold(m.key), [...(byKey.get(fold(m.key)) ?? []), member]);
  }
  return {
    groups: page.map((g) => ({ key: g.key, size: g.size, members: byKey.get(fold(g.key)) ?? [] })),
    nextCursor,
    partial,
  };
}

/** Leads, talks and bookings of these visitors, in one statement over the visitor_id indexes. */
async function countsFor(
  db: DbOrTx,
  ids: string[],
): Promise<Map<string, { leads: number; talks: number; bookings: number }>> {
  const out = new Map<string, { leads: number; talks: number; bookings: number }>();
  if (!ids.length) return out;
  const rows = await rowsOf<{ id: string; what: 'leads' | 'talks' | 'bookings'; n: unknown }>(
    db,
    sql`select ${followUps.visitor_id} as id, 'leads' as what, count(*) as n from ${followUps} where ${inArray(followUps.visitor_id, ids)} group by ${followUps.visitor_id}
        union all
        select ${conversations.visitor_id}, 'talks', count(*) from ${conversations} where ${inArray(conversations.visitor_id, ids)} and ${conversations.kind} = 'talk' group by ${conversations.visitor_id}
        union all
        select ${bookings.visitor_id}, 'bookings', count(*) from ${bookings} where ${inArray(bookings.visitor_id, ids)} and ${bookings.cancelled_at} is null group by ${bookings.visitor_id}`,
  );
  for (const r of rows) {
    const c = out.get(r.id) ?? { leads: 0, talks: 0, bookings: 0 };
    c[r.what] = toCount(r.n);
    out.set(r.id, c);
  }
  return out;
}

export type MergeCompany = {
  id: string;
  name: string;
  city: string | null;
  phone: string | null;
  email: string | null;
  contact_person: string | null;
  gstin: string | null;
  deleted: boolean;
  merged_into_id: string | null;
  version: number;
  leads: number;
  talks: number;
  bookings: number;
};

/** Companies chosen for a merge, with their counts from the read stats (one query); deleted ones too, flagged. */
export async function getCompaniesForMerge(db: DbOrTx, ids: string[]): Promise<MergeCompany[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      city: contacts.city,
      phone: contacts.phone,
      email: contacts.email,
      contact_person: contacts.contact_person,
      gstin: contacts.gstin,
      deleted_at: contacts.deleted_at,
      merged_into_id: contacts.merged_into_id,
      updated_at: contacts.updated_at,
      leads: exhibitorStats.leads,
      talks: exhibitorStats.talks,
      bookings: exhibitorStats.bookings,
    })
    .from(contacts)
    .leftJoin(exhibitorStats, eq(exhibitorStats.exhibitor_id, contacts.id))
    .where(and(inArray(contacts.id, ids), eq(contacts.type, 'exhibitor')));
  return rows.map(({ deleted_at, updated_at, leads, talks, bookings: b, ...r }) => ({
    ...r,
    deleted: deleted_at !== null,
    version: updated_at?.getTime() ?? 0,
    leads: leads ?? 0,
    talks: talks ?? 0,
    bookings: b ?? 0,
  }));
}

export type MergeRecord = {
  id: string;
  type: ContactType;
  survivor_id: string;
  survivor_name: string;
  merged_name: string;
  moved: Record<string, number>;
  merged_by_name: string | null;
  created_at: Date;
};

/** A merge as recorded (for the confirmation after it). */
export async function getMerge(db: DbOrTx, id: string): Promise<MergeRecord | null> {
  const [row] = await db
    .select({
      id: contactMerges.id,
      type: contactMerges.type,
      survivor_id: contactMerges.survivor_id,
      survivor_name: contactMerges.survivor_name,
      merged_name: contactMerges.merged_name,
      moved: contactMerges.moved,
      merged_by_name: users.name,
      created_at: contactMerges.created_at,
    })
    .from(contactMerges)
    .leftJoin(users, eq(users.id, contactMerges.merged_by))
    .where(eq(contactMerges.id, id));
  if (!row) return null;
  // MariaDB's JSON is LONGTEXT: mysql2 may hand it over as text.
  const moved = (typeof row.moved === 'string' ? JSON.parse(row.moved) : (row.moved ?? {})) as Record<string, number>;
  return { ...row, moved };
}

/**
 * Where a merged-away contact's links lead: the live contact it was merged
 * into (merges re-point earlier ones, so one hop; a few more are followed for
 * safety), or null when `id` was not merged or its survivor is gone.
 */
export async function resolveMergedContact(db: DbOrTx, id: string, type: ContactType): Promise<string | null> {
  let current = id;
  for (let hop = 0; hop < 5; hop++) {
    const [row] = await db
      .select({ merged_into_id: contacts.merged_into_id, deleted_at: contacts.deleted_at })
      .from(contacts)
      .where(and(eq(contacts.id, current), eq(contacts.type, type)));
    if (!row) return null;
    if (!row.deleted_at) return current === id ? null : current;
    if (!row.merged_into_id) return null;
    current = row.merged_into_id;
  }
  return null;
}
