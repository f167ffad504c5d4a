/**
 * `npm run legacy:bench` — the legacy migration at scale: copies the
 * large data set (`npm run db:seed -- --scale large`, BENCH_DATABASE_URL or
 * paridharan_large on the private server) into a database of the OLD shape
 * (db/legacy/old-shape.sql) beside it — phones typed three ways, locations and
 * stalls spelt as people spell them, money as text with commas — then times our
 * migrations on it and the backfill, and prints rows/s. Writes only to
 * `<source>_old`, which it drops and recreates.
 */
import './load-env';

import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';

import { createDb, createPool } from '../db';
import { runBackfill } from '../db/legacy/backfill';
import { migrateDatabase } from '../db/migrate';
import { createDatabase, dropDatabase } from './local-db';

const source = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3407/paridharan_large';
const src = new URL(source).pathname.slice(1);
const targetUrl = new URL(source);
targetUrl.pathname = `/${src}_old`;
const target = targetUrl.toString();
const dst = `${src}_old`;

await dropDatabase(target);
await createDatabase(target);
const u = new URL(target);
const conn = await mysql.createConnection({
  host: u.hostname,
  port: Number(u.port || 3306),
  user: decodeURIComponent(u.username),
  password: decodeURIComponent(u.password),
  database: dst,
  charset: 'utf8mb4',
});
const t0 = Date.now();
for (const stmt of readFileSync(path.resolve(import.meta.dirname, '..', 'db', 'legacy', 'old-shape.sql'), 'utf8').split(
  '--> statement-breakpoint',
)) {
  if (stmt.replace(/--.*$/gm, '').trim()) await conn.query(stmt);
}
await conn.query("SET SESSION sql_mode = ''");
// Three spellings of each phone: E.164, "98765 43210", "09876543210".
const messyPhone = (col: string, key: string) =>
  `case crc32(${key}) % 3 when 0 then ${col} when 1 then concat(substr(${col}, 4, 5), ' ', substr(${col}, 9)) else concat('0', substr(${col}, 4)) end`;
const copies: [string, string][] = [
  [
    'users',
    `insert into users (id, name, email, password, created_at, updated_at) select id, name, email, password, created_at, updated_at from \`${src}\`.users`,
  ],
  [
    'contacts',
    `insert into contacts (id, type, name, company_name, phone, email, city, created_at, updated_at)
     select id, type, name, company_name, ${messyPhone('phone', 'id')}, email, city, created_at, updated_at from \`${src}\`.contacts`,
  ],
  [
    'location_mngt',
    `insert into location_mngt (id, loc_name, address, created_at, updated_at) select id, loc_name, address, created_at, updated_at from \`${src}\`.location_mngt`,
  ],
  [
    'location_mngt_table_details',
    `insert into location_mngt_table_details (id, location_mngt_id, table_name, price, created_at, updated_at) select id, location_mngt_id, table_name, price, created_at, updated_at from \`${src}\`.location_mngt_table_details`,
  ],
  [
    'campaigns',
    `insert into campaigns (id, name, channel, message, status, sent_at, created_by, created_at, updated_at) select id, name, channel, message, status, sent_at, created_by, created_at, updated_at from \`${src}\`.campaigns`,
  ],
  [
    'campaign_recipients',
    `insert into campaign_recipients (id, campaign_id, contact_id, phone, name, status, sent_at, error, created_at, updated_at)
     select id, campaign_id, contact_id, phone, name, status, sent_at, error, created_at, updated_at from \`${src}\`.campaign_recipients`,
  ],
  [
    'follow_ups',
    `insert into follow_ups (id, phone, status, next_followup_date, next_followup_time, comment, employee_id, created_at, updated_at)
     select id, ${messyPhone('phone', 'id')}, status, next_followup_date, next_followup_time, comment, employee_id, created_at, updated_at from \`${src}\`.follow_ups`,
  ],
  [
    'bookings',
    // Location names in upper or lower case with stray spaces; stalls as "H2-11", "Table H2-11" or "h2 11"; money with Indian commas.
    `insert into bookings (id, phone, booking_date, booking_location, table_no, price, amount_status, amount_paid, employee_id, created_at, updated_at)
     select b.id, ${messyPhone('b.phone', 'b.id')}, b.booking_date,
            case crc32(b.id) % 4 when 0 then l.loc_name when 1 then upper(l.loc_name) when 2 then concat(' ', lower(l.loc_name), '  ') else replace(l.loc_name, ' ', '  ') end,
            case crc32(b.id) % 3 when 0 then s.table_name when 1 then concat('Table ', s.table_name) else lower(replace(s.table_name, '-', ' ')) end,
            format(b.price, 0, 'en_IN'), b.amount_status, format(b.amount_paid, 2, 'en_IN'), b.employee_id, b.created_at, b.updated_at
     from \`${src}\`.bookings b join \`${src}\`.location_mngt l on l.id = b.location_id join \`${src}\`.location_mngt_table_details s on s.id = b.table_id
     where b.cancelled_at is null`,
  ],
];
const counts: Record<string, number> = {};
for (const [table, statement] of copies) {
  const [result] = (await conn.query(statement)) as unknown as [{ affectedRows: number }];
  counts[table] = result.affectedRows;
}
await conn.end();
console.log(
  `legacy:bench — an old-shape copy of ${src} in ${dst} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${Object.entries(
    counts,
  )
    .map(([t, n]) => `${t} ${n.toLocaleString('en-IN')}`)
    .join(', ')}`,
);

const t1 = Date.now();
const { adopted } = await migrateDatabase(target);
console.log(
  `  our migrations on it: ${((Date.now() - t1) / 1000).toFixed(1)} s (${adopted?.length ?? 0} adoption steps)`,
);

const pool = createPool(target, 3);
const stepStart = new Map<string, number>();
const result = await runBackfill(createDb(pool), {
  batchSize: Number(process.env.LEGACY_BATCH ?? 2000),
  onProgress: ({ step, done, total }) => {
    if (!stepStart.has(step)) stepStart.set(step, Date.now());
    if (done === total) {
      const s = (Date.now() - stepStart.get(step)!) / 1000;
      console.log(
        `  ${step.padEnd(28)} ${total.toLocaleString('en-IN').padStart(10)} rows ${s.toFixed(1).padStart(7)} s ${
          total
            ? `${Math.round(total / Math.max(s, 0.001))
                .toLocaleString('en-IN')
                .padStart(9)} rows/s`
            : ''
        }`,
      );
    }
  },
});
console.log(
  `  backfill: looked at ${result.rowsSeen.toLocaleString('en-IN')} rows, changed ${result.changedRows.toLocaleString('en-IN')}, in ${(result.ms / 1000).toFixed(1)} s — ${Math.round(result.rowsSeen / (result.ms / 1000)).toLocaleString('en-IN')} rows/s`,
);
const summary = new Map<string, number>();
for (const c of result.counts) summary.set(c.outcome, (summary.get(c.outcome) ?? 0) + c.rows);
console.log(`  decisions: ${[...summary].map(([o, n]) => `${o} ${n.toLocaleString('en-IN')}`).join(', ')}`);
const t2 = Date.now();
const again = await runBackfill(createDb(pool), { batchSize: 2000 });
console.log(`  a second run: changed ${again.changedRows} rows in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
await pool.end();
process.exit(0);
