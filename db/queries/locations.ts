import { asc, count, eq, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { bookings, locations, stalls } from '@/db/schema';

/** Locations with their number of stalls, in one query. */
export async function listLocations(db: DbOrTx) {
  return db
    .select({
      id: locations.id,
      loc_name: locations.loc_name,
      address: locations.address,
      event_start_date: locations.event_start_date,
      event_end_date: locations.event_end_date,
      stall_count: count(stalls.id),
    })
    .from(locations)
    .leftJoin(stalls, eq(stalls.location_mngt_id, locations.id))
    .groupBy(locations.id)
    .orderBy(asc(locations.loc_name));
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

/** A location's stalls with how many active bookings each holds, in one query. */
export async function listStalls(db: DbOrTx, locationId: number) {
  const active = db
    .select({ table_id: bookings.table_id, n: count().as('n') })
    .from(bookings)
    .where(sql`${bookings.location_id} = ${locationId} and ${bookings.cancelled_at} is null`)
    .groupBy(bookings.table_id)
    .as('active');
  return db
    .select({
      id: stalls.id,
      table_name: stalls.table_name,
      price: stalls.price,
      active_bookings: sql<number>`coalesce(${active.n}, 0)`.mapWith(Number),
    })
    .from(stalls)
    .leftJoin(active, eq(active.table_id, stalls.id))
    .where(eq(stalls.location_mngt_id, locationId))
    .orderBy(asc(stalls.table_name));
}
