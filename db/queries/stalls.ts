/**
 * Stall-wise performance across all companies (design document §5.3):
 * per location and stall, talks, non-cancelled bookings, collected and booked
 * money, the average booking value, and whether the stall is booked now.
 * Aggregated in SQL, one query whatever the number of stalls.
 */
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { locations } from '@/db/schema';

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
  /** A non-cancelled booking of this stall is for today (UTC) or later. */
  booked_now: boolean;
};

const ORDER: Record<StallSort, string> = {
  location: 'a.location {dir}, a.location_id {dir}, a.stall {dir}, a.table_id {dir}',
  stall: 'a.stall {dir}, a.location {dir}, a.location_id {dir}, a.table_id {dir}',
  talks: 'a.talks {dir}, a.location asc, a.location_id asc, a.stall asc, a.table_id asc',
  bookings: 'a.bookings {dir}, a.location asc, a.location_id asc, a.stall asc, a.table_id asc',
  collected: 'a.collected {dir}, a.location asc, a.location_id asc, a.stall asc, a.table_id asc',
  average: 'a.average_booking {dir}, a.location asc, a.location_id asc, a.stall asc, a.table_id asc',
};

/**
 * Every stall of every location (or of the chosen one), including stalls
 * without any activity (zeros). Talks, non-cancelled bookings and their money
 * come from the read counters (stall_stats, kept by triggers: talks and
 * bookings are counted separately, so nothing is multiplied by a join), so the
 * table for all 3,600 stalls reads 3,600 counter rows, not a million talks.
 * "Booked now" is one dive per stall into the unique (active_table_id,
 * booking_date) index, which holds only non-cancelled bookings. One query.
 */
export async function listStallPerformance(db: DbOrTx, p: { location_id?: number | null; sort: StallSort; dir: 'asc' | 'desc' }): Promise<StallRow[]> {
  const sort: StallSort = STALL_SORTS.includes(p.sort) ? p.sort : 'location';
  const order = sql.raw(ORDER[sort].replaceAll('{dir}', p.dir === 'desc' ? 'desc' : 'asc'));
  const today = new Date().toISOString().slice(0, 10);
  const location = p.location_id ?? null;
  const [rows] = (await db.execute(sql`
    select a.* from (
      select s.location_mngt_id as location_id, l.loc_name as location, s.id as table_id, s.table_name as stall, s.price as list_price,
             coalesce(r.talks, 0) as talks,
             coalesce(r.bookings, 0) as bookings,
             coalesce(r.collected, 0) as collected,
             coalesce(r.booked, 0) as booked,
             case when r.bookings > 0 then cast(round(r.collected / r.bookings, 2) as decimal(15,2)) else cast(0 as decimal(15,2)) end as average_booking,
             exists (select 1 from bookings n where n.active_table_id = s.id and n.booking_date >= ${today}) as booked_now
      from location_mngt_table_details s
      join location_mngt l on l.id = s.location_mngt_id
      left join stall_stats r on r.table_id = s.id
      ${location === null ? sql`` : sql`where s.location_mngt_id = ${location}`}
    ) a
    order by ${order}`)) as unknown as [
    { location_id: unknown; location: string; table_id: unknown; stall: string; list_price: string; talks: unknown; bookings: unknown; collected: unknown; booked: unknown; average_booking: unknown; booked_now: unknown }[],
  ];
  return rows.map((r) => ({
    location_id: Number(r.location_id),
    location: r.location,
    table_id: Number(r.table_id),
    stall: r.stall,
    list_price: String(r.list_price),
    talks: Number(r.talks ?? 0),
    bookings: Number(r.bookings ?? 0),
    collected: String(r.collected ?? '0.00'),
    booked: String(r.booked ?? '0.00'),
    average_booking: String(r.average_booking ?? '0.00'),
    booked_now: Number(r.booked_now) === 1,
  }));
}

/** Locations for the stall table's picker, by name. */
export async function listLocationOptions(db: DbOrTx): Promise<{ id: number; name: string }[]> {
  return db.select({ id: locations.id, name: locations.loc_name }).from(locations).orderBy(asc(locations.loc_name), asc(locations.id));
}
