/**
 * The migrated database against the design document (§1) and DESIGN.md:
 * tables, indexes by their Laravel names, column types, foreign keys and
 * their delete rules, and the constraints the database itself enforces.
 */
import { eq, sum } from 'drizzle-orm';
import type { RowDataPacket } from 'mysql2';
import { beforeAll, describe, expect, it } from 'vitest';

import { db, pool } from '@/db';
import { bookings, contacts, conversations, followUps, locations, stalls, type Outcome } from '@/db/schema';
import { countedChange, countInserted } from '@/db/services/counters';
import { isDuplicateKeyError, isForeignKeyRefusal } from '@/lib/errors';
import { ulid } from '@/lib/ulid';

import {
  errorOf,
  makeBooking,
  makeCampaign,
  makeConversation,
  makeExhibitor,
  makeFollowUp,
  makeLocation,
  makeUser,
  makeVisitor,
  makeWorld,
  uniquePhone,
} from './helpers/factories';

async function rows<T>(query: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await pool.query<RowDataPacket[]>(query, params);
  return result as T[];
}

/** Laravel's index name: `$table->index(['a', 'b'])` on `t` is `t_a_b_index`. */
const laravelIndex = (table: string, columns: string[]) => `${table}_${columns.join('_')}_index`;

type IndexInfo = { columns: string[]; unique: boolean };
let indexes: Map<string, IndexInfo>;

beforeAll(async () => {
  const stats = await rows<{
    TABLE_NAME: string;
    INDEX_NAME: string;
    COLUMN_NAME: string;
    NON_UNIQUE: number | string;
  }>(
    `select table_name as TABLE_NAME, index_name as INDEX_NAME, column_name as COLUMN_NAME, non_unique as NON_UNIQUE
       from information_schema.statistics
      where table_schema = database()
      order by table_name, index_name, seq_in_index`,
  );
  indexes = new Map();
  for (const s of stats) {
    const key = `${s.TABLE_NAME}.${s.INDEX_NAME}`;
    const info = indexes.get(key) ?? { columns: [], unique: Number(s.NON_UNIQUE) === 0 };
    info.columns.push(s.COLUMN_NAME);
    indexes.set(key, info);
  }
});

describe('tables', () => {
  it('every table of the document, plus idempotency_keys and login_attempts, exists after migration', async () => {
    const tables = await rows<{ TABLE_NAME: string; ENGINE: string }>(
      `select table_name as TABLE_NAME, engine as ENGINE from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'`,
    );
    const names = tables.map((t) => t.TABLE_NAME);
    for (const name of [
      'users',
      'contacts',
      'location_mngt',
      'location_mngt_table_details',
      'campaigns',
      'campaign_recipients',
      'follow_ups',
      'bookings',
      'conversations',
      'idempotency_keys',
      'login_attempts',
    ]) {
      expect(names, `table ${name}`).toContain(name);
    }
    // Foreign keys and transactions need InnoDB everywhere.
    for (const t of tables) expect(t.ENGINE, `engine of ${t.TABLE_NAME}`).toBe('InnoDB');
  });
});

describe('indexes of the document (§1), by their Laravel names', () => {
  const documentIndexes: Record<string, string[][]> = {
    conversations: [
      ['visitor_id'],
      ['visitor_phone'],
      ['employee_id'],
      ['conversation_date'],
      ['outcome'],
      ['follow_up_id'],
      ['booking_id'],
      ['exhibitor_id', 'conversation_date'],
      ['campaign_id', 'outcome'],
      ['location_id', 'table_id', 'conversation_date'],
    ],
    follow_ups: [
      ['visitor_id'],
      ['location_id'],
      ['table_id'],
      ['conversation_id'],
      ['exhibitor_id', 'status', 'created_at'],
    ],
    bookings: [['visitor_id'], ['location_id'], ['conversation_id'], ['campaign_id', 'amount_paid']],
    campaigns: [['total_revenue']],
  };

  for (const [table, list] of Object.entries(documentIndexes)) {
    for (const columns of list) {
      const name = laravelIndex(table, columns);
      it(`${name} on (${columns.join(', ')})`, () => {
        expect(indexes.get(`${table}.${name}`), `index ${name}`).toEqual({ columns, unique: false });
      });
    }
  }

  // The document's single-column indexes that a composite index starts with are dropped
  // (migrations 0002, 0004): the composite serves the foreign key and every lookup by the column.
  const dropped: Record<string, string[]> = {
    conversations: ['exhibitor_id', 'location_id', 'table_id', 'campaign_id'],
    follow_ups: ['exhibitor_id', 'campaign_id'],
    bookings: ['exhibitor_id', 'table_id', 'campaign_id'],
  };
  for (const [table, list] of Object.entries(dropped)) {
    for (const column of list) {
      it(`${table}.${column}: no single-column index, a composite one starts with it`, () => {
        expect(indexes.has(`${table}.${laravelIndex(table, [column])}`)).toBe(false);
        const starting = [...indexes].filter(
          ([key, info]) => key.startsWith(`${table}.`) && info.columns[0] === column && info.columns.length > 1,
        );
        expect(starting.length, `a composite index of ${table} starting with ${column}`).toBeGreaterThan(0);
      });
    }
  }

  it('spells the composite names out as the document implies', () => {
    expect(indexes.get('conversations.conversations_exhibitor_id_conversation_date_index')?.columns).toEqual([
      'exhibitor_id',
      'conversation_date',
    ]);
    expect(indexes.get('conversations.conversations_campaign_id_outcome_index')?.columns).toEqual([
      'campaign_id',
      'outcome',
    ]);
    expect(indexes.get('conversations.conversations_location_id_table_id_conversation_date_index')?.columns).toEqual([
      'location_id',
      'table_id',
      'conversation_date',
    ]);
    expect(indexes.get('follow_ups.follow_ups_exhibitor_id_status_created_at_index')?.columns).toEqual([
      'exhibitor_id',
      'status',
      'created_at',
    ]);
    expect(indexes.get('bookings.bookings_campaign_id_amount_paid_index')?.columns).toEqual([
      'campaign_id',
      'amount_paid',
    ]);
    expect(indexes.get('campaigns.campaigns_total_revenue_index')?.columns).toEqual(['total_revenue']);
  });

  it('has the unique indexes of invariants 5 and 11', () => {
    expect(indexes.get('bookings.bookings_stall_date_unique')).toEqual({
      columns: ['active_table_id', 'booking_date'],
      unique: true,
    });
    expect(indexes.get('follow_ups.follow_ups_open_lead_unique')).toEqual({
      columns: ['exhibitor_id', 'open_lead_phone'],
      unique: true,
    });
    expect(indexes.get('users.users_email_unique')).toEqual({ columns: ['email'], unique: true });
    expect(indexes.get('campaign_recipients.campaign_recipients_campaign_id_phone_unique')).toEqual({
      columns: ['campaign_id', 'phone'],
      unique: true,
    });
  });
});

describe('column types', () => {
  type Col = { TABLE_NAME: string; COLUMN_NAME: string; COLUMN_TYPE: string; EXTRA: string; IS_NULLABLE: string };
  let cols: Map<string, Col>;
  beforeAll(async () => {
    const list = await rows<Col>(
      `select table_name as TABLE_NAME, column_name as COLUMN_NAME, column_type as COLUMN_TYPE, extra as EXTRA, is_nullable as IS_NULLABLE
         from information_schema.columns where table_schema = database()`,
    );
    cols = new Map(list.map((c) => [`${c.TABLE_NAME}.${c.COLUMN_NAME}`, c]));
  });
  const type = (col: string) => cols.get(col)?.COLUMN_TYPE.toLowerCase();

  it('money is DECIMAL(15,2); the running totals are DECIMAL(20,2), wide enough for any number of maximum bookings', () => {
    for (const col of ['bookings.price', 'bookings.amount_paid', 'location_mngt_table_details.price']) {
      expect(type(col), col).toBe('decimal(15,2)');
    }
    for (const col of [
      'campaigns.total_revenue',
      'campaigns.total_booked_value',
      'campaign_stats.revenue',
      'campaign_stats.booked',
      'exhibitor_stats.collected',
      'exhibitor_stats.booked',
      'stall_stats.collected',
      'stall_stats.booked',
      'exhibitor_stall_stats.collected',
      'exhibitor_stall_stats.booked',
    ]) {
      expect(type(col), col).toBe('decimal(20,2)');
    }
  });

  it('ULID keys and references are CHAR(26)', () => {
    for (const col of [
      'users.id',
      'contacts.id',
      'campaigns.id',
      'bookings.id',
      'conversations.id',
      'conversations.exhibitor_id',
      'conversations.visitor_id',
      'conversations.campaign_id',
      'conversations.booking_id',
      'follow_ups.exhibitor_id',
      'follow_ups.visitor_id',
      'follow_ups.campaign_id',
      'follow_ups.conversation_id',
      'bookings.exhibitor_id',
      'bookings.visitor_id',
      'bookings.campaign_id',
      'bookings.conversation_id',
    ]) {
      expect(type(col), col).toBe('char(26)');
    }
  });

  it('auto-increment ids are BIGINT UNSIGNED AUTO_INCREMENT, and their references BIGINT UNSIGNED', () => {
    // MariaDB reports bigint(20) unsigned, MySQL 8 bigint unsigned.
    for (const col of [
      'follow_ups.id',
      'location_mngt.id',
      'location_mngt_table_details.id',
      'campaign_recipients.id',
    ]) {
      expect(type(col), col).toMatch(/^bigint(\(20\))? unsigned$/);
      expect(cols.get(col)?.EXTRA.toLowerCase(), col).toContain('auto_increment');
    }
    for (const col of [
      'conversations.follow_up_id',
      'conversations.location_id',
      'conversations.table_id',
      'bookings.location_id',
      'bookings.table_id',
      'follow_ups.location_id',
      'follow_ups.table_id',
    ]) {
      expect(type(col), col).toMatch(/^bigint(\(20\))? unsigned$/);
    }
  });

  it('outcomes are the enum of the document', () => {
    expect(type('conversations.outcome')).toBe("enum('busy','interested','materialised')");
    expect(type('follow_ups.status')).toBe("enum('busy','interested','materialised')");
    expect(cols.get('conversations.outcome')?.IS_NULLABLE).toBe('NO');
    expect(type('bookings.booking_date')).toBe('date');
    expect(type('conversations.conversation_date')).toBe('timestamp');
  });
});

describe('foreign keys', () => {
  type Fk = {
    CONSTRAINT_NAME: string;
    TABLE_NAME: string;
    COLUMN_NAME: string;
    REFERENCED_TABLE_NAME: string;
    REFERENCED_COLUMN_NAME: string;
    DELETE_RULE: string;
  };
  let fks: Fk[];
  beforeAll(async () => {
    fks = await rows<Fk>(
      `select rc.constraint_name as CONSTRAINT_NAME, rc.table_name as TABLE_NAME, k.column_name as COLUMN_NAME,
              rc.referenced_table_name as REFERENCED_TABLE_NAME, k.referenced_column_name as REFERENCED_COLUMN_NAME, rc.delete_rule as DELETE_RULE
         from information_schema.referential_constraints rc
         join information_schema.key_column_usage k
           on k.constraint_schema = rc.constraint_schema and k.constraint_name = rc.constraint_name and k.table_name = rc.table_name
        where rc.constraint_schema = database()`,
    );
  });

  // [table, column, referenced table, delete rule] — as declared in db/schema/*.ts.
  const expected: [string, string, string, string][] = [
    ['location_mngt_table_details', 'location_mngt_id', 'location_mngt', 'RESTRICT'],
    ['campaign_recipients', 'campaign_id', 'campaigns', 'CASCADE'],
    ['campaign_recipients', 'contact_id', 'contacts', 'SET NULL'],
    ['campaigns', 'created_by', 'users', 'SET NULL'],
    ['follow_ups', 'exhibitor_id', 'contacts', 'RESTRICT'],
    ['follow_ups', 'visitor_id', 'contacts', 'SET NULL'],
    ['follow_ups', 'location_id', 'location_mngt', 'SET NULL'],
    ['follow_ups', 'table_id', 'location_mngt_table_details', 'SET NULL'],
    ['follow_ups', 'campaign_id', 'campaigns', 'SET NULL'],
    ['follow_ups', 'conversation_id', 'conversations', 'SET NULL'],
    ['follow_ups', 'employee_id', 'users', 'RESTRICT'],
    ['bookings', 'exhibitor_id', 'contacts', 'RESTRICT'],
    ['bookings', 'visitor_id', 'contacts', 'RESTRICT'],
    ['bookings', 'location_id', 'location_mngt', 'RESTRICT'],
    ['bookings', 'table_id', 'location_mngt_table_details', 'RESTRICT'],
    ['bookings', 'campaign_id', 'campaigns', 'RESTRICT'],
    ['bookings', 'conversation_id', 'conversations', 'SET NULL'],
    ['bookings', 'employee_id', 'users', 'RESTRICT'],
    ['conversations', 'exhibitor_id', 'contacts', 'RESTRICT'],
    ['conversations', 'visitor_id', 'contacts', 'SET NULL'],
    ['conversations', 'employee_id', 'users', 'RESTRICT'],
    ['conversations', 'location_id', 'location_mngt', 'SET NULL'],
    ['conversations', 'table_id', 'location_mngt_table_details', 'SET NULL'],
    ['conversations', 'campaign_id', 'campaigns', 'SET NULL'],
    ['conversations', 'follow_up_id', 'follow_ups', 'SET NULL'],
    ['conversations', 'booking_id', 'bookings', 'SET NULL'],
  ];

  it('every foreign key of the schema exists, named <table>_<column>_foreign, with its delete rule — and no others', () => {
    const actual = fks
      .map((f) => ({
        name: f.CONSTRAINT_NAME,
        table: f.TABLE_NAME,
        column: f.COLUMN_NAME,
        references: `${f.REFERENCED_TABLE_NAME}.${f.REFERENCED_COLUMN_NAME}`,
        onDelete: f.DELETE_RULE,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const wanted = expected
      .map(([table, column, ref, onDelete]) => ({
        name: `${table}_${column}_foreign`,
        table,
        column,
        references: `${ref}.id`,
        onDelete,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(actual).toEqual(wanted);
  });

  it('nothing cascades into bookings, conversations or follow-ups (invariant 9)', () => {
    const cascading = fks.filter(
      (f) => ['bookings', 'conversations', 'follow_ups'].includes(f.TABLE_NAME) && f.DELETE_RULE === 'CASCADE',
    );
    expect(cascading).toEqual([]);
    // The only cascade in the whole schema: a campaign's recipient list goes with the campaign.
    expect(fks.filter((f) => f.DELETE_RULE === 'CASCADE').map((f) => f.CONSTRAINT_NAME)).toEqual([
      'campaign_recipients_campaign_id_foreign',
    ]);
  });
});

describe('the database refuses bad rows', () => {
  it('runs in strict mode', async () => {
    const [{ mode }] = (await rows<{ mode: string }>('select @@sql_mode as mode')) as [{ mode: string }];
    expect(mode.split(',')).toContain('STRICT_TRANS_TABLES');
  });

  it('refuses an outcome outside the enum', async () => {
    const w = await makeWorld();
    const id = ulid();
    const err = (await errorOf(
      db
        .insert(conversations)
        .values({ id, exhibitor_id: w.exhibitor.id, employee_id: w.employee.id, outcome: 'maybe' as Outcome }),
    )) as {
      cause?: { errno?: number };
    };
    expect(err.cause?.errno).toBe(1265); // WARN_DATA_TRUNCATED, an error in strict mode
    expect(await db.select().from(conversations).where(eq(conversations.id, id))).toEqual([]);
  });

  it('refuses a conversation with an unknown exhibitor', async () => {
    const employee = await makeUser();
    const id = ulid();
    const err = (await errorOf(
      db.insert(conversations).values({ id, exhibitor_id: ulid(), employee_id: employee.id, outcome: 'busy' }),
    )) as { cause?: { errno?: number } };
    expect(err.cause?.errno).toBe(1452); // ER_NO_REFERENCED_ROW_2
    expect(await db.select().from(conversations).where(eq(conversations.id, id))).toEqual([]);
  });

  it('refuses a booking by an unknown employee', async () => {
    const err = (await errorOf(makeBooking({ employeeId: ulid() }))) as { cause?: { errno?: number } };
    expect(err.cause?.errno).toBe(1452);
  });
});

describe('a stall is sold once per date (invariant 5)', () => {
  it('refuses a second active booking of the same stall and date; a cancelled one frees it', async () => {
    const w = await makeWorld();
    const stall = w.location.stallIds[0]!;
    const base = {
      location_id: w.location.locationId,
      table_id: stall,
      exhibitor_id: w.exhibitor.id,
      booking_date: '2027-01-12',
    };
    const first = await makeBooking({ employeeId: w.employee.id, over: base });

    const err = await errorOf(makeBooking({ employeeId: w.employee.id, over: base }));
    expect(isDuplicateKeyError(err, 'bookings_stall_date_unique')).toBe(true);

    // Another date, or another stall the same date, is fine.
    const nextDay = await makeBooking({ employeeId: w.employee.id, over: { ...base, booking_date: '2027-01-13' } });
    await makeBooking({ employeeId: w.employee.id, over: { ...base, table_id: w.location.stallIds[1]! } });

    // Cancelled by hand, so moved by hand: other files check every counter against its recount meanwhile.
    await db.transaction((tx) =>
      countedChange(tx, { bookings: [first] }, () =>
        tx.update(bookings).set({ cancelled_at: new Date() }).where(eq(bookings.id, first)),
      ),
    );
    const second = await makeBooking({ employeeId: w.employee.id, over: base });

    // Un-cancelling the first would sell the stall twice: refused too.
    const again = await errorOf(db.update(bookings).set({ cancelled_at: null }).where(eq(bookings.id, first)));
    expect(isDuplicateKeyError(again, 'bookings_stall_date_unique')).toBe(true);

    const onStall = await db
      .select({ id: bookings.id, active: bookings.active_table_id })
      .from(bookings)
      .where(eq(bookings.table_id, stall));
    expect(
      onStall
        .filter((b) => b.active === stall)
        .map((b) => b.id)
        .sort(),
    ).toEqual([second, nextDay].sort());
    expect(onStall.find((b) => b.id === first)?.active).toBeNull();
  });

  it('two tablets in the same instant: exactly one wins', async () => {
    const w = await makeWorld();
    const over = { location_id: w.location.locationId, table_id: w.location.stallIds[0]!, booking_date: '2027-02-01' };
    const results = await Promise.allSettled([
      makeBooking({ employeeId: w.employee.id, over }),
      makeBooking({ employeeId: w.employee.id, over }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(isDuplicateKeyError(rejected[0]!.reason, 'bookings_stall_date_unique')).toBe(true);
  });

  it('legacy bookings without a stall never collide', async () => {
    const w = await makeWorld();
    const over = { table_id: null, booking_location: 'Old hall', table_no: '7', booking_date: '2027-01-12' };
    await makeBooking({ employeeId: w.employee.id, over });
    await makeBooking({ employeeId: w.employee.id, over });
    const legacy = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.employee_id, w.employee.id));
    expect(legacy).toHaveLength(2);
  });
});

describe('one open lead per visitor and company (invariant 11)', () => {
  it('refuses a second open follow-up for the same exhibitor and phone until the first is materialised', async () => {
    const w = await makeWorld();
    const phone = uniquePhone();
    const first = await makeFollowUp({ employeeId: w.employee.id, exhibitorId: w.exhibitor.id, phone, status: 'busy' });

    const err = await errorOf(
      db
        .insert(followUps)
        .values({ phone, exhibitor_id: w.exhibitor.id, employee_id: w.employee.id, status: 'interested' }),
    );
    expect(isDuplicateKeyError(err, 'follow_ups_open_lead_unique')).toBe(true);

    // The same phone with another company is another lead.
    const other = await makeExhibitor();
    await makeFollowUp({ employeeId: w.employee.id, exhibitorId: other.id, phone, status: 'busy' });

    await db.update(followUps).set({ status: 'materialised' }).where(eq(followUps.id, first.followUpId));
    const next = await makeFollowUp({
      employeeId: w.employee.id,
      exhibitorId: w.exhibitor.id,
      phone,
      status: 'interested',
    });
    await db.update(followUps).set({ status: 'materialised' }).where(eq(followUps.id, next.followUpId));

    const leads = await db
      .select({ status: followUps.status, open: followUps.open_lead_phone })
      .from(followUps)
      .where(eq(followUps.exhibitor_id, w.exhibitor.id));
    expect(leads).toEqual([
      { status: 'materialised', open: null },
      { status: 'materialised', open: null },
    ]);
  });

  it('two tablets opening the same lead at once: exactly one wins', async () => {
    const w = await makeWorld();
    const phone = uniquePhone();
    // Each lead with its counters in one transaction, as the services write it (other files recount meanwhile).
    const insert = () =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(followUps)
          .values({ phone, exhibitor_id: w.exhibitor.id, employee_id: w.employee.id, status: 'interested' });
        await countInserted(tx, { followUps: [row.insertId] });
      });
    const results = await Promise.allSettled([insert(), insert()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(isDuplicateKeyError(rejected?.reason, 'follow_ups_open_lead_unique')).toBe(true);
  });

  it('follow-ups without a company (legacy) never collide', async () => {
    const employee = await makeUser();
    const phone = uniquePhone();
    await db.insert(followUps).values({ phone, employee_id: employee.id, status: 'busy' });
    await db.insert(followUps).values({ phone, employee_id: employee.id, status: 'busy' });
    expect(
      await db.select({ id: followUps.id }).from(followUps).where(eq(followUps.employee_id, employee.id)),
    ).toHaveLength(2);
  });
});

describe('nothing is lost by a delete (invariant 9)', () => {
  it('refuses to delete a company that has bookings; the booking stays', async () => {
    const w = await makeWorld();
    const booking = await makeBooking({
      employeeId: w.employee.id,
      over: {
        exhibitor_id: w.exhibitor.id,
        visitor_id: w.visitor.id,
        amount_paid: '10000.00',
        amount_status: 'partial',
      },
    });

    const err = await errorOf(db.delete(contacts).where(eq(contacts.id, w.exhibitor.id)));
    expect(isForeignKeyRefusal(err)).toBe(true);
    const visitorErr = await errorOf(db.delete(contacts).where(eq(contacts.id, w.visitor.id)));
    expect(isForeignKeyRefusal(visitorErr)).toBe(true);

    expect(
      await db.select({ id: bookings.id, paid: bookings.amount_paid }).from(bookings).where(eq(bookings.id, booking)),
    ).toEqual([{ id: booking, paid: '10000.00' }]);
    expect(await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, w.exhibitor.id))).toHaveLength(1);
  });

  it('refuses to delete a company that has a timeline', async () => {
    const w = await makeWorld();
    const lead = await makeFollowUp({ employeeId: w.employee.id, exhibitorId: w.exhibitor.id });
    const err = await errorOf(db.delete(contacts).where(eq(contacts.id, w.exhibitor.id)));
    expect(isForeignKeyRefusal(err)).toBe(true);
    expect(
      await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, lead.conversationId)),
    ).toHaveLength(1);
  });

  it('a visitor without bookings can go; talks keep the company and lose only the visitor link', async () => {
    const w = await makeWorld();
    const visitor = await makeVisitor();
    const talk = await makeConversation({
      employeeId: w.employee.id,
      exhibitorId: w.exhibitor.id,
      over: { visitor_id: visitor.id, visitor_phone: visitor.phone },
    });
    await db.delete(contacts).where(eq(contacts.id, visitor.id));
    expect(
      await db
        .select({ exhibitor: conversations.exhibitor_id, visitor: conversations.visitor_id })
        .from(conversations)
        .where(eq(conversations.id, talk)),
    ).toEqual([{ exhibitor: w.exhibitor.id, visitor: null }]);
  });

  it('refuses to delete a location with stalls, and a stall with bookings', async () => {
    const w = await makeWorld();
    const stall = w.location.stallIds[0]!;
    await makeBooking({
      employeeId: w.employee.id,
      over: { location_id: w.location.locationId, table_id: stall, booking_date: '2027-03-01' },
    });

    expect(
      isForeignKeyRefusal(await errorOf(db.delete(locations).where(eq(locations.id, w.location.locationId)))),
    ).toBe(true);
    expect(isForeignKeyRefusal(await errorOf(db.delete(stalls).where(eq(stalls.id, stall))))).toBe(true);

    // A location with stalls but no bookings is refused too (its stalls are restricted).
    const empty = await makeLocation({ stalls: 1 });
    expect(isForeignKeyRefusal(await errorOf(db.delete(locations).where(eq(locations.id, empty.locationId))))).toBe(
      true,
    );
    // …while a stall without bookings can go.
    await db.delete(stalls).where(eq(stalls.id, empty.stallIds[0]!));
    expect(await db.select().from(stalls).where(eq(stalls.id, empty.stallIds[0]!))).toEqual([]);
  });

  it('refuses to delete a campaign that has bookings (its revenue)', async () => {
    const w = await makeWorld();
    const campaign = await makeCampaign();
    await makeBooking({ employeeId: w.employee.id, over: { campaign_id: campaign.id } });
    expect(isForeignKeyRefusal(await errorOf(pool.query('delete from campaigns where id = ?', [campaign.id])))).toBe(
      true,
    );
  });
});

describe('money in the database is exact (invariant 3)', () => {
  it('DECIMAL comes back as a string, never a float', async () => {
    const w = await makeWorld();
    const id = await makeBooking({
      employeeId: w.employee.id,
      over: { price: '1250000.00', amount_paid: '1250000', amount_status: 'paid' },
    });
    const [row] = await db
      .select({ price: bookings.price, paid: bookings.amount_paid })
      .from(bookings)
      .where(eq(bookings.id, id));
    expect(row).toEqual({ price: '1250000.00', paid: '1250000.00' });
    const [raw] = await rows<{ price: unknown }>('select price from bookings where id = ?', [id]);
    expect(raw?.price).toBe('1250000.00');
  });

  it('SQL sums 0.10 + 0.20 to exactly 0.30 (a float sum would not)', async () => {
    const w = await makeWorld();
    const campaign = await makeCampaign();
    await makeBooking({
      employeeId: w.employee.id,
      over: { campaign_id: campaign.id, price: '1.00', amount_paid: '0.10', amount_status: 'partial' },
    });
    await makeBooking({
      employeeId: w.employee.id,
      over: { campaign_id: campaign.id, price: '1.00', amount_paid: '0.20', amount_status: 'partial' },
    });
    const [total] = await db
      .select({ revenue: sum(bookings.amount_paid) })
      .from(bookings)
      .where(eq(bookings.campaign_id, campaign.id));
    expect(total?.revenue).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('keeps the largest DECIMAL(15,2) amount to the paisa and refuses a larger one', async () => {
    const w = await makeWorld();
    const id = await makeBooking({
      employeeId: w.employee.id,
      over: { price: '9999999999999.99', amount_paid: '9999999999999.99', amount_status: 'paid' },
    });
    const [row] = await db.select({ price: bookings.price }).from(bookings).where(eq(bookings.id, id));
    expect(row?.price).toBe('9999999999999.99');
    const err = (await errorOf(makeBooking({ employeeId: w.employee.id, over: { price: '10000000000000.00' } }))) as {
      cause?: { errno?: number };
    };
    expect(err.cause?.errno).toBe(1264); // ER_WARN_DATA_OUT_OF_RANGE (strict mode)
  });
});
