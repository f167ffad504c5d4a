import { and, eq, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { bookings, conversations, locations, stalls } from '@/db/schema';
import { audit } from '@/db/services/audit';
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

/** The columns an admin edits, as the audit images show them. */
const locationImage = {
  loc_name: locations.loc_name,
  address: locations.address,
  event_start_date: locations.event_start_date,
  event_end_date: locations.event_end_date,
};
const stallImage = { location_mngt_id: stalls.location_mngt_id, table_name: stalls.table_name, price: stalls.price };

export async function createLocation(db: DbOrTx, data: LocationInput): Promise<number> {
  return db.transaction(async (tx) => {
    const [result] = await tx.insert(locations).values(data);
    await audit(tx, { action: 'location.created', entity: 'location', entityId: result.insertId, after: data });
    return result.insertId;
  });
}

export async function updateLocation(db: DbOrTx, { id, ...data }: LocationInput & { id: number }) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select(locationImage).from(locations).where(eq(locations.id, id)).for('update');
    if (!before) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
    await tx.update(locations).set(data).where(eq(locations.id, id));
    await audit(tx, { action: 'location.updated', entity: 'location', entityId: id, before, after: data });
  });
}

function stallNameTaken(name: string) {
  return new DomainError('CONFLICT', `This location already has a stall named ${name}.`, 'table_name');
}

export async function createStall(db: DbOrTx, data: StallInput): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const [result] = await tx.insert(stalls).values(data);
      await audit(tx, { action: 'stall.created', entity: 'stall', entityId: result.insertId, after: data });
      return result.insertId;
    });
  } catch (error) {
    if (isDuplicateKeyError(error, 'location_mngt_table_details_location_table_unique'))
      throw stallNameTaken(data.table_name);
    if (isMissingReference(error))
      throw new DomainError('NOT_FOUND', 'That location no longer exists.', 'location_mngt_id');
    throw error;
  }
}

/** Renames or reprices a stall of the location; the audit row holds its price before and after. */
export async function updateStall(db: DbOrTx, { id, location_mngt_id, ...data }: StallInput & { id: number }) {
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx
        .select(stallImage)
        .from(stalls)
        .where(and(eq(stalls.id, id), eq(stalls.location_mngt_id, location_mngt_id)))
        .for('update');
      if (!before) throw new DomainError('NOT_FOUND', 'That stall no longer exists.');
      await tx.update(stalls).set(data).where(eq(stalls.id, id));
      await audit(tx, {
        action: 'stall.updated',
        entity: 'stall',
        entityId: id,
        before,
        after: { location_mngt_id, ...data },
      });
    });
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
    const [stall] = await tx.select(stallImage).from(stalls).where(eq(stalls.id, id)).for('update');
    if (!stall) throw new DomainError('NOT_FOUND', 'That stall no longer exists.');
    const [usage] = await tx
      .select({
        bookings: sql<number>`(select count(*) from ${bookings} where ${bookings.table_id} = ${id})`,
        talks: sql<number>`(select count(*) from ${conversations} where ${conversations.table_id} = ${id})`,
      })
      .from(sql`dual`);
    if (Number(usage?.bookings) > 0)
      throw new DomainError('STALL_HAS_BOOKINGS', `Stall ${stall.table_name} has bookings and cannot be deleted.`);
    if (Number(usage?.talks) > 0)
      throw new DomainError(
        'STALL_HAS_BOOKINGS',
        `Stall ${stall.table_name} has recorded talks and cannot be deleted.`,
      );
    await tx.delete(stalls).where(eq(stalls.id, id));
    await audit(tx, { action: 'stall.deleted', entity: 'stall', entityId: id, before: stall });
  });
}
