/**
 * A small database of the old shape (db/legacy/old-shape.sql) with the messy
 * rows years of hand-run data leave behind. The expected outcome of every row
 * is worked out by hand in tests/legacy-migration.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';

import { createDatabase, dropDatabase } from '@/scripts/local-db';

export const OLD_SHAPE_SQL = path.resolve(import.meta.dirname, '..', '..', 'db', 'legacy', 'old-shape.sql');

export const U1 = '01HUSER0000000000000000001';
export const GONE = '01HGONE0000000000000000001';
export const C = {
  asha: '01HCONTACT0000000000000001',
  ravi: '01HCONTACT0000000000000002',
  raviAgain: '01HCONTACT0000000000000003',
  kohinoor: '01HCONTACT0000000000000004',
  jose: '01HCONTACT0000000000000005',
  noPhone: '01HCONTACT0000000000000006',
} as const;
export const K1 = '01HCAMPAIGN000000000000001';
export const B = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`b${i}`, `01HBOOKING000000000000000${i}`]),
) as Record<`b${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`, string>;

/**
 * Locations (ids in insert order): 1 "Pragati Maidan", 2 "  HITEX   Hyderabad ",
 * 3 "Bombay Exhibition Centre", 4 "bombay exhibition centre" (the same name twice).
 * Stalls: 1 T-12 @1, 2 T-13 @1, 3 B-7 @1, 4 A-7 @1, 5 T-12 @2, 6 "Table 5" @2, 7 T-1 @3.
 */
/** A fresh database at `url` with the old tables and no rows; the connection runs without strict mode, as the old app did. */
async function emptyOldShape(url: string) {
  await dropDatabase(url);
  await createDatabase(url);
  const u = new URL(url);
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    charset: 'utf8mb4',
  });
  try {
    for (const stmt of readFileSync(OLD_SHAPE_SQL, 'utf8').split('--> statement-breakpoint')) {
      if (stmt.replace(/--.*$/gm, '').trim()) await conn.query(stmt);
    }
    // The old app ran without strict mode: zero dates and all.
    await conn.query("SET SESSION sql_mode = ''");
    return conn;
  } catch (error) {
    await conn.end();
    throw error;
  }
}

export async function buildOldShapeDatabase(url: string): Promise<void> {
  const conn = await emptyOldShape(url);
  try {
    await conn.query(
      `INSERT INTO users (id, name, email, password, created_at, updated_at) VALUES (?, 'Old Admin', 'old-admin@paridharan.test', 'x', '2023-01-01', '2023-01-01')`,
      [U1],
    );
    await conn.query(
      `INSERT INTO location_mngt (loc_name, created_at) VALUES ('Pragati Maidan', '2023-01-01'), ('  HITEX   Hyderabad ', '2023-01-01'), ('Bombay Exhibition Centre', '2023-01-01'), ('bombay exhibition centre', '2023-01-01')`,
    );
    await conn.query(
      `INSERT INTO location_mngt_table_details (location_mngt_id, table_name, price) VALUES (1, 'T-12', 50000), (1, 'T-13', 50000), (1, 'B-7', 30000), (1, 'A-7', 30000), (2, 'T-12', 40000), (2, 'Table 5', 40000), (3, 'T-1', 20000)`,
    );
    await conn.query(
      `INSERT INTO contacts (id, type, name, phone, city, created_at) VALUES
        (?, 'visitor', 'Asha Rao', '98765 43210', 'Pune', '2023-02-01'),
        (?, 'visitor', 'Ravi Kumar', '+91-98765-43212', NULL, '2023-02-01'),
        (?, 'visitor', 'Ravi K.', '09876543212', NULL, '2023-02-01'),
        (?, 'exhibitor', 'Kohinoor Crafts', '9876543299', 'Jaipur', '2023-02-01'),
        (?, 'visitor', 'José Fernandes', '9876543213', 'Goa', '2023-02-01'),
        (?, 'visitor', 'No Phone', 'n/a', NULL, '2023-02-01')`,
      [C.asha, C.ravi, C.raviAgain, C.kohinoor, C.jose, C.noPhone],
    );
    await conn.query(
      `INSERT INTO follow_ups (id, phone, status, comment, employee_id, created_at, updated_at) VALUES
        (1, '98765 43210', 'interested', 'Wants a corner', ?, '2024-01-10 10:00:00', '2024-01-10 10:00:00'),
        (2, '+91 98765 43212', 'busy', NULL, ?, '2024-01-11 10:00:00', '2024-01-11 10:00:00'),
        (3, '12345', 'busy', NULL, ?, '2024-01-12 10:00:00', '2024-01-12 10:00:00'),
        (4, '9876543299', 'interested', 'Company called', ?, '2024-01-13 10:00:00', '2024-01-13 10:00:00'),
        (5, '9876543000', 'interested', NULL, ?, '2024-01-14 10:00:00', '2024-01-14 10:00:00')`,
      [U1, U1, U1, U1, GONE],
    );
    const booking = (
      id: string,
      phone: string | null,
      date: string,
      loc: string | null,
      table: string | null,
      price: string | null,
      status: string | null,
      paid: string | null,
      at = '2024-02-01 10:00:00',
    ) =>
      conn.query(
        `INSERT INTO bookings (id, phone, booking_date, booking_location, table_no, price, amount_status, amount_paid, employee_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, phone, date, loc, table, price, status, paid, U1, at, at],
      );
    await booking(B.b1, '9876543210', '2025-02-14', 'Pragati Maidan', 'T-12', '50,000', 'paid', '50,000');
    await booking(
      B.b2,
      '9876543299',
      '2025-02-14',
      'hitex hyderabad',
      '12',
      '₹ 1,25,000',
      'partial',
      '25000',
      '2024-02-02 10:00:00',
    );
    await booking(B.b3, '9876543210', '2025-02-14', 'Pragati Maidan', 'Table 12', '40000', 'paid', '45000');
    await booking(B.b4, '9876543213', '2025-02-15', 'Bombay Exhibition Centre', 'T-1', '1.5 lakh', 'unpaid', '0');
    await booking(B.b5, null, '2025-02-15', 'Pragati Maidan', '7', null, null, null);
    await booking(B.b6, '9876543214', '2025-02-15', 'Pragati Maidan', 'T-5', '', 'unpaid', '');
    await booking(B.b7, '9876543215', '0000-00-00', '', '', '30000', 'unpaid', '0');
    await booking(B.b8, '9876543216', '2025-02-16', 'Unknown Hall', 'T-12', 'Rs. 45000.50/-', 'paid', 'Rs. 45000.50/-');
    await conn.query(
      `INSERT INTO campaigns (id, name, status, sent_at, created_at) VALUES (?, 'Old newsletter', 'sent', '2024-01-01', '2024-01-01')`,
      [K1],
    );
    await conn.query(
      `INSERT INTO campaign_recipients (id, campaign_id, phone, status, sent_at) VALUES (1, ?, '98765 43210', 'sent', '2024-01-01'), (2, ?, '+919876543210', 'pending', NULL), (3, ?, '9876543212', 'sent', '2024-01-01')`,
      [K1, K1, K1],
    );
  } finally {
    await conn.end();
  }
}

/**
 * Stall names that look alike, each location with its own stalls.
 * Locations: 1 "Hall Both" (stalls 1 `T-5`, 2 `Stall 5`), 2 "Hall One" (stall 3
 * `T-5`), 3 "Hall Twins" (stalls 4 `T-5`, 5 `T5`). One booking per entry of
 * STALL_CASES, each on its own date so that no stall is sold twice.
 */
export const STALL_CASES = [
  ['Hall Both', 'T-5'],
  ['Hall Both', 't 5'],
  ['Hall Both', 't5'],
  ['Hall Both', ' T – 5 '],
  ['Hall Both', 'Stall 5'],
  ['Hall Both', 'stall-5'],
  ['Hall Both', 'Table 5'],
  ['Hall Both', '5'],
  ['Hall Both', 'Stall No. 5'],
  ['Hall One', 'Table 5'],
  ['Hall One', '5'],
  ['Hall One', 'Stall 5'],
  ['Hall One', 't 5'],
  ['Hall Twins', 'T-5'],
  ['Hall Twins', 't 5'],
  ['Hall Twins', 'Table 5'],
  ['Hall One', 'T-6'],
] as const;
/** The booking id of STALL_CASES[i]. */
export const stallCaseId = (i: number) => `01HSTALLCASE${String(i).padStart(14, '0')}`;

export async function buildStallNamesDatabase(url: string): Promise<void> {
  const conn = await emptyOldShape(url);
  try {
    await conn.query(
      `INSERT INTO users (id, name, email, password, created_at, updated_at) VALUES (?, 'Old Admin', 'old-admin@paridharan.test', 'x', '2023-01-01', '2023-01-01')`,
      [U1],
    );
    await conn.query(
      `INSERT INTO location_mngt (id, loc_name, created_at) VALUES (1, 'Hall Both', '2023-01-01'), (2, 'Hall One', '2023-01-01'), (3, 'Hall Twins', '2023-01-01')`,
    );
    await conn.query(
      `INSERT INTO location_mngt_table_details (id, location_mngt_id, table_name, price) VALUES (1, 1, 'T-5', 1000), (2, 1, 'Stall 5', 1000), (3, 2, 'T-5', 1000), (4, 3, 'T-5', 1000), (5, 3, 'T5', 1000)`,
    );
    for (const [i, [location, table]] of STALL_CASES.entries()) {
      const date = `2025-03-${String(i + 1).padStart(2, '0')}`;
      await conn.query(
        `INSERT INTO bookings (id, phone, booking_date, booking_location, table_no, price, amount_status, amount_paid, employee_id, created_at, updated_at) VALUES (?, NULL, ?, ?, ?, '1000', 'unpaid', '0', ?, '2024-02-01 10:00:00', '2024-02-01 10:00:00')`,
        [stallCaseId(i), date, location, table, U1],
      );
    }
  } finally {
    await conn.end();
  }
}
