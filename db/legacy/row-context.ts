/**
 * The old rows the legacy backfill reported, for the admin who
 * resolves them by hand: the list to page through, and for one row what it
 * said, what it links to now, the contacts its phone could mean, and the
 * stalls of its location.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';

import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import {
  bookings,
  contacts,
  followUps,
  legacyResolutions,
  locations,
  stalls,
  type ContactType,
  type LegacyField,
  type LegacyOutcome,
} from '@/db/schema';

export type HandEntity = 'follow_up' | 'booking';

export type LegacyRowContext = {
  entity: HandEntity;
  row_id: string;
  phone: string | null;
  /** Bookings only: the old free-text location and stall. */
  booking_location: string | null;
  table_no: string | null;
  booking_date: string | null;
  /** When the row was typed in ("YYYY-MM-DD hh:mm:ss"), if the old row says. */
  created_at: string | null;
  location_id: number | null;
  location_name: string | null;
  table_id: number | null;
  stall_name: string | null;
  visitor_id: string | null;
  visitor_name: string | null;
  exhibitor_id: string | null;
  exhibitor_name: string | null;
  /** The contacts (not deleted) with the row's phone: whom the visitor can be. */
  candidates: { id: string; name: string; type: ContactType; city: string | null }[];
  /** What the backfill (or an admin) decided for each field of the row. */
  resolutions: {
    field: LegacyField;
    outcome: LegacyOutcome;
    reason: string | null;
    original: string | null;
    value: string | null;
  }[];
};

type RawRow = Omit<LegacyRowContext, 'entity' | 'candidates' | 'resolutions' | 'location_id' | 'table_id'> & {
  location_id: unknown;
  table_id: unknown;
};

const visitor = alias(contacts, 'v');
const exhibitor = alias(contacts, 'e');
const idOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The old row with its current links, or null when it does not exist. Dates are read as text: old rows may hold zero dates. */
export async function getLegacyRowContext(
  db: DbOrTx,
  entity: HandEntity,
  rowId: string,
): Promise<LegacyRowContext | null> {
  const x = entity === 'booking' ? bookings : followUps;
  const own =
    entity === 'booking'
      ? sql`${bookings.booking_location}, ${bookings.table_no}, cast(${bookings.booking_date} as char) as booking_date`
      : sql`null as booking_location, null as table_no, null as booking_date`;
  // An alias renders as its name alone, so each join names the table and then the alias.
  const [row] = await rowsOf<RawRow>(
    db,
    sql`select cast(${x.id} as char) as row_id, ${x.phone}, ${own}, cast(nullif(${x.created_at}, 0) as char) as created_at,
               ${x.location_id}, ${locations.loc_name} as location_name, ${x.table_id}, ${stalls.table_name} as stall_name,
               ${x.visitor_id}, ${visitor.name} as visitor_name, ${x.exhibitor_id}, ${exhibitor.name} as exhibitor_name
        from ${x}
        left join ${locations} on ${locations.id} = ${x.location_id}
        left join ${stalls} on ${stalls.id} = ${x.table_id}
        left join ${contacts} ${visitor} on ${visitor.id} = ${x.visitor_id}
        left join ${contacts} ${exhibitor} on ${exhibitor.id} = ${x.exhibitor_id}
        where ${x.id} = ${rowId}`,
  );
  if (!row) return null;

  const phone = row.phone?.trim() || null;
  const [candidates, resolutions] = await Promise.all([
    phone
      ? db
          .select({ id: contacts.id, name: contacts.name, type: contacts.type, city: contacts.city })
          .from(contacts)
          .where(and(eq(contacts.phone, phone), isNull(contacts.deleted_at)))
          // Visitors first: the field being chosen is the visitor.
          .orderBy(desc(contacts.type), asc(contacts.name), asc(contacts.id))
          .limit(100)
      : Promise.resolve([]),
    db
      .select({
        field: legacyResolutions.field,
        outcome: legacyResolutions.outcome,
        reason: legacyResolutions.reason,
        original: legacyResolutions.original,
        value: legacyResolutions.value,
      })
      .from(legacyResolutions)
      .where(and(eq(legacyResolutions.entity, entity), eq(legacyResolutions.row_id, rowId)))
      .orderBy(asc(legacyResolutions.field)),
  ]);

  return {
    ...row,
    entity,
    phone,
    location_id: idOrNull(row.location_id),
    table_id: idOrNull(row.table_id),
    candidates,
    resolutions,
  };
}

/**
 * The stalls of a location, by name. With `soldOn`, each says whether another
 * active booking already holds it on that date (the stall would be refused).
 */
export async function listStallsOfLocation(
  db: DbOrTx,
  locationId: number,
  soldOn?: { date: string; exceptBooking: string },
): Promise<{ id: number; name: string; sold: boolean }[]> {
  const sold = soldOn
    ? sql`exists (select 1 from ${bookings} where ${bookings.active_table_id} = ${stalls.id} and ${bookings.booking_date} = ${soldOn.date} and ${bookings.id} <> ${soldOn.exceptBooking})`
    : sql`0`;
  const rows = await rowsOf<{ id: unknown; name: string; sold: unknown }>(
    db,
    sql`select ${stalls.id}, ${stalls.table_name} as name, ${sold} as sold
        from ${stalls}
        where ${stalls.location_mngt_id} = ${locationId}
        order by length(${stalls.table_name}), ${stalls.table_name}, ${stalls.id}`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, sold: Number(r.sold) === 1 }));
}
