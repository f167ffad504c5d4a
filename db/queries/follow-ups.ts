import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import { contacts, followUps, locations, stalls, users } from '@/db/schema';
import { normalisePhone } from '@/lib/phone';

import { startsPattern } from './like';

/** Where a page of due follow-ups starts: after this row in the list's order. */
export type DueCursor = { date: string; time: string | null; id: number };

/** Due follow-ups a page shows. */
export const DUE_PAGE_SIZE = 50;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}:\d{2}$/;

/** The cursor a link carries (base64url JSON); anything else is the first page. */
export function decodeDueCursor(text: string | null | undefined): DueCursor | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [date, time, id] = v as unknown[];
    if (typeof date !== 'string' || !DATE_RE.test(date)) return null;
    if (time !== null && (typeof time !== 'string' || !TIME_RE.test(time))) return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
    return { date, time: time as string | null, id };
  } catch {
    return null;
  }
}

export function encodeDueCursor(c: DueCursor): string {
  return Buffer.from(JSON.stringify([c.date, c.time, c.id]), 'utf8').toString('base64url');
}

/**
 * The list's order: the day, latest first — today's, then the overdue ones most recent first (today is
 * the latest day a due lead has) — then, within a day, timed before untimed, the time, the id (the tie-breaker).
 */
const dueOrder = [
  desc(followUps.next_followup_date),
  sql`${followUps.next_followup_time} is null`,
  asc(followUps.next_followup_time),
  asc(followUps.id),
];

/** The rows after the cursor in `dueOrder`. */
function afterCursor(c: DueCursor | null): SQL | undefined {
  if (!c) return undefined;
  const time = followUps.next_followup_time;
  const laterSameDay =
    c.time === null
      ? and(isNull(time), gt(followUps.id, c.id))
      : or(isNull(time), gt(time, c.time), and(eq(time, c.time), gt(followUps.id, c.id)));
  // The explicit upper bound is the index range; the OR only trims the cursor's own day.
  return and(
    lte(followUps.next_followup_date, c.date),
    or(lt(followUps.next_followup_date, c.date), and(eq(followUps.next_followup_date, c.date), laterSameDay)),
  );
}

/** How many companies and visitors a name search looks among (the first by name): the search stays bounded. */
export const DUE_SEARCH_NAMES = 200;

/**
 * The leads a search means: a whole phone (in any format the booth takes) or the start of a company's or visitor's name — the first DUE_SEARCH_NAMES of each by name, on the
 * contacts' (type, deleted_at, name) index. null when nothing can match.
 */
async function searchFilter(db: DbOrTx, text: string): Promise<SQL | null> {
  const phone = normalisePhone(text);
  if (phone) return eq(followUps.phone, phone);
  const named = (type: 'exhibitor' | 'visitor') =>
    db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.type, type), isNull(contacts.deleted_at), like(contacts.name, startsPattern(text))))
      .orderBy(asc(contacts.name))
      .limit(DUE_SEARCH_NAMES);
  const [companies, visitors] = await Promise.all([named('exhibitor'), named('visitor')]);
  const parts = [
    companies.length
      ? inArray(
          followUps.exhibitor_id,
          companies.map((c) => c.id),
        )
      : undefined,
    visitors.length
      ? inArray(
          followUps.visitor_id,
          visitors.map((v) => v.id),
        )
      : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return parts.length ? or(...parts)! : null;
}

/**
 * Open leads due today or overdue — today's first, then the overdue ones latest first — optionally
 * matching a search, for one employee or (null)
 * everyone: one page of `limit` after the cursor, and the cursor of the next
 * page (null on the last). Bounded by the page whatever the backlog (an
 * employee of the large data set has 7,000 overdue, everyone 336,000), on the
 * (employee_id, next_followup_date) index alone:
 * 1. the day of the page's last row: in day order (latest first) along the index, `limit + 1`
 *    rows in (for everyone: the first `limit + 1` of each user, merged — the
 *    users are few, the follow-ups many);
 * 2. the page: the rows down to that day (the page and the rest of its last
 *    day), sorted in full, then their names.
 * Two queries for one employee, three for everyone (the user ids first).
 */
export async function listDueFollowUps(
  db: DbOrTx,
  {
    employeeId,
    today,
    cursor = null,
    limit = DUE_PAGE_SIZE,
    search = null,
  }: { employeeId: string | null; today: string; cursor?: DueCursor | null; limit?: number; search?: string | null },
) {
  const size = Math.min(200, Math.max(1, Math.floor(limit) || 1));
  const matching = search?.trim() ? await searchFilter(db, search.trim()) : undefined;
  if (matching === null) return { rows: [], nextCursor: null };
  const due = (employee: SQL) =>
    and(
      employee,
      isNotNull(followUps.open_lead_phone),
      // A lead with no company is not one the booth can open (and the list names the company).
      isNotNull(followUps.exhibitor_id),
      lte(followUps.next_followup_date, today),
      matching,
      afterCursor(cursor),
    );
  const byDay = (employee: SQL) =>
    db
      .select({ day: followUps.next_followup_date })
      .from(followUps)
      .where(due(employee))
      .orderBy(desc(followUps.next_followup_date))
      .limit(size + 1);

  let employees: SQL;
  let lastDay: string | null;
  if (employeeId) {
    employees = eq(followUps.employee_id, employeeId);
    const [row] = await byDay(employees).offset(size);
    lastDay = row?.day ?? null;
  } else {
    const ids = (await db.select({ id: users.id }).from(users)).map((u) => u.id);
    if (!ids.length) return { rows: [], nextCursor: null };
    employees = inArray(followUps.employee_id, ids);
    // One flat UNION ALL of parenthesised branches, each a range of the index in day order.
    const day = sql.identifier(followUps.next_followup_date.name);
    const branches = ids.map((id) => sql`(${byDay(eq(followUps.employee_id, id)).getSQL()})`);
    const [row] = await rowsOf<{ day: string }>(
      db,
      sql`select date_format(u.${day}, '%Y-%m-%d') as day from (${sql.join(branches, sql` union all `)}) u order by u.${day} desc limit 1 offset ${size}`,
    );
    lastDay = row?.day ?? null;
  }

  const page = db
    .select({ id: followUps.id })
    .from(followUps)
    .where(and(due(employees), lastDay ? gte(followUps.next_followup_date, lastDay) : undefined))
    .orderBy(...dueOrder)
    .limit(size + 1)
    .as('m');
  const visitor = sql<
    string | null
  >`(select ${contacts.name} from ${contacts} where ${contacts.id} = ${followUps.visitor_id})`;
  const rows = await db
    .select({
      id: followUps.id,
      phone: followUps.phone,
      status: followUps.status,
      comment: followUps.comment,
      next_followup_date: followUps.next_followup_date,
      next_followup_time: followUps.next_followup_time,
      exhibitor_id: followUps.exhibitor_id,
      exhibitor: contacts.name,
      visitor,
      employee: users.name,
      location_id: followUps.location_id,
      location: locations.loc_name,
      table_id: followUps.table_id,
      stall: stalls.table_name,
    })
    .from(page)
    .innerJoin(followUps, eq(followUps.id, page.id))
    .innerJoin(contacts, eq(contacts.id, followUps.exhibitor_id))
    .innerJoin(users, eq(users.id, followUps.employee_id))
    .leftJoin(locations, eq(locations.id, followUps.location_id))
    .leftJoin(stalls, eq(stalls.id, followUps.table_id))
    .orderBy(...dueOrder);
  const shown = rows.slice(0, size);
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    nextCursor:
      rows.length > size && last
        ? encodeDueCursor({ date: last.next_followup_date!, time: last.next_followup_time, id: last.id })
        : null,
  };
}

/** The employee filter's options: every active user (a few dozen; DESIGN.md's scale is in the data, not the staff). */
export async function listActiveEmployees(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}
