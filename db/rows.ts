/**
 * Reading raw statements (`db.execute(sql`…`)`) the same way everywhere:
 * the rows, and the column values mysql2 hands back turned into our types;
 * and sending several statements of a transaction in one round trip.
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

/**
 * Whether the server runs a compound statement (`BEGIN NOT ATOMIC … END`)
 * sent as one query: MariaDB does (10.1+); MySQL and TiDB know it only inside
 * stored programs. Asked once per process, on the first write that needs it.
 */
let compoundStatements: Promise<boolean> | null = null;
function runsCompoundStatements(tx: DbOrTx): Promise<boolean> {
  compoundStatements ??= rowsOf<{ v: string }>(tx, sql`select version() as v`).then(
    ([row]) => /mariadb/i.test(row?.v ?? ''),
    (error: unknown) => ((compoundStatements = null), Promise.reject(error)),
  );
  return compoundStatements;
}

/** Sends statements one by one (`false`, as on MySQL) or together (`true`) whatever the server; `null` asks it again. For tests of both paths. */
export function useCompoundStatements(on: boolean | null): void {
  compoundStatements = on === null ? null : Promise.resolve(on);
}

/**
 * The statements in one round trip: on MariaDB a compound statement (one
 * statement to the server, so the client keeps `multipleStatements` off and
 * a query can never carry a second one); elsewhere one after the other. In the
 * caller's transaction either way: an error in one undoes nothing by itself,
 * and the caller's rollback undoes them all.
 */
export async function executeTogether(tx: DbOrTx, statements: SQL[]): Promise<void> {
  if (statements.length > 1 && (await runsCompoundStatements(tx))) {
    await tx.execute(sql`begin not atomic ${sql.join(statements, sql`; `)}; end`);
    return;
  }
  for (const statement of statements) await tx.execute(statement);
}
