/**
 * Reading raw statements (`db.execute(sql`…`)`) the same way everywhere:
 * the rows, and the column values mysql2 hands back turned into our types.
 */
import { sql, type Column, type SQL } from 'drizzle-orm';

import type { DbOrTx } from './index';

/** Rows of a raw statement (db.execute returns [rows, fields] on mysql2). */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const [rows] = (await db.execute(query)) as unknown as [T[]];
  return rows;
}

/** Columns by their bare names, for the column list of a raw INSERT (the `sql` template qualifies a column with its table). */
export const columnNames = (...columns: Column[]): SQL =>
  sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );

/** mysql2 returns COUNT as a number and SUM of integers as a DECIMAL string; both become numbers here. */
export const toCount = (v: unknown): number => Number(v ?? 0);
/** A DECIMAL(…,2) from the database, or '0.00' when there was nothing to sum. */
export const toMoney = (v: unknown): string => (v === null || v === undefined ? '0.00' : String(v));
/** drizzle's mysql2 driver returns TIMESTAMP as 'YYYY-MM-DD HH:MM:SS' in the session zone, which is UTC (db/index.ts). */
export const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`);
