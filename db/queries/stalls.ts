/**
 * Stall-wise performance across all companies (design document §5.3):
 * per location and stall, talks, non-cancelled bookings, collected and booked
 * money, the average booking value, and whether the stall is booked now.
 * Aggregated in SQL, one query whatever the number of stalls.
 */
import { asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { toMoney } from '@/db/rows';
import { bookings, locations, stalls, stallStats } from '@/db/schema';
import { todayInIndia } from '@/lib/dates';

export const STALL_SORTS = ['location', 'stall', 'talks', 'bookings', 'collected', 'average'] as const;
export type StallSort = (typeof STALL_SORTS)[number];

export type StallRow = {
  location_id: number;
  location: string;
  table_id: number;
  stall: string;
  /** The stall's list price. */
  list_price: string;
  talks: number;
  bookings: number;
  collected: string;
  booked: string;
  /** collected / bookings, rounded to 2 decimals; '0.00' without bookings. */
  average_booking: string;
  /**
   * Booked for the location's event: a non-cancelled booking of this stall for one of its event
   * dates; for a location without event dates, one for today (India) or later.
   */
  booked_now: boolean;
};

const talks = sql<number>`coalesce(${stallStats.talks}, 0)`.mapWith(Number);
const bookingCount = sql<number>`coalesce(${stallStats.bookings}, 0)`.mapWith(Number);
const collected = sql<string>`coalesce(${stallStats.collected}, 0)`.mapWith(toMoney);
const booked = sql<string>`coalesce(${stallStats.booked}, 0)`.mapWith(toMoney);
const average =
  sql<string>`case when ${stallStats.bookings} > 0 then cast(round(${stallStats.collected} / ${stallStats.bookings}, 2) as decimal(15,2)) else cast(0 as decimal(15,2)) end`.mapWith(
    toMoney,
  );

/** The ORDER BY of each sort: the sorted column, then location, stall and id so equal rows keep one order. */
function orderOf(sort: StallSort, dir: 'asc' | 'desc'): SQL[] {
  const d = dir === 'desc' ? desc : asc;
  const place = [asc(locations.loc_name), asc(locations.id), asc(stalls.table_name), asc(stalls.id)];
  if (sort === 'location') return [d(locations.loc_name), d(locations.id), d(stalls.table_name), d(stalls.id)];
  if (sort === 'stall') return [d(stalls.table_name), d(locations.loc_name), d(locations.id), d(stalls.id)];
  const key = { talks, bookings: bookingCount, collected, average }[sort];
  return [d(key), ...place];
}

function stallSelection(today: string) {
  return {
    location_id: stalls.location_mngt_id,
    location: locations.loc_name,
    table_id: stalls.id,
    stall: stalls.table_name,
    list_price: stalls.price,
    talks,
    bookings: bookingCount,
    collected,
    booked,
    average_booking: average,
    // Both arms dive into the unique (active_table_id, booking_date) index, which holds only live bookings.
    booked_now: sql<boolean>`case when ${locations.event_start_date} is not null
        then exists (select 1 from ${bookings} where ${bookings.active_table_id} = ${stalls.id}
               and ${bookings.booking_date} between ${locations.event_start_date} and coalesce(${locations.event_end_date}, ${locations.event_start_date}))
        else exists (select 1 from ${bookings} where ${bookings.active_table_id} = ${stalls.id} and ${bookings.booking_date} >= ${today}) end`.mapWith(
      (v) => Number(v) === 1,
    ),
  };
}

/**
 * Every stall of every location (or of the chosen one), including stalls
 * without any activity (zeros): the CSV export. Talks, non-cancelled bookings
 * and their money come from the read counters (stall_stats: talks and
 * bookings are counted separately, so nothing is multiplied by a join), so
 * the table for all 3,600 stalls reads 3,600 counter rows, not a million
 * talks. "Booked now" is one dive per stall into the unique
 * (active_table_id, booking_date) index, which holds only non-cancelled
 * bookings. One query.
 */
export async function listStallPerformance(
  db: DbOrTx,
  p: { location_id?: number | null; sort: StallSort; dir: 'asc' | 'desc' },
): Promise<StallRow[]> {
  const sort: StallSort = STALL_SORTS.includes(p.sort) ? p.sort : 'location';
  const location = p.location_id ?? null;
  return db
    .select(stallSelection(todayInIndia()))
    .from(stalls)
    .innerJoin(locations, eq(locations.id, stalls.location_mngt_id))
    .leftJoin(stallStats, eq(stallStats.table_id, stalls.id))
    .where(location === null ? undefined : eq(stalls.location_mngt_id, location))
    .orderBy(...orderOf(sort, p.dir === 'desc' ? 'desc' : 'asc'));
}

/** The stalls page shows this many stalls of a location a page unless asked otherwise. */
export const STALLS_PAGE_SIZE = 50;

export type StallPage = {
  rows: StallRow[];
  /** Stalls of the location, all pages together. */
  total: number;
  /** The page returned: the one asked for, or the last one when that was past the end. */
  page: number;
};

/**
 * One page of one location's stalls with the location's number of stalls,
 * in one statement (the count is a window over the same rows, taken before
 * the page is cut), from the same counters as listStallPerformance.
 */
export async function listStallPerformancePage(
  db: DbOrTx,
  p: { location_id: number; sort: StallSort; dir: 'asc' | 'desc'; page?: number; pageSize?: number },
): Promise<StallPage> {
  const sort: StallSort = STALL_SORTS.includes(p.sort) ? p.sort : 'location';
  const pageSize = Math.max(1, Math.floor(p.pageSize ?? STALLS_PAGE_SIZE) || 1);
  const page = Math.max(1, Math.floor(p.page ?? 1) || 1);
  const rows = await db
    .select({
      ...stallSelection(todayInIndia()),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(stalls)
    .innerJoin(locations, eq(locations.id, stalls.location_mngt_id))
    .leftJoin(stallStats, eq(stallStats.table_id, stalls.id))
    .where(eq(stalls.location_mngt_id, p.location_id))
    .orderBy(...orderOf(sort, p.dir === 'desc' ? 'desc' : 'asc'))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (rows.length === 0 && page > 1) {
    const [row] = await db.select({ n: count() }).from(stalls).where(eq(stalls.location_mngt_id, p.location_id));
    const last = Math.max(1, Math.ceil(Number(row?.n ?? 0) / pageSize));
    return last < page
      ? listStallPerformancePage(db, { ...p, page: last })
      : { rows: [], total: Number(row?.n ?? 0), page };
  }
  const total = rows[0]?.total ?? 0;
  for (const r of rows) delete (r as Partial<typeof r>).total;
  return { rows, total, page };
}

/** Locations for the stall table's picker, by name. */
export async function listLocationOptions(db: DbOrTx): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: locations.id, name: locations.loc_name })
    .from(locations)
    .orderBy(asc(locations.loc_name), asc(locations.id));
}
