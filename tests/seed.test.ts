import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, createPool, type Db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { findAttributedCampaign } from '@/db/queries/attribution';
import { DEMO_LOGINS, DEMO_PASSWORD, isEmpty, isPartialDemo, seedDemo, seedDemoIfEmpty } from '@/db/seed/demo';
import { LARGE_SIZES, largeSpec, seedLarge } from '@/db/seed/large';
import { SEED_TABLES, splitTotal } from '@/db/seed/shared';
import { reconcileCampaignCounters } from '@/db/services/campaign-counters';
import { fromPaise, toPaise } from '@/lib/money';
import { verifyPassword } from '@/lib/password';
import { normalisePhone } from '@/lib/phone';
import { createDatabase, dropDatabase } from '@/scripts/local-db';

/**
 * The demo seeder runs in databases of its own (derived from this run's test
 * database), so its rows never meet the rows other test files create. Two
 * databases seeded alike prove it deterministic.
 */
const NOW = new Date('2025-11-04T00:00:00Z');
const derivedUrl = (suffix: string) => {
  const u = new URL(inject('databaseUrl'));
  u.pathname = `${u.pathname}_${suffix}`;
  return u.toString();
};
const urls = { a: derivedUrl('seed_a'), b: derivedUrl('seed_b') };
const pools: ReturnType<typeof createPool>[] = [];
let a: Db;
let b: Db;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const [result] = (await db.execute(query)) as unknown as [T[], unknown];
  return result;
}
async function scalar(db: Db, query: SQL): Promise<number> {
  const [row] = await rows<{ n: number | string | null }>(db, query);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  const seeded: Db[] = [];
  for (const url of [urls.a, urls.b]) {
    await dropDatabase(url);
    await createDatabase(url);
    await migrateDatabase(url);
    const pool = createPool(url, 2);
    pools.push(pool);
    const db = createDb(pool);
    await seedDemo(db, { now: NOW });
    seeded.push(db);
  }
  [a, b] = seeded as [Db, Db];
  // Two demo seeds: on a 2-core machine shared with other suites they take minutes.
}, 300_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await Promise.all(Object.values(urls).map((u) => dropDatabase(u)));
});

describe('seedDemo', () => {
  it('writes a believable small organiser', async () => {
    const count = (table: string, where = sql`1 = 1`) =>
      scalar(a, sql`select count(*) as n from ${sql.raw(table)} where ${where}`);
    expect(await count('users')).toBe(6);
    expect(await count('contacts', sql`type = 'exhibitor'`)).toBe(40);
    expect(await count('contacts', sql`type = 'visitor'`)).toBe(1506);
    // Six entered twice by an old list (three by phone, three by email), waiting on the duplicates page.
    expect(
      await scalar(
        a,
        sql`select count(*) as n from (select phone from contacts where type = 'visitor' and deleted_at is null group by phone having count(*) > 1) d`,
      ),
    ).toBe(3);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from (select email from contacts where type = 'visitor' and deleted_at is null and email is not null group by email having count(*) > 1) d`,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(await count('location_mngt')).toBe(2);
    expect(await count('location_mngt_table_details')).toBe(60);
    expect(await count('campaigns', sql`status = 'sent' and sent_at < ${NOW}`)).toBe(4);
    const recipients = await count('campaign_recipients');
    expect(recipients).toBeGreaterThan(1000);
    expect(recipients).toBeLessThan(2000);
    expect(await count('campaign_recipients', sql`status <> 'sent'`)).toBeGreaterThan(0);
    const leads = await count('follow_ups');
    expect(leads).toBeGreaterThanOrEqual(200);
    expect(leads).toBeLessThanOrEqual(600);
    expect(await count('follow_ups', sql`campaign_id is not null`)).toBeGreaterThan(leads / 4);
    expect(await count('conversations', sql`kind = 'talk'`)).toBeGreaterThan(leads);
    expect(await count('conversations', sql`kind = 'payment'`)).toBeGreaterThan(0);
    const bookings = await count('bookings');
    expect(bookings).toBe(await count('follow_ups', sql`status = 'materialised'`));
    expect(bookings).toBeGreaterThan(30);
    for (const status of ['busy', 'interested', 'materialised'])
      expect(await count('follow_ups', sql`status = ${status}`)).toBeGreaterThan(0);
    for (const status of ['paid', 'partial', 'unpaid'])
      expect(await count('bookings', sql`amount_status = ${status}`)).toBeGreaterThan(0);
  });

  it('creates the demo logins, one password for all', async () => {
    const users = await rows<{ email: string; role: string; password: string }>(
      a,
      sql`select email, role, password from users`,
    );
    for (const login of DEMO_LOGINS) expect(users.find((u) => u.email === login.email)?.role).toBe(login.role);
    expect(new Set(users.map((u) => u.password)).size).toBe(1);
    expect(await verifyPassword(users[0]!.password, DEMO_PASSWORD)).toBe(true);
  });

  it('refuses a database that already has users', async () => {
    expect(await isEmpty(a)).toBe(false);
    await expect(seedDemo(a, { now: NOW })).rejects.toThrow(/already has users/);
    await expect(seedLarge(urls.a)).rejects.toThrow(/already has users/);
    expect(await seedDemoIfEmpty(urls.a)).toBe(false);
    expect(await isPartialDemo(a)).toBe(false);
  });

  it('tells a half-written demo apart, and refuses to start on it', async () => {
    // What a replay that stopped part-way leaves behind: the base rows and the marker.
    await a.execute(
      sql`insert into idempotency_keys (\`key\`, user_id, action) values ('demo-seed-unfinished', 'seed', 'seed-demo')`,
    );
    try {
      expect(await isPartialDemo(a)).toBe(true);
      await expect(seedDemoIfEmpty(urls.a)).rejects.toThrow(/did not finish.*drop it/);
    } finally {
      await a.execute(sql`delete from idempotency_keys where \`key\` = 'demo-seed-unfinished'`);
    }
  });

  it('stores only valid E.164 Indian mobiles', async () => {
    const phones = await rows<{ phone: string }>(
      a,
      sql`select phone from contacts union all select phone from follow_ups union all select phone from campaign_recipients`,
    );
    expect(phones.length).toBeGreaterThan(3000);
    for (const { phone } of phones) {
      expect(phone).toMatch(/^\+91[6-9]\d{9}$/);
      expect(normalisePhone(phone)).toBe(phone);
    }
    // Every phone is one contact's, but for the three visitors the old list entered twice by phone.
    expect(await scalar(a, sql`select count(*) - count(distinct phone) as n from contacts`)).toBe(3);
  });

  // Comparisons are null-safe (<=>): a missing link must count as broken, not as unknown.
  it('links lead, talks and booking both ways', async () => {
    // Every lead points at its latest talk, which points back and carries the lead's status.
    expect(
      await scalar(
        a,
        sql`select count(*) as n from follow_ups f left join conversations c on c.id = f.conversation_id
            where c.id is null or not (c.follow_up_id <=> f.id) or c.outcome <> f.status
               or c.conversation_date <> (select max(x.conversation_date) from conversations x where x.follow_up_id = f.id and x.kind = 'talk')`,
      ),
    ).toBe(0);
    // Every talk belongs to a lead of the same company and visitor.
    expect(
      await scalar(
        a,
        sql`select count(*) as n from conversations c left join follow_ups f on f.id = c.follow_up_id where f.id is null or not (f.exhibitor_id <=> c.exhibitor_id) or not (f.phone <=> c.visitor_phone) or not (f.visitor_id <=> c.visitor_id)`,
      ),
    ).toBe(0);
    // Every booking: its materialising talk carries it, and the lead's attribution, company and stall persist on it.
    expect(
      await scalar(
        a,
        sql`select count(*) as n from bookings b
            left join conversations c on c.id = b.conversation_id
            left join follow_ups f on f.id = c.follow_up_id
            where f.id is null or not (c.booking_id <=> b.id) or c.kind <> 'talk' or c.outcome <> 'materialised' or f.status <> 'materialised'
               or not (b.campaign_id <=> f.campaign_id) or not (b.exhibitor_id <=> f.exhibitor_id) or not (b.visitor_id <=> f.visitor_id)
               or not (b.table_id <=> f.table_id) or not (b.location_id <=> f.location_id) or not (b.phone <=> f.phone)`,
      ),
    ).toBe(0);
    // Later payments and cancellations carry their booking and its lead.
    expect(
      await scalar(
        a,
        sql`select count(*) as n from conversations c left join bookings b on b.id = c.booking_id
            where c.kind in ('payment', 'cancellation') and (b.id is null or not (c.follow_up_id <=> (select x.follow_up_id from conversations x where x.id = b.conversation_id)) or c.conversation_date <= b.created_at)`,
      ),
    ).toBe(0);
    expect(await scalar(a, sql`select count(*) as n from conversations where kind = 'payment'`)).toBeGreaterThan(0);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from bookings where cancelled_at is not null and not exists (select 1 from conversations c where c.booking_id = bookings.id and c.kind = 'cancellation')`,
      ),
    ).toBe(0);
  });

  it('keeps payments within the price, with the status that follows', async () => {
    expect(
      await scalar(
        a,
        sql`select count(*) as n from bookings where amount_paid is null or price is null or amount_paid < 0 or amount_paid > price
            or amount_status <> case when amount_paid = 0 then 'unpaid' when amount_paid < price then 'partial' else 'paid' end`,
      ),
    ).toBe(0);
    // Price is the list price or a negotiated one below it.
    expect(
      await scalar(
        a,
        sql`select count(*) as n from bookings b join location_mngt_table_details s on s.id = b.table_id where b.price > s.price or b.table_no <> s.table_name`,
      ),
    ).toBe(0);
  });

  it('sells a stall once per exhibition day, on a day of its exhibition, after the sale', async () => {
    expect(
      await scalar(
        a,
        sql`select count(*) as n from (select table_id, booking_date from bookings where cancelled_at is null group by table_id, booking_date having count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from bookings b join location_mngt l on l.id = b.location_id
            where b.booking_date not between l.event_start_date and l.event_end_date or b.booking_date <= date(b.created_at)`,
      ),
    ).toBe(0);
  });

  it('has at most one open lead per visitor and company', async () => {
    expect(
      await scalar(
        a,
        sql`select count(*) as n from (select 1 from follow_ups where status <> 'materialised' group by exhibitor_id, phone having count(*) > 1) d`,
      ),
    ).toBe(0);
  });

  it('attributes a lead to a campaign exactly by the app’s 30-day rule', async () => {
    const leads = await rows<{ id: number; phone: string; campaign_id: string | null; first_talk: Date }>(
      a,
      sql`select f.id, f.phone, f.campaign_id, min(c.conversation_date) as first_talk
          from follow_ups f join conversations c on c.follow_up_id = f.id and c.kind = 'talk' group by f.id, f.phone, f.campaign_id`,
    );
    expect(leads.length).toBe(await scalar(a, sql`select count(*) as n from follow_ups`));
    for (const lead of leads) {
      const expected = await findAttributedCampaign(a, lead.phone, new Date(lead.first_talk));
      expect({ lead: lead.id, campaign: lead.campaign_id }).toEqual({ lead: lead.id, campaign: expected?.id ?? null });
    }
  });

  it('dates the past, created_at consistent', async () => {
    expect(
      await scalar(
        a,
        sql`select count(*) as n from conversations where conversation_date > ${NOW} or created_at <> conversation_date`,
      ),
    ).toBe(0);
    expect(
      await scalar(a, sql`select count(*) as n from follow_ups where created_at > updated_at or updated_at > ${NOW}`),
    ).toBe(0);
    // History replayed with `at` keeps its own times, not the seeding day's.
    expect(await scalar(a, sql`select count(*) as n from conversations where updated_at <> created_at`)).toBe(0);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from follow_ups f join conversations c on c.id = f.conversation_id where f.updated_at <> c.conversation_date or f.employee_id <> c.employee_id`,
      ),
    ).toBe(0);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from bookings where created_at > updated_at or updated_at > ${NOW} or cancelled_at > ${NOW}`,
      ),
    ).toBe(0);
    expect(await scalar(a, sql`select count(*) as n from campaigns where updated_at > ${NOW}`)).toBe(0);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from campaign_recipients where (status = 'sent') <> (sent_at is not null)`,
      ),
    ).toBe(0);
    const span = await rows<{ first: Date; last: Date }>(
      a,
      sql`select min(conversation_date) as first, max(conversation_date) as last from conversations`,
    );
    expect(new Date(span[0]!.last).getTime() - new Date(span[0]!.first).getTime()).toBeGreaterThan(90 * 86_400_000);
  });

  it('leaves the campaign counters equal to a recount done another way', async () => {
    expect(await reconcileCampaignCounters(a, { fix: false })).toEqual([]);
    const wrong = await scalar(
      a,
      sql`select count(*) as n from campaigns c left join (select campaign_id, sum(leads) as leads, sum(bookings) as bookings, sum(revenue) as revenue from campaign_stats group by campaign_id) t on t.campaign_id = c.id where
            c.total_messages_sent <> (select count(*) from campaign_recipients r where r.campaign_id = c.id and r.status = 'sent')
         or coalesce(t.leads, 0) <> (select count(*) from follow_ups f where f.campaign_id = c.id)
         or coalesce(t.bookings, 0) <> (select count(*) from bookings b where b.campaign_id = c.id and b.cancelled_at is null)
         or coalesce(t.revenue, 0) <> (select coalesce(sum(b.amount_paid), 0) from bookings b where b.campaign_id = c.id and b.cancelled_at is null)`,
    );
    expect(wrong).toBe(0);
    expect(
      await scalar(
        a,
        sql`select count(*) as n from (select campaign_id, sum(leads) as leads, sum(bookings) as bookings, sum(revenue) as revenue from campaign_stats group by campaign_id) t where t.leads > 0 and t.bookings > 0 and t.revenue > 0`,
      ),
    ).toBe(4);
  });

  it('is deterministic: the same seed and day give the same data', async () => {
    // The base rows carry the generator's ids; the history's ids are the
    // services' (random ULIDs, lead ids in commit order), so its rows are
    // compared by content, each link replaced by what it points at.
    const dump = async (db: Db) => {
      const read = (table: string) => rows<Record<string, unknown>>(db, sql`select * from ${sql.raw(`\`${table}\``)}`);
      const [leads, talks, sales] = await Promise.all([read('follow_ups'), read('conversations'), read('bookings')]);
      const t = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
      const leadKey = new Map(leads.map((f) => [f.id, `${f.exhibitor_id}|${f.phone}|${t(f.created_at)}`]));
      const talkKey = new Map(
        talks.map((c) => [c.id, `${c.exhibitor_id}|${c.visitor_phone}|${c.kind}|${t(c.conversation_date)}`]),
      );
      const saleKey = new Map(sales.map((b) => [b.id, `${b.table_id}|${b.booking_date}|${t(b.created_at)}`]));
      const content = (list: Record<string, unknown>[], links: Record<string, Map<unknown, string>>) =>
        list
          .map((row) => {
            const rest: Record<string, unknown> = { ...row, id: undefined };
            for (const [column, keys] of Object.entries(links))
              rest[column] =
                rest[column] === null ? null : (keys.get(rest[column]) ?? `dangling ${String(rest[column])}`);
            return JSON.stringify(rest);
          })
          .sort();
      const out: Record<string, unknown> = {
        follow_ups: content(leads, { conversation_id: talkKey }),
        conversations: content(talks, { follow_up_id: leadKey, booking_id: saleKey }),
        bookings: content(sales, { conversation_id: talkKey }),
        idempotency_keys: await scalar(db, sql`select count(*) as n from idempotency_keys`),
      };
      for (const table of SEED_TABLES.filter((x) => !(x in out))) {
        const cols = table === 'users' ? sql.raw('id, name, email, role, created_at, updated_at') : sql.raw('*');
        out[table] = await rows<Record<string, unknown>>(
          db,
          sql`select ${cols} from ${sql.raw(`\`${table}\``)} order by id`,
        );
      }
      return out;
    };
    const [da, dbb] = await Promise.all([dump(a), dump(b)]);
    expect(Object.keys(dbb).sort()).toEqual([...SEED_TABLES, 'idempotency_keys'].sort());
    for (const table of Object.keys(da)) expect(JSON.stringify(dbb[table]), table).toBe(JSON.stringify(da[table]));
    // Nothing dangles, and the dumps are not trivially equal.
    expect(JSON.stringify(da)).not.toContain('dangling');
    expect((da.conversations as string[]).length).toBeGreaterThan(600);
    expect(da.idempotency_keys).toBe(0);
    const checksum = sql`select concat(sum(price), '/', sum(amount_paid), '/', count(*), '/', count(cancelled_at)) as n from bookings`;
    const [sa] = await rows<{ n: string }>(a, checksum);
    const [sb] = await rows<{ n: string }>(b, checksum);
    expect(sb).toEqual(sa);
  });
});

describe('reconcileCampaignCounters', () => {
  it('finds a drift made by hand and repairs it in one go', async () => {
    const [top, other] = await rows<{
      id: string;
      name: string;
      leads: number;
      revenue: string;
      sent: number;
      recipients: number;
      failed: number;
    }>(
      b,
      sql`select c.id, c.name, coalesce(t.leads, 0) as leads, cast(coalesce(t.revenue, 0) as decimal(20,2)) as revenue, c.total_messages_sent as sent,
                 c.total_recipients as recipients, c.total_failed as failed
          from campaigns c left join (select campaign_id, sum(leads) as leads, sum(bookings) as bookings, sum(revenue) as revenue from campaign_stats group by campaign_id) t on t.campaign_id = c.id order by revenue desc, c.id limit 2`,
    );
    expect(top && other).toBeTruthy();
    // A drift in one shard (the repair puts the difference into shard 0: the sum is what counts).
    await b.execute(
      sql`insert into campaign_stats (campaign_id, shard, leads, revenue) values (${top!.id}, 9, 3, 0.01)
          on duplicate key update leads = leads + 3, revenue = revenue + 0.01`,
    );
    await b.execute(
      sql`update campaigns set total_messages_sent = 0, total_recipients = 0, total_failed = total_failed + 2 where id = ${other!.id}`,
    );
    // The seed wrote the recipient counters it counted: they were right before the hand edit.
    expect(Number(other!.recipients)).toBeGreaterThan(0);

    const expected = [
      {
        campaignId: top!.id,
        name: top!.name,
        field: 'total_leads_generated',
        stored: Number(top!.leads) + 3,
        actual: Number(top!.leads),
      },
      {
        campaignId: top!.id,
        name: top!.name,
        field: 'total_revenue',
        stored: addPaisa(top!.revenue),
        actual: top!.revenue,
      },
      {
        campaignId: other!.id,
        name: other!.name,
        field: 'total_messages_sent',
        stored: 0,
        actual: Number(other!.sent),
      },
      {
        campaignId: other!.id,
        name: other!.name,
        field: 'total_recipients',
        stored: 0,
        actual: Number(other!.recipients),
      },
      {
        campaignId: other!.id,
        name: other!.name,
        field: 'total_failed',
        stored: Number(other!.failed) + 2,
        actual: Number(other!.failed),
      },
    ];
    const sortDrifts = <T extends { campaignId: string; field: string }>(d: T[]) =>
      [...d].sort((x, y) => (x.campaignId + x.field).localeCompare(y.campaignId + y.field));
    expect(sortDrifts(await reconcileCampaignCounters(b, { fix: false }))).toEqual(sortDrifts(expected));
    // Reporting changes nothing.
    expect(await reconcileCampaignCounters(b, { fix: false })).toHaveLength(5);

    expect(sortDrifts(await reconcileCampaignCounters(b, { fix: true }))).toEqual(sortDrifts(expected));
    expect(await reconcileCampaignCounters(b, { fix: false })).toEqual([]);
    const [after] = await rows<{ revenue: string; leads: number }>(
      b,
      sql`select cast(sum(revenue) as decimal(20,2)) as revenue, sum(leads) as leads from campaign_stats where campaign_id = ${top!.id}`,
    );
    expect(after).toEqual({ revenue: top!.revenue, leads: top!.leads });
  });

  it('counts a cancelled booking out', async () => {
    const [booking] = await rows<{ id: string; campaign_id: string; amount_paid: string }>(
      b,
      sql`select id, campaign_id, amount_paid from bookings where campaign_id is not null and cancelled_at is null and amount_paid > 0 order by id limit 1`,
    );
    expect(booking).toBeTruthy();
    await b.execute(sql`update bookings set cancelled_at = ${NOW} where id = ${booking!.id}`);
    const drifts = await reconcileCampaignCounters(b, { fix: true });
    expect(
      drifts
        .filter((d) => d.campaignId === booking!.campaign_id)
        .map((d) => d.field)
        .sort(),
    ).toEqual(['total_booked_value', 'total_bookings_created', 'total_revenue']);
    expect(await reconcileCampaignCounters(b, { fix: false })).toEqual([]);
  });
});

describe('the large data set', () => {
  it('is sized as DESIGN.md says, with room for every booking', () => {
    const spec = largeSpec(1, Date.UTC(2025, 10, 4), 'x');
    const recipients = spec.campaigns.map((c) => c.recipients);
    expect(spec.campaigns).toHaveLength(300);
    expect(recipients.reduce((s, n) => s + n, 0)).toBe(2_000_000);
    expect(Math.max(...recipients)).toBe(90_000);
    expect(spec.visitors).toBe(500_000);
    expect(spec.exhibitors).toBe(5_000);
    expect(spec.leads).toBe(400_000);
    expect(spec.materialised).toBe(60_000);
    expect(spec.conversations).toBe(1_000_000);
    expect(spec.users.filter((u) => u.role === 'employee').length).toBeGreaterThanOrEqual(45);
    expect(new Set(spec.users.map((u) => u.email)).size).toBe(spec.users.length);
    const stallDays = spec.locations.reduce((s, l) => s + l.stalls.length * l.eventDays, 0);
    expect(stallDays).toBeGreaterThan(LARGE_SIZES.bookings * 1.3);
  });

  it('splits a total exactly within bounds', () => {
    const parts = splitTotal(1000, [1, 50, 3, 3, 100], 10, 400);
    expect(parts.reduce((s, n) => s + n, 0)).toBe(1000);
    for (const p of parts) expect(p >= 10 && p <= 400).toBe(true);
  });
});

/** "1234.50" + ₹0.01, exactly. */
const addPaisa = (value: string) => fromPaise(toPaise(value) + 1n);
