import { and, eq, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { bookings, conversations, locations, stalls } from '@/db/schema';
import { DomainError, isDuplicateKeyError, isMissingReference } from '@/lib/errors';

/** A location as its form gives it (app/(app)/admin/locations/schema.ts); dates are yyyy-mm-dd. */
export type LocationInput = {
  loc_name: string;
  address: string | null;
  event_start_date: string | null;
  event_end_date: string | null;
};
/** A stall as its form gives it; `price` is the DECIMAL(15,2) string. */
export type StallInput = { location_mngt_id: number; table_name: string; price: string };

export async function createLocation(db: DbOrTx, data: LocationInput): Promise<number> {
  const [result] = await db.insert(locations).values(data);
  return result.insertId;
}

export async function updateLocation(db: DbOrTx, { id, ...data }: LocationInput & { id: number }) {
  const [result] = await db.update(locations).set(data).where(eq(locations.id, id));
  if (result.affectedRows === 0) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
}

function stallNameTaken(name: string) {
  return new DomainError('CONFLICT', `This location already has a stall named ${name}.`, 'table_name');
}

export async function createStall(db: DbOrTx, data: StallInput): Promise<number> {
  try {
    const [result] = await db.insert(stalls).values(data);
    return result.insertId;
  } catch (error) {
    if (isDuplicateKeyError(error, 'location_mngt_table_details_location_table_unique'))
      throw stallNameTaken(data.table_name);
    if (isMissingReference(error))
      throw new DomainError('NOT_FOUND', 'That location no longer exists.', 'location_mngt_id');
    throw error;
  }
}

export async function updateStall(db: DbOrTx, { id, location_mngt_id, ...data }: StallInput & { id: number }) {
  try {
    const [result] = await db
      .update(stalls)
      .set(data)
      .where(and(eq(stalls.id, id), eq(stalls.location_mngt_id, location_mngt_id)));
    if (result.affectedRows === 0) throw new DomainError('NOT_FOUND', 'That stall no longer exists.');
  } catch (error) {
    if (isDuplicateKeyError(error, 'location_mngt_table_details_location_table_unique'))
      throw stallNameTaken(data.table_name);
    throw error;
  }
}

/**
 * Deletes a stall that nothing refers to. A stall with bookings (the FK
 * restricts too) or with recorded talks stays: deleting it would lose history.
 */
export async function deleteStall(db: DbOrTx, id: number) {
  await db.transaction(async (tx) => {
    const [stall] = await tx.select({ name: stalls.table_name }).from(stalls).where(eq(stalls.id, id)).for('update');
    if (!stall) throw new DomainError('NOT_FOUND', 'That stall no longer exists.');
    const [usage] = await tx
      .select({
        bookings: sql<number>`(select count(*) from ${bookings} where ${bookings.table_id} = ${id})`,
        talks: sql<number>`(select count(*) from ${conversations} where ${conversations.table_id} = ${id})`,
      })
      .from(sql`dual`);
    if (Number(usage?.bookings) > 0)
      throw new DomainError('STALL_HAS_BOOKINGS', `Stall ${stall.name} has bookings and cannot be deleted.`);
    if (Number(usage?.talks) > 0)
      throw new DomainError('STALL_HAS_BOOKINGS', `Stall ${stall.name} has recorded talks and cannot be deleted.`);
    await tx.delete(stalls).where(eq(stalls.id, id));
  });
}
