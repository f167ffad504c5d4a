import { date, decimal, foreignKey, index, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

import { autoId, bigIdRef, timestamps } from './columns';

/** Exhibition venues (`location_mngt`, the legacy name). */
export const locations = mysqlTable(
  'location_mngt',
  {
    id: autoId(),
    loc_name: varchar('loc_name', { length: 255 }).notNull(),
    address: text('address'),
    event_start_date: date('event_start_date', { mode: 'string' }),
    event_end_date: date('event_end_date', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('location_mngt_loc_name_index').on(t.loc_name)],
);

/** Stalls ("tables") of a location, each with a list price. */
export const stalls = mysqlTable(
  'location_mngt_table_details',
  {
    id: autoId(),
    location_mngt_id: bigIdRef('location_mngt_id').notNull(),
    table_name: varchar('table_name', { length: 64 }).notNull(),
    /** List price; the booth form proposes it, the booking stores the agreed price. */
    price: decimal('price', { precision: 15, scale: 2 }).notNull().default('0.00'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('location_mngt_table_details_location_table_unique').on(t.location_mngt_id, t.table_name),
    // A location with stalls cannot be deleted: stalls carry bookings (invariant 9).
    foreignKey({
      name: 'location_mngt_table_details_location_mngt_id_foreign',
      columns: [t.location_mngt_id],
      foreignColumns: [locations.id],
    }).onDelete('restrict'),
  ],
);

export type Location = typeof locations.$inferSelect;
export type Stall = typeof stalls.$inferSelect;
