/**
 * Adopting an existing Paridharan database of the old shape (design
 * document §6): a database with the old `follow_ups`, `bookings`, `contacts`…
 * tables and no migration history is brought to the state of our first
 * migration (drizzle/0000_init.sql) in place, then the later migrations run as
 * usual. Nothing is dropped or deleted:
 *
 * - every table is converted to utf8mb4 / utf8mb4_unicode_ci (our collation;
 *   foreign keys need both sides alike);
 * - missing tables are created, missing columns added (all nullable or with a
 *   default, as §6.3 asks), missing indexes created;
 * - a money column stored as text (bookings.price, amount_paid) becomes
 *   DECIMAL(15,2): the text is first copied to `<column>_text`, and only values
 *   that read unambiguously as an amount (`50000`, `50,000`, `₹ 1,25,000`,
 *   `Rs. 45000.50/-`) are converted; the others become NULL with the text kept
 *   beside them, and are reported (never 0);
 * - a column whose type differs otherwise is left as it is (reported);
 * - a unique index the data breaks (a stall name twice in one location…) is not
 *   added (reported); foreign keys are added without checking old rows (the
 *   ids of users who no longer exist stay), and the orphans are counted;
 * - finally the first migration is recorded as applied.
 *
 * Generic over 0000_init.sql, so the rules follow the schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';

type TableDef = {
  name: string;
  create: string;
  columns: { name: string; ddl: string }[];
  uniques: { name: string; ddl: string }[];
};
type Parsed = {
  tables: TableDef[];
  indexes: { table: string; name: string; stmt: string }[];
  foreignKeys: { table: string; name: string; stmt: string }[];
};

export type AdoptionNote = { table: string; what: string };

const COLLATION = 'utf8mb4_unicode_ci';
/** A text that reads as one amount of rupees: optional ₹/Rs/INR, digits with commas, up to two decimals, optional "/-". */
const AMOUNT_PATTERN =
  '^[[:space:]]*(₹|rs\\.?|inr)?[[:space:]]*[0-9][0-9,]*(\\.[0-9]{1,2})?[[:space:]]*(/-)?[[:space:]]*$';

function parseInit(sqlText: string): Parsed {
  const statements = sqlText
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed: Parsed = { tables: [], indexes: [], foreignKeys: [] };
  for (const stmt of statements) {
    let m = /^CREATE TABLE `([^`]+)` \(\n([\s\S]*)\n\);?$/.exec(stmt);
    if (m) {
      const table: TableDef = { name: m[1]!, create: stmt, columns: [], uniques: [] };
      for (const raw of m[2]!.split('\n')) {
        const line = raw.trim().replace(/,$/, '');
        const col = /^`([^`]+)` /.exec(line);
        const unique = /^CONSTRAINT `([^`]+)` UNIQUE\(/.exec(line);
        if (col) table.columns.push({ name: col[1]!, ddl: line });
        else if (unique) table.uniques.push({ name: unique[1]!, ddl: line });
      }
      parsed.tables.push(table);
      continue;
    }
    m = /^CREATE (?:UNIQUE )?INDEX `([^`]+)` ON `([^`]+)`/.exec(stmt);
    if (m) {
      parsed.indexes.push({ name: m[1]!, table: m[2]!, stmt: stmt.replace(/;$/, '') });
      continue;
    }
    m = /^ALTER TABLE `([^`]+)` ADD CONSTRAINT `([^`]+)` FOREIGN KEY/.exec(stmt);
    if (m) parsed.foreignKeys.push({ table: m[1]!, name: m[2]!, stmt: stmt.replace(/;$/, '') });
  }
  return parsed;
}

async function rows<T>(conn: PoolConnection, query: string, params: unknown[] = []): Promise<T[]> {
  const [r] = await conn.query<RowDataPacket[]>(query, params);
  return r as T[];
}

/** An old-shape database: our tables are there, but no migration was ever recorded. */
export async function isLegacyDatabase(pool: Pool): Promise<boolean> {
  const [r] = await pool.query<RowDataPacket[]>(
    `select
       (select count(*) from information_schema.tables where table_schema = database() and table_name = 'follow_ups') as legacy,
       (select count(*) from information_schema.tables where table_schema = database() and table_name = '__drizzle_migrations') as tracked`,
  );
  if (!Number(r[0]!.legacy)) return false;
  if (!Number(r[0]!.tracked)) return true;
  const [n] = await pool.query<RowDataPacket[]>('select count(*) as n from `__drizzle_migrations`');
  return Number(n[0]!.n) === 0;
}

/** Brings an old-shape database to the first migration's state, in place; returns what it did and what it left. */
export async function adoptLegacyDatabase(
  pool: Pool,
  migrationsFolder: string,
  log: (line: string) => void = () => undefined,
): Promise<AdoptionNote[]> {
  const [first] = readMigrationFiles({ migrationsFolder });
  if (!first) throw new Error('No migrations found.');
  const initFile = readFileSync(path.join(migrationsFolder, '0000_init.sql'), 'utf8');
  const init = parseInit(initFile);
  const notes: AdoptionNote[] = [];
  const note = (table: string, what: string) => {
    notes.push({ table, what });
    log(`  ${table}: ${what}`);
  };

  const conn = await pool.getConnection();
  try {
    // Old rows may hold what today's strict mode refuses (zero dates…): the DDL below copies them as they are.
    await conn.query("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION', foreign_key_checks = 0");
    const existing = new Map(
      (
        await rows<{ name: string; collation: string }>(
          conn,
          'select table_name as name, table_collation as collation from information_schema.tables where table_schema = database()',
        )
      ).map((t) => [t.name, t.collation]),
    );
    const columnsOf = async (table: string) =>
      new Map(
        (
          await rows<{ name: string; type: string; data_type: string }>(
            conn,
            'select column_name as name, column_type as type, data_type from information_schema.columns where table_schema = database() and table_name = ?',
            [table],
          )
        ).map((c) => [c.name, c]),
      );
    const indexNames = async (table: string) =>
      new Set(
        (
          await rows<{ name: string }>(
            conn,
            'select distinct index_name as name from information_schema.statistics where table_schema = database() and table_name = ?',
            [table],
          )
        ).map((r) => r.name),
      );

    for (const table of init.tables) {
      if (!existing.has(table.name)) {
        await conn.query(table.create);
        note(table.name, 'created');
        continue;
      }
      const collation = existing.get(table.name);
      if (collation !== COLLATION) {
        try {
          await conn.query(`ALTER TABLE \`${table.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE ${COLLATION}`);
          note(table.name, `converted from ${collation} to ${COLLATION}`);
        } catch (error) {
          // Kept as it is; a foreign key to or from it may then fail below, and is reported there.
          note(table.name, `could not convert from ${collation} to ${COLLATION}: ${(error as Error).message}`);
        }
      }
      let columns = await columnsOf(table.name);
      for (const col of table.columns) {
        const have = columns.get(col.name);
        if (!have) {
          await conn.query(`ALTER TABLE \`${table.name}\` ADD COLUMN ${col.ddl}`);
          note(table.name, `added column ${col.name}`);
          continue;
        }
        const wantsMoney = /^`[^`]+` decimal\(15,2\)/.test(col.ddl);
        if (wantsMoney && ['char', 'varchar', 'text', 'tinytext', 'mediumtext', 'longtext'].includes(have.data_type)) {
          await convertMoney(conn, table.name, col.name, col.ddl, note);
        } else if (!sameType(have.type, col.ddl)) {
          note(
            table.name,
            `kept column ${col.name} as ${have.type} (ours: ${col.ddl.replace(/^`[^`]+` /, '').split(' NOT NULL')[0]})`,
          );
        }
      }
      columns = await columnsOf(table.name);
      const names = await indexNames(table.name);
      for (const unique of table.uniques) {
        if (names.has(unique.name)) continue;
        try {
          await conn.query(`ALTER TABLE \`${table.name}\` ADD ${unique.ddl}`);
          note(table.name, `added unique index ${unique.name}`);
        } catch (error) {
          note(
            table.name,
            `could not add unique index ${unique.name}: the old rows break it (${(error as Error).message}); the rows are kept, the rule is not enforced until they are cleaned up`,
          );
        }
      }
    }
    for (const index of init.indexes) {
      if ((await indexNames(index.table)).has(index.name)) continue;
      try {
        await conn.query(index.stmt);
      } catch (error) {
        note(index.table, `could not create index ${index.name}: ${(error as Error).message}`);
      }
    }
    const fks = new Set(
      (
        await rows<{ name: string }>(
          conn,
          "select constraint_name as name from information_schema.table_constraints where table_schema = database() and constraint_type = 'FOREIGN KEY'",
        )
      ).map((r) => r.name),
    );
    for (const fk of init.foreignKeys) {
      if (fks.has(fk.name)) continue;
      try {
        await conn.query(fk.stmt);
        const orphans = await countOrphans(conn, fk.stmt);
        if (orphans)
          note(
            fk.table,
            `foreign key ${fk.name} added; ${orphans} old row(s) point at rows that no longer exist (kept, reported by the backfill)`,
          );
      } catch (error) {
        note(fk.table, `could not add foreign key ${fk.name}: ${(error as Error).message}`);
      }
    }
    await conn.query(
      'CREATE TABLE IF NOT EXISTS `__drizzle_migrations` (id serial primary key, hash text not null, created_at bigint)',
    );
    await conn.query('INSERT INTO `__drizzle_migrations` (`hash`, `created_at`) VALUES (?, ?)', [
      first.hash,
      first.folderMillis,
    ]);
    log('  the first migration is recorded as applied; the later ones follow.');
    return notes;
  } finally {
    await conn.query('SET SESSION foreign_key_checks = 1').catch(() => undefined);
    conn.destroy(); // its session settings never go back to the pool
  }
}

/** Whether the column's type (information_schema, e.g. `bigint(20) unsigned`) is the one 0000_init.sql declares. */
function sameType(have: string, ddl: string): boolean {
  // CONVERT TO utf8mb4 widens text to mediumtext so every old character still fits: the same to us.
  const a = have
    .toLowerCase()
    .replace(/(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1')
    .replace(/^mediumtext$/, 'text');
  const b = ddl
    .replace(/^`[^`]+` /, '')
    .toLowerCase()
    .replace(/^boolean/, 'tinyint')
    .replace(/^serial/, 'bigint unsigned');
  return b.startsWith(a);
}

/** `price` as text → DECIMAL(15,2), keeping every original text in `<column>_text`. */
async function convertMoney(
  conn: PoolConnection,
  table: string,
  column: string,
  ddl: string,
  note: (t: string, w: string) => void,
) {
  const side = `${column}_text`;
  const cols = await rows<{ n: number }>(
    conn,
    'select count(*) as n from information_schema.columns where table_schema = database() and table_name = ? and column_name = ?',
    [table, side],
  );
  if (!Number(cols[0]!.n)) await conn.query(`ALTER TABLE \`${table}\` ADD COLUMN \`${side}\` varchar(255) NULL`);
  await conn.query(
    `UPDATE \`${table}\` SET \`${side}\` = \`${column}\` WHERE \`${side}\` IS NULL AND \`${column}\` IS NOT NULL`,
  );
  await conn.query(
    `UPDATE \`${table}\` SET \`${column}\` = CASE WHEN LOWER(\`${side}\`) REGEXP ? THEN REGEXP_REPLACE(\`${side}\`, '[^0-9.]', '') ELSE NULL END WHERE \`${side}\` IS NOT NULL`,
    [AMOUNT_PATTERN],
  );
  // Strip the leading "." a "Rs." leaves behind.
  await conn.query(
    `UPDATE \`${table}\` SET \`${column}\` = TRIM(LEADING '.' FROM \`${column}\`) WHERE \`${column}\` LIKE '.%'`,
  );
  await conn.query(`ALTER TABLE \`${table}\` MODIFY COLUMN ${ddl}`);
  const [bad] = await rows<{ n: number }>(
    conn,
    `select count(*) as n from \`${table}\` where \`${side}\` is not null and \`${column}\` is null`,
  );
  note(
    table,
    `${column} converted to DECIMAL(15,2); the original text is kept in ${side}${Number(bad!.n) ? `; ${bad!.n} value(s) could not be read as an amount and are NULL beside their text (reported)` : ''}`,
  );
}

/** Rows of the child table whose non-NULL reference finds no parent (the foreign key was added without checking). */
async function countOrphans(conn: PoolConnection, fkStmt: string): Promise<number> {
  const m =
    /^ALTER TABLE `([^`]+)` ADD CONSTRAINT `[^`]+` FOREIGN KEY \(`([^`]+)`\) REFERENCES `([^`]+)`\(`([^`]+)`\)/.exec(
      fkStmt,
    );
  if (!m) return 0;
  const [, child, col, parent, parentCol] = m;
  const [r] = await rows<{ n: number }>(
    conn,
    `select count(*) as n from \`${child}\` c where c.\`${col}\` is not null and not exists (select 1 from \`${parent}\` p where p.\`${parentCol}\` = c.\`${col}\`)`,
  );
  return Number(r!.n);
}
