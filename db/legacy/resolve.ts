/**
 * An admin resolves a row the backfill could not: picks the contact,
 * the company, the location or the stall. The choice is written to the row and
 * recorded as `by_hand`, which no later backfill run overwrites. One transaction,
 * which also moves the counters by what the row now counts for.
 */
import { sql, type SQL } from 'drizzle-orm';

import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/rows';
import { bookings, contacts, followUps, legacyResolutions, locations, stalls } from '@/db/schema';
import { audit } from '@/db/services/audit';
import { countedChange } from '@/db/services/counters';
import { DomainError, isDuplicateKeyError } from '@/lib/errors';

export const HAND_FIELDS = ['visitor_id', 'exhibitor_id', 'location_id', 'table_id'] as const;

/** An admin's choice for one old row (app/(app)/admin/import/schema.ts); only a booking has a location and a stall. */
export type ResolveByHand = {
  entity: 'follow_up' | 'booking';
  row_id: string;
  field: (typeof HAND_FIELDS)[number];
  value: string;
};

async function one<T>(tx: Tx, query: SQL): Promise<T | undefined> {
  const [row] = await rowsOf<T>(tx, query);
  return row;
}

export async function resolveByHand(db: Db, userId: string, input: ResolveByHand): Promise<void> {
  const x = input.entity === 'booking' ? bookings : followUps;
  await db.transaction(async (tx) => {
    const row = await one<{ id: string; location_id: number | null; old_value: string | number | null }>(
      tx,
      sql`select ${x.id}, ${input.entity === 'booking' ? bookings.location_id : sql`null as location_id`}, ${x[input.field]} as old_value from ${x} where ${x.id} = ${input.row_id} for update`,
    );
    if (!row) throw new DomainError('NOT_FOUND', 'That row no longer exists.');
    let value: string | number = input.value;
    if (input.field === 'visitor_id' || input.field === 'exhibitor_id') {
      const contact = await one<{ type: string }>(
        tx,
        sql`select ${contacts.type} from ${contacts} where ${contacts.id} = ${input.value} and ${contacts.deleted_at} is null`,
      );
      if (!contact) throw new DomainError('NOT_FOUND', 'That contact does not exist.', 'value');
      if (input.field === 'exhibitor_id' && contact.type !== 'exhibitor')
        throw new DomainError('INVALID', 'Choose a company (an exhibitor).', 'value');
    } else if (input.field === 'location_id') {
      value = Number(input.value);
      if (!(await one(tx, sql`select ${locations.id} from ${locations} where ${locations.id} = ${value}`)))
        throw new DomainError('NOT_FOUND', 'That location does not exist.', 'value');
    } else {
      value = Number(input.value);
      const stall = await one<{ location_id: number }>(
        tx,
        sql`select ${stalls.location_mngt_id} as location_id from ${stalls} where ${stalls.id} = ${value}`,
      );
      if (!stall) throw new DomainError('NOT_FOUND', 'That stall does not exist.', 'value');
      if (row.location_id === null) throw new DomainError('INVALID', 'Resolve the booking’s location first.', 'value');
      if (Number(stall.location_id) !== Number(row.location_id))
        throw new DomainError('INVALID', 'That stall is in another location.', 'value');
    }
    // A new company or stall moves the counters by what the row counts for (the row is locked above).
    const counted = input.entity === 'booking' ? { bookings: [input.row_id] } : { followUps: [Number(input.row_id)] };
    try {
      await countedChange(tx, counted, () =>
        tx.execute(sql`update ${x} set ${x[input.field]} = ${value} where ${x.id} = ${input.row_id}`),
      );
    } catch (error) {
      if (isDuplicateKeyError(error, 'bookings_stall_date_unique'))
        throw new DomainError('STALL_TAKEN', 'That stall is already sold for this booking’s date.', 'value');
      if (isDuplicateKeyError(error, 'follow_ups_open_lead_unique'))
        throw new DomainError('CONFLICT', 'That company already has an open lead with this phone.', 'value');
      throw error;
    }
    await tx
      .insert(legacyResolutions)
      .values({
        entity: input.entity,
        row_id: input.row_id,
        field: input.field,
        outcome: 'by_hand',
        value: String(value),
        resolved_by: userId,
        reason: null,
      })
      .onDuplicateKeyUpdate({ set: { outcome: 'by_hand', value: String(value), resolved_by: userId, reason: null } });
    await audit(tx, {
      action: 'legacy.resolved',
      entity: input.entity,
      entityId: input.row_id,
      before: { [input.field]: row.old_value },
      after: { [input.field]: value },
      userId,
    });
  });
}
