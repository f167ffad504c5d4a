/**
 * The read side of the contacts lists: companies and visitors,
 * searched, filtered, sorted and paged on the server; one contact; and what
 * still points at a contact before it is deleted.
 *
 * Written for DESIGN.md §Scale (500,000 visitors): every query reads a range of
 * an index, never the table.
 * - No search: the page is cut from (type, deleted_at, name, city) in name order,
 *   from (city) in city order, or from the primary key in id order — a ULID, minted
 *   when the contact was created, so "newest first" needs no created_at index.
 * - A search `q` is the union of index ranges: the name (visitors: starting with
 *   `q`, on (type, deleted_at, name, city); companies, 5,000 of them: containing
 *   it), the email and the city starting with `q` ((type, deleted_at, email),
 *   (city)), and the phone — `q` normalised to E.164 and matched exactly, or a run
 *   of digits matched as the start of the number — on (type, deleted_at, phone).
 */
import { and, asc, count, desc, eq, gt, isNotNull, isNull, like, sql, type SQL } from 'drizzle-orm';
import { getCountryCallingCode } from 'libphonenumber-js';

import type { DbOrTx } from '@/db';
import { containsPattern, startsPattern } from '@/db/queries/like';
import { rowsOf, toCount } from '@/db/rows';
import { bookings, campaignRecipients, contacts, conversations, followUps, type ContactType } from '@/db/schema';
import { DEFAULT_REGION, normalisePhone } from '@/lib/phone';

export const CONTACT_SORTS = ['name', 'city', 'created_at'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
export const CONTACT_STATES = ['live', 'deleted'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

/** What a list (or its CSV) is filtered by. */
export type ContactFilters = {
  type: ContactType;
  /** Name, phone in any spelling, email or city. */
  q?: string;
  /** Exactly this city (case-insensitive, by the column's collation). */
  city?: string;
  state: ContactState;
};
export type ContactListParams = ContactFilters & {
  sort: ContactSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

/** A contact as the lists show it (both types; the fields of the other type are null). */
export type ContactRow = {
  id: string;
  type: ContactType;
  name: string;
  phone: string | null;
  email: string | null;
  city: string | null;
  company_name: string | null;
  contact_person: string | null;
  gstin: string | null;
  created_at: Date | null;
  deleted_at: Date | null;
  merged_into_id: string | null;
};

const ROW_COLUMNS = {
  id: contacts.id,
  type: contacts.type,
  name: contacts.name,
  phone: contacts.phone,
  email: contacts.email,
  city: contacts.city,
  company_name: contacts.company_name,
  contact_person: contacts.contact_person,
  gstin: contacts.gstin,
  created_at: contacts.created_at,
  deleted_at: contacts.deleted_at,
  merged_into_id: contacts.merged_into_id,
};
const WITH_TEXT = { ...ROW_COLUMNS, address: contacts.address, notes: contacts.notes };

const CALLING_CODE = getCountryCallingCode(DEFAULT_REGION);

/**
 * The phone condition for a search text: E.164 equality when the text is a whole
 * number in any spelling (`098765 43210` → `+919876543210`); the start of the number
 * when it is only digits (at least 5, spaces and dashes allowed: `98765` → `+9198765…`,
 * `+4420` → `+4420…`); otherwise none. Either is a range of (type, deleted_at, phone).
 */
function phoneCondition(q: string): SQL | null {
  const e164 = normalisePhone(q);
  if (e164) return eq(contacts.phone, e164);
  const compact = q.replace(/[\s\-().]/g, '');
  const m = /^(\+?)(\d{5,15})$/.exec(compact);
  if (!m) return null;
  const prefix = m[1] ? `+${m[2]}` : `+${CALLING_CODE}${m[2]!.replace(/^0+/, '')}`;
  return like(contacts.phone, startsPattern(prefix));
}

/** The rows of one type and state (and city). */
function baseCondition(f: ContactFilters): SQL {
  const city = f.city?.trim();
  return and(
    eq(contacts.type, f.type),
    f.state === 'deleted' ? isNotNull(contacts.deleted_at) : isNull(contacts.deleted_at),
    city ? eq(contacts.city, city) : undefined,
  )!;
}

/**
 * The ids matching a search, as a union of one index range per field (see the
 * file's comment), a derived table `m`; null without a search. UNION (not OR) so
 * each branch keeps its own index and a contact matching twice counts once. One
 * flat UNION in SQL: drizzle's union() nests a third branch into derived tables of
 * derived tables, which the optimizer then materializes one by one.
 */
function matchingIds(db: DbOrTx, f: ContactFilters): SQL | null {
  const q = f.q?.trim().slice(0, 100);
  if (!q) return null;
  const base = baseCondition(f);
  const starts = startsPattern(q);
  const phone = phoneCondition(q);
  const branches = [
    f.type === 'exhibitor' ? like(contacts.name, containsPattern(q)) : like(contacts.name, starts),
    like(contacts.email, startsPattern(q.toLowerCase())),
    like(contacts.city, starts),
    ...(phone ? [phone] : []),
  ].map((branch) => db.select({ id: contacts.id }).from(contacts).where(and(base, branch)).getSQL());
  return sql`(${sql.join(branches, sql` union `)}) m`;
}
/** Joins a contact to its row of `matchingIds`. */
const matched = sql`m.id = ${contacts.id}`;

function orderBy(sort: ContactSort, dir: 'asc' | 'desc'): SQL[] {
  // Each order is an index's own order (name: (type, deleted_at, name, city) with the id InnoDB appends;
  // city: (city, id); created: the primary key), and ends with the id, so pages never repeat or skip a row.
  const d = dir === 'desc' ? desc : asc;
  if (sort === 'name') return [d(contacts.name), d(contacts.city), d(contacts.id)];
  if (sort === 'city') return [d(contacts.city), d(contacts.id)];
  return [d(contacts.id)];
}

/**
 * One page of companies or visitors, with the number of all that match. Two
 * queries (the page and the count), whatever the number of contacts.
 */
export async function listContacts(db: DbOrTx, p: ContactListParams): Promise<{ rows: ContactRow[]; total: number }> {
  const pageSize = Math.min(500, Math.max(1, Math.floor(p.pageSize) || 1));
  const offset = (Math.max(1, Math.floor(p.page) || 1) - 1) * pageSize;
  const sort: ContactSort = CONTACT_SORTS.includes(p.sort) ? p.sort : 'name';
  const dir = p.dir === 'desc' ? 'desc' : 'asc';
  const ids = matchingIds(db, p);
  const order = orderBy(sort, dir);
  // Without a search the page's ids are cut from the index first (a deferred join): a deep page skips
  // index entries, not rows (page 16,000 of the visitors by name: about 0.1 s instead of 1.4 s).
  const cut = db
    .select({ id: contacts.id })
    .from(contacts)
    .where(baseCondition(p))
    .orderBy(...order)
    .limit(pageSize)
    .offset(offset)
    .as('m');
  const [rows, [counted]] = await Promise.all([
    ids
      ? db
          .select(ROW_COLUMNS)
          .from(contacts)
          .innerJoin(ids, matched)
          .orderBy(...order)
          .limit(pageSize)
          .offset(offset)
      : db
          .select(ROW_COLUMNS)
          .from(contacts)
          .innerJoin(cut, eq(cut.id, contacts.id))
          .orderBy(...order),
    ids
      ? db.select({ total: count() }).from(ids)
      : db.select({ total: count() }).from(contacts).where(baseCondition(p)),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** A contact as the CSV export carries it: every field. */
export type ContactExportRow = ContactRow & { address: string | null; notes: string | null };

/**
 * Every contact matching the filters, with every field, `batch` at a time in id
 * (creation) order, by keyset on the id: for the CSV export, so a 500,000-row file
 * is never one result in memory and a late batch costs what the first does.
 */
export async function* iterateContacts(
  db: DbOrTx,
  f: ContactFilters,
  batch = 1000,
): AsyncGenerator<ContactExportRow[]> {
  const size = Math.min(5000, Math.max(1, Math.floor(batch) || 1));
  const ids = matchingIds(db, f);
  for (let after = ''; ;) {
    const rows = ids
      ? await db
          .select(WITH_TEXT)
          .from(contacts)
          .innerJoin(ids, matched)
          .where(gt(contacts.id, after))
          .orderBy(asc(contacts.id))
          .limit(size)
      : await db
          .select(WITH_TEXT)
          .from(contacts)
          .where(and(baseCondition(f), gt(contacts.id, after)))
          .orderBy(asc(contacts.id))
          .limit(size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** One contact with every field, deleted or not; null for an unknown id. */
export type ContactDetail = ContactRow & { address: string | null; notes: string | null; updated_at: Date | null };

export async function getContact(db: DbOrTx, id: string): Promise<ContactDetail | null> {
  const [row] = await db
    .select({ ...WITH_TEXT, updated_at: contacts.updated_at })
    .from(contacts)
    .where(eq(contacts.id, id));
  return row ?? null;
}

/** What points at a contact: kept whatever happens to the contact (DESIGN.md invariant 9). */
export type ContactReferences = { leads: number; talks: number; bookings: number; recipients: number };

/**
 * How many leads (follow_ups), talks (conversations, every kind), bookings (cancelled
 * ones too) and campaign recipients point at a contact: by exhibitor_id for a company,
 * by visitor_id for a visitor; recipients by contact_id. One statement: an index
 * count per table (only the branch of the contact's type runs); zeros for an unknown id.
 */
export async function getContactReferences(db: DbOrTx, id: string): Promise<ContactReferences> {
  // A raw statement, not the builder: the builder writes a one-table select's columns unqualified, and
  // `id` in these correlated subqueries would then be the inner table's own id.
  const byType = (t: typeof followUps | typeof conversations | typeof bookings) =>
    sql`if(${contacts.type} = 'exhibitor', (select count(*) from ${t} where ${t.exhibitor_id} = ${contacts.id}), (select count(*) from ${t} where ${t.visitor_id} = ${contacts.id}))`;
  const [row] = await rowsOf<{ leads: unknown; talks: unknown; bookings: unknown; recipients: unknown }>(
    db,
    sql`select ${byType(followUps)} as leads, ${byType(conversations)} as talks, ${byType(bookings)} as bookings,
               (select count(*) from ${campaignRecipients} where ${campaignRecipients.contact_id} = ${contacts.id}) as recipients
        from ${contacts} where ${contacts.id} = ${id}`,
  );
  return {
    leads: toCount(row?.leads),
    talks: toCount(row?.talks),
    bookings: toCount(row?.bookings),
    recipients: toCount(row?.recipients),
  };
}
