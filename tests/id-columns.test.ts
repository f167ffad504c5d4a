/**
 * Identifier columns compared byte by byte (drizzle/0016_ascii_ids.sql): every
 * ULID key and reference, and employee_id, is ASCII with a binary collation;
 * a foreign key's two ends always agree (otherwise a join converts one side
 * and cannot use its index); and the migration brings a database that already
 * holds rows to exactly the DDL of a freshly migrated one, rows and rules kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, pool } from '@/db';
import { migrateDatabase, MIGRATIONS_FOLDER } from '@/db/migrate';
import { isForeignKeyRefusal, isMissingReference } from '@/lib/errors';
import { createDatabase, dropDatabase } from '@/scripts/local-db';

type Column = { TABLE_NAME: string; COLUMN_NAME: string; COLUMN_TYPE: string; CHARSET: string; COLLATION: string };
const columnsOf = async (p: typeof pool) =>
  (
    await p.query<RowDataPacket[]>(
      `select table_name as TABLE_NAME, column_name as COLUMN_NAME, column_type as COLUMN_TYPE,
              character_set_name as CHARSET, collation_name as COLLATION
         from information_schema.columns c
         join information_schema.tables t using (table_schema, table_name)
        where c.table_schema = database() and t.table_type = 'BASE TABLE'`,
    )
  )[0] as Column[];

describe('identifier columns', () => {
  it('every CHAR(26) column and every employee_id is ASCII with a binary collation', async () => {
    const columns = await columnsOf(pool);
    const ids = columns.filter((c) => c.COLUMN_TYPE === 'char(26)' || c.COLUMN_NAME === 'employee_id');
    // The tables the booth and the dashboards join on, at least.
    for (const name of ['users.id', 'contacts.id', 'conversations.exhibitor_id', 'bookings.employee_id'])
      expect(ids.map((c) => `${c.TABLE_NAME}.${c.COLUMN_NAME}`)).toContain(name);
    expect(ids.filter((c) => c.CHARSET !== 'ascii' || c.COLLATION !== 'ascii_bin')).toEqual([]);
  });

  it("a foreign key's two ends have the same character set and collation", async () => {
    const [pairs] = await pool.query<RowDataPacket[]>(
      `select k.constraint_name as name, child.collation_name as child, parent.collation_name as parent
         from information_schema.key_column_usage k
         join information_schema.columns child
           on child.table_schema = k.table_schema and child.table_name = k.table_name and child.column_name = k.column_name
         join information_schema.columns parent
           on parent.table_schema = k.referenced_table_schema and parent.table_name = k.referenced_table_name
          and parent.column_name = k.referenced_column_name
        where k.table_schema = database() and k.referenced_table_name is not null`,
    );
    expect(pairs.length).toBeGreaterThan(20);
    expect(pairs.filter((p) => p.child !== p.parent)).toEqual([]);
  });
});

describe('the migration on a database that holds rows', () => {
  const url = (() => {
    const u = new URL(inject('databaseUrl'));
    u.pathname = `${u.pathname}_ids`;
    return u.toString();
  })();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-before-ascii-ids-'));
  const own = createPool(url, 1);

  beforeAll(async () => {
    // The migrations as they were before 0016.
    fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === '0016_ascii_ids');
    expect(at).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, at);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    await createDatabase(url);
    await migrate(createDb(own), { migrationsFolder: folder });
  });
  afterAll(async () => {
    await own.end();
    await dropDatabase(url);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every row and link, enforces the same foreign keys, and leaves the DDL of a fresh database', async () => {
    const [before] = await own.query<RowDataPacket[]>(
      `select collation_name as c from information_schema.columns where table_schema = database() and table_name = 'users' and column_name = 'id'`,
    );
    expect(before[0]!.c).toBe('utf8mb4_unicode_ci');

    const U = '01JZ0000000000000000000001';
    const X = '01JZ0000000000000000000002';
    const V = '01JZ0000000000000000000003';
    const T = '01JZ0000000000000000000004';
    const B = '01JZ0000000000000000000005';
    await own.query(`insert into users (id, name, email, password) values (?, 'Asha', 'asha@ids.test', 'x')`, [U]);
    await own.query(
      `insert into contacts (id, type, name) values (?, 'exhibitor', 'Kaveri Silks'), (?, 'visitor', 'Ravi')`,
      [X, V],
    );
    await own.query(
      `insert into conversations (id, exhibitor_id, visitor_id, employee_id, outcome) values (?, ?, ?, ?, 'interested')`,
      [T, X, V, U],
    );
    await own.query(
      `insert into bookings (id, booking_date, employee_id, exhibitor_id, visitor_id, conversation_id) values (?, '2026-01-10', ?, ?, ?, ?)`,
      [B, U, X, V, T],
    );
    await own.query(`update conversations set booking_id = ? where id = ?`, [B, T]);

    await migrateDatabase(url);

    const [linked] = await own.query<RowDataPacket[]>(
      `select t.id as talk, b.id as booking, u.name as employee, x.name as company
         from conversations t join bookings b on b.id = t.booking_id and b.conversation_id = t.id
         join users u on u.id = t.employee_id join contacts x on x.id = t.exhibitor_id`,
    );
    expect(linked).toEqual([{ talk: T, booking: B, employee: 'Asha', company: 'Kaveri Silks' }]);

    // The foreign keys are back and enforced: an unknown company is refused, a used employee cannot be deleted.
    const orphan = await own
      .query(`insert into conversations (id, exhibitor_id, employee_id, outcome) values (?, ?, ?, 'interested')`, [
        '01JZ0000000000000000000009',
        '01JZ00000000000000000000ZZ',
        U,
      ])
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isMissingReference(orphan)).toBe(true);
    const deleted = await own.query(`delete from users where id = ?`, [U]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isForeignKeyRefusal(deleted)).toBe(true);

    // Table by table, the same DDL as the freshly migrated test database.
    const [tables] = await pool.query<RowDataPacket[]>(
      `select table_name as t from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' and table_name <> '__drizzle_migrations' order by 1`,
    );
    expect(tables.length).toBeGreaterThan(15);
    const ddl = async (p: typeof pool, table: string) => {
      const [[row]] = await p.query<RowDataPacket[]>(`show create table \`${table}\``);
      return String(row!['Create Table']).replace(/ AUTO_INCREMENT=\d+/, '');
    };
    for (const { t } of tables) expect(await ddl(own, t as string), t as string).toBe(await ddl(pool, t as string));
  });
});
