/**
 * "My follow-ups" is paged: a backlog of thousands of due leads shows a page
 * at a time, in the list's order (today's first, then overdue latest first; within a day timed before
 * untimed, time, id), and
 * the next page's cursor walks the rest without repeating or skipping a lead.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/db';
import { decodeDueCursor, DUE_PAGE_SIZE, encodeDueCursor, listDueFollowUps } from '@/db/queries/follow-ups';
import { followUps, type NewFollowUp } from '@/db/schema';
import { countedChange, countInserted } from '@/db/services/counters';

import { makeExhibitor, makeUser, makeVisitor, uniquePhone } from './helpers/factories';

const TODAY = '1991-06-30';

type Due = { id: number; date: string; time: string | null };

/**
 * The list's order, written out here: the day, latest first (today's, then the overdue ones most recent
 * first), then a timed lead before an untimed one, then the time, then the id.
 */
function byListOrder(a: Due, b: Due): number {
  if (a.date !== b.date) return a.date > b.date ? -1 : 1;
  if ((a.time === null) !== (b.time === null)) return a.time === null ? 1 : -1;
  if (a.time !== b.time) return a.time! < b.time! ? -1 : 1;
  return a.id - b.id;
}

/** Leads written straight to the table (the page reads them as they stand); their ids in insertion order. */
async function insertLeads(rows: NewFollowUp[]): Promise<number[]> {
  // With their counters, in one transaction: other files recount every counter meanwhile.
  const ids = await db.transaction(async (tx) => {
    const [result] = await tx.insert(followUps).values(rows);
    const inserted = rows.map((_, i) => result.insertId + i);
    await countInserted(tx, { followUps: inserted });
    return inserted;
  });
  made = [...made, ...ids];
  return ids;
}

// Written around the services: gone afterwards, taking their counters with them.
afterAll(async () => {
  if (made.length)
    await db.transaction((tx) =>
      countedChange(tx, { followUps: made }, () => tx.delete(followUps).where(inArray(followUps.id, made))),
    );
});

let mine: Due[];
let theirs: Due[];
let made: number[] = [];
let employee: string;

beforeAll(async () => {
  const company = await makeExhibitor();
  const [me, other] = [await makeUser(), await makeUser()];
  employee = me.id;
  // 1991: before any other test file's leads, so "everyone" starts with this file's.
  const lead = (employeeId: string, i: number): NewFollowUp => ({
    phone: uniquePhone(),
    exhibitor_id: company.id,
    employee_id: employeeId,
    status: i % 3 ? 'interested' : 'busy',
    // Twelve days, several leads a day, the last of them today: some timed (two share a time), some not.
    next_followup_date: `1991-06-${String(19 + (i % 12)).padStart(2, '0')}`,
    next_followup_time: i % 4 === 0 ? null : `${String(9 + (i % 5)).padStart(2, '0')}:30:00`,
  });
  const mineRows = Array.from({ length: DUE_PAGE_SIZE + 12 }, (_, i) => lead(me.id, i));
  const theirRows = Array.from({ length: 20 }, (_, i) => lead(other.id, i + 7));
  const toDue = (rows: NewFollowUp[], ids: number[]): Due[] =>
    rows.map((r, i) => ({ id: ids[i]!, date: r.next_followup_date!, time: r.next_followup_time ?? null }));
  mine = toDue(mineRows, await insertLeads(mineRows));
  theirs = toDue(theirRows, await insertLeads(theirRows));
  // Not due: tomorrow, closed (materialised), or without a date.
  await insertLeads([
    {
      phone: uniquePhone(),
      exhibitor_id: company.id,
      employee_id: me.id,
      status: 'interested',
      next_followup_date: '1991-07-01',
    },
    {
      phone: uniquePhone(),
      exhibitor_id: company.id,
      employee_id: me.id,
      status: 'materialised',
      next_followup_date: '1991-06-01',
    },
    { phone: uniquePhone(), exhibitor_id: company.id, employee_id: me.id, status: 'busy', next_followup_date: null },
  ]);
});

const idsOf = (page: { rows: { id: number }[] }) => page.rows.map((r) => r.id);

describe('listDueFollowUps', () => {
  it('shows one page of an employee’s due leads in the list’s order, then the rest after the cursor', async () => {
    const expected = [...mine].sort(byListOrder).map((d) => d.id);
    const first = await listDueFollowUps(db, { employeeId: employee, today: TODAY });
    expect(first.rows).toHaveLength(DUE_PAGE_SIZE);
    expect(idsOf(first)).toEqual(expected.slice(0, DUE_PAGE_SIZE));
    expect(first.nextCursor).not.toBeNull();

    const second = await listDueFollowUps(db, {
      employeeId: employee,
      today: TODAY,
      cursor: decodeDueCursor(first.nextCursor),
    });
    expect(idsOf(second)).toEqual(expected.slice(DUE_PAGE_SIZE));
    expect(second.nextCursor).toBeNull();
  });

  it('walks every due lead of everyone in small pages, each at most its size, none twice', async () => {
    const expected = [...mine, ...theirs].sort(byListOrder).map((d) => d.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listDueFollowUps>> = await listDueFollowUps(db, {
        employeeId: null,
        today: TODAY,
        cursor: decodeDueCursor(cursor),
        limit: 7,
      });
      expect(page.rows.length).toBeLessThanOrEqual(7);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('reads a cursor that is not one as the first page', async () => {
    expect(decodeDueCursor('not-a-cursor')).toBeNull();
    expect(decodeDueCursor(Buffer.from('["1991-06-10","9:30",1]').toString('base64url'))).toBeNull();
    const cursor = { date: '1991-06-10', time: '09:30:00', id: 12 };
    expect(decodeDueCursor(encodeDueCursor(cursor))).toEqual(cursor);
    expect(decodeDueCursor(encodeDueCursor({ ...cursor, time: null }))).toEqual({ ...cursor, time: null });
  });
});

describe('listDueFollowUps with a search', () => {
  let searcher: string;
  let byCompany: number[];
  let byVisitor: number[];
  let byPhone: { id: number; phone: string };
  const word = `Zephyrine${Date.now().toString(36)}`;

  beforeAll(async () => {
    const me = await makeUser();
    searcher = me.id;
    const [company, other] = [await makeExhibitor({ name: `${word} Textiles` }), await makeExhibitor()];
    const visitor = await makeVisitor({ name: `${word} Rao` });
    const lead = (over: Partial<NewFollowUp>): NewFollowUp => ({
      phone: uniquePhone(),
      exhibitor_id: other.id,
      employee_id: me.id,
      status: 'interested',
      next_followup_date: '1991-06-20',
      ...over,
    });
    byCompany = await insertLeads([
      lead({ exhibitor_id: company.id, next_followup_date: '1991-06-12' }),
      lead({ exhibitor_id: company.id, next_followup_date: TODAY }),
    ]);
    byVisitor = await insertLeads([lead({ visitor_id: visitor.id, next_followup_date: '1991-06-15' })]);
    const phone = uniquePhone();
    const [id] = await insertLeads([lead({ phone }), lead({}), lead({})]);
    byPhone = { id: id!, phone };
  });

  it('finds the due leads of a company or a visitor by the start of the name, today’s first', async () => {
    const page = await listDueFollowUps(db, { employeeId: searcher, today: TODAY, search: word.toLowerCase() });
    expect(idsOf(page)).toEqual([byCompany[1], byVisitor[0], byCompany[0]]);
    const company = await listDueFollowUps(db, { employeeId: searcher, today: TODAY, search: `${word} Tex` });
    expect(idsOf(company)).toEqual([byCompany[1], byCompany[0]]);
  });

  it('finds a lead by its phone typed in any format, and pages a search with the cursor', async () => {
    const local = byPhone.phone.replace(/^\+91/, '');
    const found = await listDueFollowUps(db, {
      employeeId: searcher,
      today: TODAY,
      search: `${local.slice(0, 5)} ${local.slice(5)}`,
    });
    expect(idsOf(found)).toEqual([byPhone.id]);
    const first = await listDueFollowUps(db, { employeeId: searcher, today: TODAY, search: word, limit: 2 });
    expect(idsOf(first)).toEqual([byCompany[1], byVisitor[0]]);
    const rest = await listDueFollowUps(db, {
      employeeId: searcher,
      today: TODAY,
      search: word,
      limit: 2,
      cursor: decodeDueCursor(first.nextCursor),
    });
    expect(idsOf(rest)).toEqual([byCompany[0]]);
    expect(rest.nextCursor).toBeNull();
  });

  it('matches nothing for a name nobody has, and treats LIKE wildcards as text', async () => {
    for (const search of [`${word}-nobody`, '%', '_'])
      expect(idsOf(await listDueFollowUps(db, { employeeId: searcher, today: TODAY, search }))).toEqual([]);
  });
});
