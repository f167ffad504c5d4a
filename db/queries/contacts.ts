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
import { sql, type SQL } from 'drizzle-orm';
import { getCountryCallingCode } from 'libphonenumber-js';
import type { DbOrTx } from '@/db';
import { containsPattern, escapeLike } from '@/db/queries/companies';
import { rowsOf, toCount, toDate } from '@/db/rows';
import type { ContactType } from '@/db/schema/contacts';
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
export type ContactListParams = ContactFilters & { sort: ContactSort; dir: 'asc' | 'desc'; page: number; pageSize: number };

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

const ROW_COLUMNS = sql.raw('c.id, c.type, c.name, c.phone, c.email, c.city, c.company_name, c.contact_person, c.gstin, c.created_at, c.deleted_at, c.merged_into_id');

type RawRow = Omit<ContactRow, 'created_at' | 'deleted_at'> & { created_at: unknown; deleted_at: unknown };
const toRow = (r: RawRow): ContactRow => ({ ...r, created_at: toDate(r.created_at), deleted_at: toDate(r.deleted_at) });

const CALLING_CODE = getCountryCallingCode(DEFAULT_REGION);

/**
 * The phone condition for a search text: E.164 equality when the text is a whole
 * number in any spelling (`098765 43210` → `+919876543210`); the start of the number
 * when it is only digits (at least 5, spaces and dashes allowed: `98765` → `+9198765…`,
 * `+4420` → `+4420…`); otherwise none. Either is a range of (type, deleted_at, phone).
 */
function phoneCondition(q: string): SQL | null {
  const e164 = normalisePhone(q);
  if (e164) return sql`c.phone = ${e164}`;
  const compact = q.replace(/[\s\-().]/g, '');
  const m = /^(\+?)(\d{5,15})$/.exec(compact);
  if (!m) return null;
  const prefix = m[1] ? `+${m[2]}` : `+${CALLING_CODE}${m[2]!.replace(/^0+/, '')}`;
  return sql`c.phone like ${`${escapeLike(prefix)}%`}`;
}

/** The rows of one type and state (and city), as a condition on `c`. */
function baseCondition(f: ContactFilters): SQL {
  const city = f.city?.trim();
  return sql`c.type = ${f.type} and c.deleted_at ${f.state === 'deleted' ? sql`is not null` : sql`is null`}${city ? sql` and c.city = ${city}` : sql``}`;
}

/**
 * The ids matching a search, as a union of one index range per field (see the
 * file's comment); null without a search. UNION (not OR) so each branch keeps its
 * own index and a contact matching twice counts once.
 */
function matchingIds(f: ContactFilters): SQL | null {
  const q = f.q?.trim().slice(0, 100);
  if (!q) return null;
  const base = baseCondition(f);
  const starts = `${escapeLike(q)}%`;
  const branches: SQL[] = [
    f.type === 'exhibitor' ? sql`c.name like ${containsPattern(q)}` : sql`c.name like ${starts}`,
    sql`c.email like ${`${escapeLike(q.toLowerCase())}%`}`,
    sql`c.city like ${starts}`,
  ];
  const phone = phoneCondition(q);
  if (phone) branches.push(phone);
  return sql.join(
    branches.map((b) => sql`select c.id from contacts c where ${base} and ${b}`),
    sql` union `,
  );
}

function orderBy(sort: ContactSort, dir: 'asc' | 'desc'): SQL {
  // Each order is an index's own order (name: (type, deleted_at, name, city) with the id InnoDB appends;
  // city: (city, id); created: the primary key), and ends with the id, so pages never repeat or skip a row.
  if (sort === 'name') return sql.raw(`c.name ${dir}, c.city ${dir}, c.id ${dir}`);
  if (sort === 'city') return sql.raw(`c.city ${dir}, c.id ${dir}`);
  return sql.raw(`c.id ${dir}`);
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
  const ids = matchingIds(p);
  const order = orderBy(sort, dir);
  // Without a search the page's ids are cut from the index first (a deferred join): a deep page skips
  // index entries, not rows (page 16,000 of the visitors by name: about 0.1 s instead of 1.4 s).
  const page = ids
    ? sql`select ${ROW_COLUMNS} from contacts c join (${ids}) m on m.id = c.id order by ${order} limit ${pageSize} offset ${offset}`
    : sql`select ${ROW_COLUMNS} from contacts c join (select c.id from contacts c where ${baseCondition(p)} order by ${order} limit ${pageSize} offset ${offset}) m on m.id = c.id order by ${order}`;
  const [rows, [count]] = await Promise.all([
    rowsOf<RawRow>(db, page),
    rowsOf<{ total: unknown }>(db, ids ? sql`select count(*) as total from (${ids}) m` : sql`select count(*) as total from contacts c where ${baseCondition(p)}`),
  ]);
  return { rows: rows.map(toRow), total: toCount(count?.total) };
}

/** A contact as the CSV export carries it: every field. */
export type ContactExportRow = ContactRow & { address: string | null; notes: string | null };

/**
 * Every contact matching the filters, with every field, `batch` at a time in id
 * (creation) order, by keyset on the id: for the CSV export, so a 500,000-row file
 * is never one result in memory and a late batch costs what the first does.
 */
export async function* iterateContacts(db: DbOrTx, f: ContactFilters, batch = 1000): AsyncGenerator<ContactExportRow[]> {
  const size = Math.min(5000, Math.max(1, Math.floor(batch) || 1));
  const ids = matchingIds(f);
  type Raw = RawRow & { address: string | null; notes: string | null };
  for (let after = ''; ;) {
    const rows = await rowsOf<Raw>(
      db,
      ids
        ? sql`select ${ROW_COLUMNS}, c.address, c.notes from contacts c join (${ids}) m on m.id = c.id where c.id > ${after} order by c.id limit ${size}`
        : sql`select ${ROW_COLUMNS}, c.address, c.notes from contacts c where ${baseCondition(f)} and c.id > ${after} order by c.id limit ${size}`,
    );
    if (rows.length > 0) yield rows.map((r) => ({ ...toRow(r), address: r.address, notes: r.notes }));
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** One contact with every field, deleted or not; null for an unknown id. */
export type ContactDetail = ContactRow & { address: string | null; notes: string | null; updated_at: Date | null };

export async function getContact(db: DbOrTx, id: string): Promise<ContactDetail | null> {
  const [row] = await rowsOf<RawRow & { address: string | null; notes: string | null; updated_at: unknown }>(
    db,
    sql`select ${ROW_COLUMNS}, c.address, c.notes, c.updated_at from contacts c where c.id = ${id}`,
  );
  return row ? { ...toRow(row), address: row.address, notes: row.notes, updated_at: toDate(row.updated_at) } : null;
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
  const byType = (table: string) => sql.raw(`if(c.type = 'exhibitor', (select count(*) from ${table} x where x.exhibitor_id = c.id), (select count(*) from ${table} x where x.visitor_id = c.id))`);
  const [row] = await rowsOf<{ leads: unknown; talks: unknown; bookings: unknown; recipients: unknown }>(
    db,
    sql`select ${byType('follow_ups')} as leads, ${byType('conversations')} as talks, ${byType('bookings')} as bookings,
               (select count(*) from campaign_recipients r where r.contact_id = c.id) as recipients
        from contacts c where c.id = ${id}`,
  );
  return { leads: toCount(row?.leads), talks: toCount(row?.talks), bookings: toCount(row?.bookings), recipients: toCount(row?.recipients) };
}
