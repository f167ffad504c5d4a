import { asc, count, eq, getTableName, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { bookings, locations, stalls } from '@/db/schema';

/** The admin's list of locations shows this many a page. */
export const LOCATIONS_PAGE_SIZE = 50;
/** A location's stalls, this many a page: each is an edit form of its own (about 3 KB of HTML and payload). */
export const STALLS_ADMIN_PAGE_SIZE = 25;

type Paging = { page?: number; pageSize?: number };
const pagingOf = (p: Paging, fallback: number) => {
  const pageSize = Math.max(1, Math.floor(p.pageSize ?? fallback) || 1);
  const page = Math.max(1, Math.floor(p.page ?? 1) || 1);
  return { page, pageSize, offset: (page - 1) * pageSize };
};
/** The rows without the window count each carried. */
function withoutTotal<T extends { total: number }>(rows: T[]): Omit<T, 'total'>[] {
  return rows.map((r) => {
    const copy: Partial<T> = { ...r };
    delete copy.total;
    return copy as Omit<T, 'total'>;
  });
}
/** The page to show when the one asked for is past the end (rows deleted meanwhile, a hand-typed URL). */
const lastPage = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/**
 * A page of the locations by name, each with its number of stalls, and the
 * number of locations (a window over the grouped rows): one query.
 */
export async function listLocations(db: DbOrTx, p: Paging = {}) {
  const { page, pageSize, offset } = pagingOf(p, LOCATIONS_PAGE_SIZE);
  const rows = await db
    .select({
      id: locations.id,
      loc_name: locations.loc_name,
      address: locations.address,
      event_start_date: locations.event_start_date,
      event_end_date: locations.event_end_date,
      stall_count: count(stalls.id),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(locations)
    .leftJoin(stalls, eq(stalls.location_mngt_id, locations.id))
    .groupBy(locations.id)
    .orderBy(asc(locations.loc_name), asc(locations.id))
    .limit(pageSize)
    .offset(offset);
  if (rows.length === 0 && page > 1) {
    const [row] = await db.select({ n: count() }).from(locations);
    const total = Number(row?.n ?? 0);
    const last = lastPage(total, pageSize);
    if (last < page) return listLocations(db, { ...p, page: last });
    return { rows: [], total, page };
  }
  return { rows: withoutTotal(rows), total: rows[0]?.total ?? 0, page };
}

export async function getLocation(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: locations.id,
      loc_name: locations.loc_name,
      address: locations.address,
      event_start_date: locations.event_start_date,
      event_end_date: locations.event_end_date,
    })
    .from(locations)
    .where(eq(locations.id, id));
  return row;
}

/** The outer stall's id, qualified by hand: in a one-table select drizzle leaves `id` bare, which inside the subquery would mean the booking's own id. */
const stallId = sql`${sql.identifier(getTableName(stalls))}.${sql.identifier(stalls.id.name)}`;

/**
 * A page of a location's stalls by name, each with how many active bookings
 * it holds, and the location's number of stalls (a window): one query. The
 * bookings are counted for the page's stalls only, each an index-only count
 * in the unique (active_table_id, booking_date) index, which holds only
 * bookings not cancelled.
 */
export async function listStalls(db: DbOrTx, locationId: number, p: Paging = {}) {
  const { page, pageSize, offset } = pagingOf(p, STALLS_ADMIN_PAGE_SIZE);
  const rows = await db
    .select({
      id: stalls.id,
      table_name: stalls.table_name,
      price: stalls.price,
      active_bookings:
        sql<number>`(select count(*) from ${bookings} where ${bookings.active_table_id} = ${stallId})`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(stalls)
    .where(eq(stalls.location_mngt_id, locationId))
    .orderBy(asc(stalls.table_name), asc(stalls.id))
    .limit(pageSize)
    .offset(offset);
  if (rows.length === 0 && page > 1) {
    const [row] = await db.select({ n: count() }).from(stalls).where(eq(stalls.location_mngt_id, locationId));
    const total = Number(row?.n ?? 0);
    const last = lastPage(total, pageSize);
    if (last < page) return listStalls(db, locationId, { ...p, page: last });
    return { rows: [], total, page };
  }
  return { rows: withoutTotal(rows), total: rows[0]?.total ?? 0, page };
}
