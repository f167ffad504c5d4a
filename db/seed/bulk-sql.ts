/**
 * The seeders' bulk load: the columns each seeded table is written with, the
 * multi-row INSERT built as one string, and the checks run after a load with
 * foreign-key checks off (every link resolves; the next free ids).
 */
import { sql } from 'drizzle-orm';
import { escape } from 'mysql2';

import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/rows';
import {
  bookings,
  campaignRecipients,
  campaigns,
  contacts,
  conversations,
  followUps,
  locations,
  stalls,
  users,
  type NewBooking,
  type NewContact,
  type NewConversation,
  type NewFollowUp,
  type NewUser,
} from '@/db/schema';

import type { WorldSpec } from './world/spec';

/** Insert shapes of the seeded tables, as the schema defines them (so a renamed column fails to compile). */
export type SeedRows = {
  users: NewUser;
  location_mngt: typeof locations.$inferInsert;
  location_mngt_table_details: typeof stalls.$inferInsert;
  contacts: NewContact;
  campaigns: typeof campaigns.$inferInsert;
  campaign_recipients: typeof campaignRecipients.$inferInsert;
  follow_ups: NewFollowUp;
  conversations: NewConversation;
  bookings: NewBooking;
};
export type SeedTable = keyof SeedRows;

/** Columns the generator fills, per table, in INSERT order. Unset values become NULL. */
export const SEED_COLUMNS: { [T in SeedTable]: (keyof SeedRows[T] & string)[] } = {
  users: ['id', 'name', 'email', 'password', 'role', 'active', 'created_at', 'updated_at'],
  location_mngt: ['id', 'loc_name', 'address', 'event_start_date', 'event_end_date', 'created_at', 'updated_at'],
  location_mngt_table_details: ['id', 'location_mngt_id', 'table_name', 'price', 'created_at', 'updated_at'],
  contacts: ['id', 'type', 'name', 'company_name', 'phone', 'email', 'city', 'created_at', 'updated_at'],
  campaigns: ['id', 'name', 'channel', 'message', 'status', 'sent_at', 'created_by', 'created_at', 'updated_at'],
  campaign_recipients: [
    'id',
    'campaign_id',
    'contact_id',
    'phone',
    'name',
    'status',
    'sent_at',
    'error',
    'created_at',
    'updated_at',
  ],
  follow_ups: [
    'id',
    'phone',
    'exhibitor_id',
    'visitor_id',
    'location_id',
    'table_id',
    'campaign_id',
    'conversation_id',
    'status',
    'next_followup_date',
    'next_followup_time',
    'comment',
    'employee_id',
    'created_at',
    'updated_at',
  ],
  conversations: [
    'id',
    'exhibitor_id',
    'visitor_id',
    'visitor_phone',
    'employee_id',
    'location_id',
    'table_id',
    'campaign_id',
    'outcome',
    'kind',
    'notes',
    'conversation_date',
    'follow_up_id',
    'booking_id',
    'created_at',
    'updated_at',
  ],
  bookings: [
    'id',
    'phone',
    'booking_date',
    'booking_location',
    'table_no',
    'price',
    'amount_status',
    'amount_paid',
    'employee_id',
    'exhibitor_id',
    'visitor_id',
    'location_id',
    'table_id',
    'campaign_id',
    'conversation_id',
    'cancelled_at',
    'created_at',
    'updated_at',
  ],
};

/** The schema's table of each seeded table. */
const SEED_TABLE_OF = {
  users,
  location_mngt: locations,
  location_mngt_table_details: stalls,
  contacts,
  campaigns,
  campaign_recipients: campaignRecipients,
  follow_ups: followUps,
  conversations,
  bookings,
} satisfies Record<SeedTable, unknown>;

/** Parents before children, for readers of the log; with FK checks off during the load the order does not matter. */
export const SEED_TABLES: SeedTable[] = [
  'users',
  'location_mngt',
  'location_mngt_table_details',
  'contacts',
  'campaigns',
  'campaign_recipients',
  'follow_ups',
  'conversations',
  'bookings',
];

const SAFE = /^[\w .,:+@&()/-]*$/;

/** One SQL literal. Dates are UTC (the sessions speak +00:00). */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return SAFE.test(v) ? `'${v}'` : escape(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return `'${v.toISOString().slice(0, 19).replace('T', ' ')}'`;
  throw new Error(`Cannot write ${typeof v} as SQL`);
}

/** `(v1, v2, …)` for one row, in SEED_COLUMNS order. */
export function sqlTuple<T extends SeedTable>(table: T, row: SeedRows[T]): string {
  const cols = SEED_COLUMNS[table];
  const parts = new Array<string>(cols.length);
  for (let i = 0; i < cols.length; i++) parts[i] = sqlLiteral(row[cols[i]!]);
  return `(${parts.join(',')})`;
}

/**
 * One INSERT of many rows, as a string: the large seed writes millions of rows,
 * and building each through drizzle's `sql` template (a parameter per value)
 * costs more than the load itself, so the table and column names are written
 * out here — typed by SeedRows, so a renamed column still fails to compile.
 */
export function insertStatement(table: SeedTable, tuples: string[]): string {
  return `INSERT INTO \`${table}\` (${SEED_COLUMNS[table].map((c) => `\`${c}\``).join(',')}) VALUES ${tuples.join(',')}`;
}

/** Runs one SQL statement and returns its rows (select) — both seeders adapt their connection to this. */
export type RunSql = (statement: string) => Promise<unknown[]>;

/**
 * Counts rows whose foreign key points nowhere, for every foreign key of the
 * schema (read from information_schema). The seeders load with
 * foreign_key_checks off, so this is their proof that the links hold. The
 * table and column names come from the catalog rather than the schema
 * objects, so every constraint the database has is checked, with no list to
 * keep in step.
 */
export async function findOrphans(run: RunSql, parallel: RunSql[] = [run]): Promise<{ fk: string; orphans: number }[]> {
  const fks = (await run(
    `SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS child, COLUMN_NAME AS col, REFERENCED_TABLE_NAME AS parent, REFERENCED_COLUMN_NAME AS ref
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME`,
  )) as { name: string; child: string; col: string; parent: string; ref: string }[];
  const results: { fk: string; orphans: number }[] = [];
  let next = 0;
  await Promise.all(
    parallel.map(async (exec) => {
      while (next < fks.length) {
        const fk = fks[next++]!;
        const [row] = (await exec(
          `SELECT COUNT(*) AS n FROM \`${fk.child}\` c LEFT JOIN \`${fk.parent}\` p ON p.\`${fk.ref}\` = c.\`${fk.col}\` WHERE c.\`${fk.col}\` IS NOT NULL AND p.\`${fk.ref}\` IS NULL`,
        )) as { n: number | string }[];
        results.push({ fk: fk.name, orphans: Number(row?.n ?? 0) });
      }
    }),
  );
  return results.filter((r) => r.orphans > 0);
}

/** The next free auto-increment ids (the generator writes explicit ids, so its links are known before insert). */
export async function nextIds(db: DbOrTx): Promise<NonNullable<WorldSpec['firstIds']>> {
  const next = (table: typeof locations | typeof stalls | typeof campaignRecipients | typeof followUps) =>
    sql`(select coalesce(max(${table.id}), 0) + 1 from ${table})`;
  const [row] = await rowsOf<Record<'location' | 'stall' | 'recipient' | 'followUp', number | string>>(
    db,
    sql`select ${next(locations)} as location, ${next(stalls)} as stall, ${next(campaignRecipients)} as recipient, ${next(followUps)} as followUp`,
  );
  if (!row) throw new Error('Could not read the next ids');
  return {
    location: Number(row.location),
    stall: Number(row.stall),
    recipient: Number(row.recipient),
    followUp: Number(row.followUp),
  };
}

/** The rows of every seeded table, in one statement. */
export async function countSeededRows(db: DbOrTx): Promise<Record<SeedTable, number>> {
  const [row] = await rowsOf<Record<SeedTable, number | string>>(
    db,
    sql`select ${sql.join(
      SEED_TABLES.map((t) => sql`(select count(*) from ${SEED_TABLE_OF[t]}) as ${sql.identifier(t)}`),
      sql`, `,
    )}`,
  );
  return Object.fromEntries(SEED_TABLES.map((t) => [t, Number(row?.[t] ?? 0)])) as Record<SeedTable, number>;
}

/** Refreshes the optimiser's statistics of the seeded tables after a bulk load. */
export async function analyzeSeededTables(db: DbOrTx): Promise<void> {
  await db.execute(
    sql`analyze table ${sql.join(
      SEED_TABLES.map((t) => SEED_TABLE_OF[t]),
      sql`, `,
    )}`,
  );
}
