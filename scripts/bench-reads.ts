/**
 * npm run bench:reads [-- --runs 9 --page-size 50]
 * Times the company read side (db/queries/companies.ts, stalls.ts) on the large
 * data set (`npm run db:seed -- --scale large`): for the biggest company (most
 * conversations) and a median one, the dashboard's queries, the timeline's
 * first and a deep page; the companies list; the stall table. Each figure is
 * the median of several runs after a warm-up, timed from the client (round
 * trip and row parsing included); queries are counted by a drizzle logger.
 * With `--only campaigns` (npm run bench:campaigns): the campaigns list, the
 * biggest campaign's page and a recount of the campaign counters instead.
 * Read-only. Prints the server settings with the figures; asserts nothing.
 */
import './load-env';

import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';

import { createPool, type DbOrTx } from '../db';
import {
  countRecipientsByStatus,
  getCampaign,
  getCampaignRevenueByStatus,
  listCampaignAnalytics,
  listCampaignExhibitors,
  listCampaignLeads,
} from '../db/queries/campaigns';
import {
  COMPANY_SORTS,
  getCompany,
  getCompanyKpis,
  getCompanyRevenueSeries,
  getCompanyStallPerformance,
  listCompanies,
  listContributingCampaigns,
  listRecentConversations,
  listTimeline,
  listTimelineFilterOptions,
  type TimelineFilters,
} from '../db/queries/companies';
import { listStallPerformance } from '../db/queries/stalls';
import * as schema from '../db/schema';
import { reconcileCampaignCounters } from '../db/services/campaign-counters';
import { MONEY_VIEWER } from '../lib/viewer';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '9' },
    'page-size': { type: 'string', default: '50' },
    'deep-pages': { type: 'string', default: '50' },
  },
});
const RUNS = Math.max(3, Number(values.runs));
/** `--only companies` or `--only campaigns` (npm run bench:campaigns): one section; both by default. */
const section = (name: 'companies' | 'campaigns') => !values.only || values.only === name;
const PAGE = Number(values['page-size']);
const DEEP = Number(values['deep-pages']);

const url = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3407/paridharan_large';
const pool = createPool(url, 6);
let queries = 0;
const logger = { logQuery: () => void queries++ };
/** For the page-like concurrent run: the pool. */
const poolDb = drizzle(pool, { schema, mode: 'default', logger }) as unknown as DbOrTx;
// The timed runs go through one connection with the server's statement profiling on, so each
// figure has two sides: the time the database spent on the statements (SHOW PROFILES, summed:
// "DB time") and the time the caller waited (round trips and row parsing included).
const conn = await pool.getConnection();
const profiling = await conn
  .query('set profiling = 1, profiling_history_size = 100')
  .then(() => true)
  .catch(() => false);
const db = drizzle(conn, { schema, mode: 'default', logger }) as unknown as DbOrTx;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const [r] = (await db.execute(query)) as unknown as [T[]];
  return r;
}

async function profiles(): Promise<{ id: number; seconds: number }[]> {
  if (!profiling) return [];
  const [r] = (await conn.query('show profiles')) as unknown as [{ Query_ID: number; Duration: string | number }[]];
  return r.map((p) => ({ id: Number(p.Query_ID), seconds: Number(p.Duration) }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

type Timing = { ms: number; server: number; queries: number };
/** Runs `fn` twice to warm up, then RUNS times: median client and server (DB) time, and the queries one run issues. */
async function time(fn: (db: DbOrTx) => Promise<unknown>, on: DbOrTx = db): Promise<Timing> {
  await fn(on);
  await fn(on);
  const client: number[] = [];
  const server: number[] = [];
  let q = 0;
  for (let i = 0; i < RUNS; i++) {
    const last = Math.max(0, ...(await profiles()).map((p) => p.id));
    const before = queries;
    const t0 = performance.now();
    await fn(on);
    client.push(performance.now() - t0);
    q = queries - before;
    server.push((await profiles()).filter((p) => p.id > last).reduce((sum, p) => sum + p.seconds * 1000, 0));
  }
  return { ms: median(client), server: median(server), queries: q };
}

const results: { label: string; server: number; target?: number }[] = [];
const line = (label: string, t: Timing, target?: number) => {
  const flag = target === undefined ? '' : `  target ≤ ${target} ms: ${t.server <= target ? 'ok' : 'OVER'}`;
  console.log(
    `  ${label.padEnd(60)} ${profiling ? ms(t.server).padStart(10) : '      n/a'} ${ms(t.ms).padStart(10)} ${String(t.queries).padStart(3)}${flag}`,
  );
  results.push({ label, server: profiling ? t.server : t.ms, target });
};
async function bench(label: string, fn: (db: DbOrTx) => Promise<unknown>, target?: number) {
  const t = await time(fn);
  line(label, t, target);
  return t;
}
const header = () =>
  console.log(`  ${''.padEnd(60)} ${'DB time'.padStart(10)} ${'client'.padStart(10)} ${'qry'.padStart(3)}`);

// ---------------------------------------------------------------- the server
// SHOW VARIABLES, not @@names: MySQL 8 and MariaDB do not share every variable.
const [variableRows] = (await pool.query(
  `show global variables where variable_name in ('version', 'innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit', 'innodb_log_file_size',
     'join_buffer_size', 'sort_buffer_size', 'tmp_table_size', 'max_heap_table_size', 'innodb_adaptive_hash_index', 'query_cache_type')`,
)) as unknown as [{ Variable_name: string; Value: string }[]];
const v = Object.fromEntries(variableRows.map((r) => [r.Variable_name, r.Value]));
const database = new URL(url).pathname.slice(1);
const sizes = await rows<{ table_name: string; table_rows: unknown; data: unknown; idx: unknown }>(
  sql`select table_name, table_rows, data_length as data, index_length as idx from information_schema.tables where table_schema = ${database} order by data_length + index_length desc`,
);
const mib = (x: unknown) => `${(Number(x) / 1_048_576).toFixed(0)} MiB`;
const total = sizes.reduce((s, t) => s + Number(t.data) + Number(t.idx), 0);
console.log(
  `bench:reads on ${new URL(url).host}/${database} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
);
console.log(
  `  server ${v.version}: innodb_buffer_pool_size ${mib(v.innodb_buffer_pool_size)}, innodb_log_file_size ${mib(v.innodb_log_file_size)}, innodb_flush_log_at_trx_commit ${v.innodb_flush_log_at_trx_commit}, adaptive hash index ${v.innodb_adaptive_hash_index}, query cache ${v.query_cache_type ?? 'n/a'}`,
);
console.log(
  `  join_buffer_size ${Number(v.join_buffer_size) / 1024} KiB, sort_buffer_size ${Number(v.sort_buffer_size) / 1024} KiB, tmp_table_size ${mib(v.tmp_table_size)}, max_heap_table_size ${mib(v.max_heap_table_size)}`,
);
console.log(
  `  data set ${mib(total)} (data + indexes): ${sizes
    .slice(0, 6)
    .map(
      (t) => `${t.table_name} ${Number(t.table_rows).toLocaleString('en')} rows ${mib(Number(t.data) + Number(t.idx))}`,
    )
    .join(', ')}`,
);
if (Number(v.innodb_buffer_pool_size) < total)
  console.log(
    `  note: the buffer pool is smaller than the whole data set; the figures are for warm pages of the indexes these queries read.`,
  );
/** This machine's speed now (shared and virtual machines vary by half from minute to minute): a fixed JS loop. */
function calibrate() {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 100_000_000; i++) x += i % 7;
  return `${(performance.now() - t0).toFixed(0)} ms${x < 0 ? '' : ''}`;
}
console.log(`  CPU check (a fixed loop; lower is faster): ${calibrate()}`);
const rt = await time((d) => d.execute(sql`select 1`));
console.log(
  `  round trip (select 1): ${ms(rt.ms)} client, ${ms(rt.server)} in the server; runs per figure: ${RUNS} (median, after 2 warm-up runs)`,
);
if (!profiling) console.log('  (statement profiling unavailable: "DB time" below is the client time)');

const diskReads = async () =>
  Number(
    (
      await rows<{ v: unknown }>(
        sql`select variable_value as v from information_schema.global_status where variable_name = 'INNODB_BUFFER_POOL_READS'`,
      )
    )[0]?.v,
  );
const diskReadsBefore = await diskReads();

if (section('companies')) {
  // ------------------------------------------------------------- the companies
  const byTalks = await rows<{ exhibitor_id: string; n: unknown }>(
    sql`select exhibitor_id, count(*) as n from conversations group by exhibitor_id order by n, exhibitor_id`,
  );
  const companies = [
    { role: 'biggest', ...byTalks[byTalks.length - 1]!, target: 25 },
    { role: 'median', ...byTalks[Math.floor(byTalks.length / 2)]!, target: 3 },
  ];

  for (const c of companies) {
    const id = c.exhibitor_id;
    const company = await getCompany(db, id);
    const [shape] = await rows<{ leads: unknown; bookings: unknown; stalls: unknown }>(
      sql`select (select count(*) from follow_ups where exhibitor_id = ${id}) as leads,
                 (select count(*) from bookings where exhibitor_id = ${id} and cancelled_at is null) as bookings,
                 (select count(distinct table_id) from conversations where exhibitor_id = ${id}) as stalls`,
    );
    console.log(
      `\n${c.role} company: ${company?.name} (${id}) — ${Number(c.n).toLocaleString('en')} conversations, ${Number(shape!.leads).toLocaleString('en')} leads, ${Number(shape!.bookings).toLocaleString('en')} bookings, ${shape!.stalls} stalls`,
    );
    header();
    const dashboard = [
      ['getCompanyKpis', (d: DbOrTx) => getCompanyKpis(d, id, MONEY_VIEWER)],
      ['listContributingCampaigns', (d: DbOrTx) => listContributingCampaigns(d, id, MONEY_VIEWER)],
      ['getCompanyStallPerformance', (d: DbOrTx) => getCompanyStallPerformance(d, id, MONEY_VIEWER)],
      ['listRecentConversations (10)', (d: DbOrTx) => listRecentConversations(d, id, MONEY_VIEWER, 10)],
      ["getCompanyRevenueSeries ('month')", (d: DbOrTx) => getCompanyRevenueSeries(d, id, 'month', MONEY_VIEWER)],
    ] as const;
    const parts: Timing[] = [];
    for (const [label, fn] of dashboard) parts.push(await bench(label, fn));
    line(
      '= the dashboard, its five functions one after another',
      {
        ms: parts.reduce((s, p) => s + p.ms, 0),
        server: parts.reduce((s, p) => s + p.server, 0),
        queries: parts.reduce((s, p) => s + p.queries, 0),
      },
      c.target,
    );
    const together = await time((d) => Promise.all(dashboard.map(([, fn]) => fn(d))), poolDb);
    console.log(
      `  ${'  the five at once on the pool, as the page streams them'.padEnd(60)} ${'(wall)'.padStart(10)} ${ms(together.ms).padStart(10)}`,
    );
    await bench("getCompanyRevenueSeries ('week')", (d) => getCompanyRevenueSeries(d, id, 'week', MONEY_VIEWER));

    // The timeline: page 1, then DEEP pages further by following the cursor, then a seek by date.
    const filters: TimelineFilters = {};
    await bench(
      `listTimeline page 1 (${PAGE} rows)`,
      (d) => listTimeline(d, id, { filters, limit: PAGE }, MONEY_VIEWER),
      5,
    );
    let cursor: string | null = null;
    let pages = 1;
    for (; pages <= DEEP; pages++) {
      const r: { nextCursor: string | null } = await listTimeline(
        db,
        id,
        { filters, cursor, limit: PAGE },
        MONEY_VIEWER,
      );
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    await bench(
      `listTimeline page ${pages} (followed the cursor)`,
      (d) => listTimeline(d, id, { filters, cursor, limit: PAGE }, MONEY_VIEWER),
      5,
    );
    const [oldest] = await rows<{ d: unknown }>(
      sql`select date_format(min(conversation_date), '%Y-%m-%d') as d from conversations where exhibitor_id = ${id}`,
    );
    const oldDay = String(oldest!.d);
    await bench(
      `listTimeline seek to the oldest day (to=${oldDay})`,
      (d) => listTimeline(d, id, { filters: { to: oldDay }, limit: PAGE }, MONEY_VIEWER),
      5,
    );
    const options = await listTimelineFilterOptions(db, id);
    await bench('listTimelineFilterOptions', (d) => listTimelineFilterOptions(d, id));
    const some = <T>(xs: T[]) => xs[Math.floor(xs.length / 2)];
    const filterCases: [string, TimelineFilters][] = [
      ['outcome=materialised', { outcome: 'materialised' }],
      ['campaign', { campaign_id: some(options.campaigns)?.id }],
      ['employee', { employee_id: some(options.employees)?.id }],
      ['location', { location_id: some(options.locations)?.id }],
      ['stall', { table_id: some(options.stalls)?.id }],
    ];
    for (const [name, f] of filterCases) {
      const first = await listTimeline(db, id, { filters: f, limit: PAGE }, MONEY_VIEWER);
      await bench(`listTimeline by ${name}, page 1 (${first.rows.length} rows)`, (d) =>
        listTimeline(d, id, { filters: f, limit: PAGE }, MONEY_VIEWER),
      );
      let cur = first.nextCursor;
      let n = 1;
      for (; n < 10 && cur; n++) {
        const next: string | null = (await listTimeline(db, id, { filters: f, cursor: cur, limit: PAGE }, MONEY_VIEWER))
          .nextCursor;
        if (!next) break;
        cur = next;
      }
      if (cur)
        await bench(`listTimeline by ${name}, page ${n + 1}`, (d) =>
          listTimeline(d, id, { filters: f, cursor: cur, limit: PAGE }, MONEY_VIEWER),
        );
    }
  }

  // ------------------------------------------------------------ companies list
  const [listed] = await rows<{ exhibitors: unknown }>(
    sql`select count(*) as exhibitors from contacts where type = 'exhibitor' and deleted_at is null`,
  );
  console.log(`\ncompanies list — ${Number(listed!.exhibitors).toLocaleString('en')} exhibitors, 25 a page`);
  header();
  await bench(
    'listCompanies by name, page 1',
    (d) => listCompanies(d, { sort: 'name', dir: 'asc', page: 1, pageSize: 25 }, MONEY_VIEWER),
    100,
  );
  await bench(
    'listCompanies by name, page 100',
    (d) => listCompanies(d, { sort: 'name', dir: 'asc', page: 100, pageSize: 25 }, MONEY_VIEWER),
    100,
  );
  await bench(
    "listCompanies search 'tex', by name",
    (d) => listCompanies(d, { q: 'tex', sort: 'name', dir: 'asc', page: 1, pageSize: 25 }, MONEY_VIEWER),
    100,
  );
  for (const sort of COMPANY_SORTS.filter((s) => s !== 'name')) {
    await bench(
      `listCompanies by ${sort} desc, page 1`,
      (d) => listCompanies(d, { sort, dir: 'desc', page: 1, pageSize: 25 }, MONEY_VIEWER),
      100,
    );
  }
  await bench(
    "listCompanies search 'tex', by collected desc",
    (d) => listCompanies(d, { q: 'tex', sort: 'collected', dir: 'desc', page: 1, pageSize: 25 }, MONEY_VIEWER),
    100,
  );

  // ---------------------------------------------------------------- stall table
  const [busiest] = await rows<{ id: unknown; stalls: unknown }>(
    sql`select l.id, count(*) as stalls from location_mngt l join location_mngt_table_details s on s.location_mngt_id = l.id group by l.id order by stalls desc, l.id limit 1`,
  );
  const [stallCount] = await rows<{ n: unknown }>(sql`select count(*) as n from location_mngt_table_details`);
  console.log(`\nstall table — ${Number(stallCount!.n).toLocaleString('en')} stalls`);
  header();
  await bench(
    `listStallPerformance, one location (${busiest!.stalls} stalls)`,
    (d) => listStallPerformance(d, { location_id: Number(busiest!.id), sort: 'collected', dir: 'desc' }),
    50,
  );
  await bench(
    'listStallPerformance, every location',
    (d) => listStallPerformance(d, { location_id: null, sort: 'collected', dir: 'desc' }),
    50,
  );
}

if (section('campaigns')) {
  // ---------------------------------------------------------------- campaigns
  const [shape] = await rows<{ campaigns: unknown; recipients: unknown }>(
    sql`select (select count(*) from campaigns) as campaigns, (select count(*) from campaign_recipients) as recipients`,
  );
  console.log(
    `\ncampaigns — ${Number(shape!.campaigns).toLocaleString('en')} campaigns, ${Number(shape!.recipients).toLocaleString('en')} recipients`,
  );
  header();
  await bench(
    'listCampaignAnalytics by collected desc (the counters)',
    (d) => listCampaignAnalytics(d, { sort: 'collected', dir: 'desc' }),
    5,
  );
  await bench(
    'listCampaignAnalytics by conversion desc',
    (d) => listCampaignAnalytics(d, { sort: 'conversion', dir: 'desc' }),
    5,
  );
  await bench('  for comparison: messages sent counted live, all campaigns', (d) =>
    d.execute(sql`select campaign_id, count(*) from campaign_recipients where status = 'sent' group by campaign_id`),
  );
  const [big] = await rows<{ id: string; n: unknown }>(
    sql`select campaign_id as id, count(*) as n from campaign_recipients group by campaign_id order by n desc, campaign_id limit 1`,
  );
  const campaign = await getCampaign(db, big!.id);
  console.log(
    `\nbiggest campaign: ${campaign?.name} (${big!.id}) — ${Number(big!.n).toLocaleString('en')} recipients, ${campaign?.messages_sent.toLocaleString('en')} sent, ${campaign?.leads.toLocaleString('en')} leads, ${campaign?.bookings.toLocaleString('en')} bookings`,
  );
  header();
  const page = [
    ['getCampaign (header, KPIs, funnel counters)', (d: DbOrTx) => getCampaign(d, big!.id)],
    ['getCampaignRevenueByStatus (funnel: fully paid)', (d: DbOrTx) => getCampaignRevenueByStatus(d, big!.id)],
    ['listCampaignExhibitors', (d: DbOrTx) => listCampaignExhibitors(d, big!.id)],
    ['listCampaignLeads page 1 (50)', (d: DbOrTx) => listCampaignLeads(d, big!.id, { page: 1, pageSize: 50 })],
  ] as const;
  const parts: Timing[] = [];
  for (const [label, fn] of page) parts.push(await bench(label, fn));
  line(
    '= the campaign page, its four functions one after another',
    {
      ms: parts.reduce((s, p) => s + p.ms, 0),
      server: parts.reduce((s, p) => s + p.server, 0),
      queries: parts.reduce((s, p) => s + p.queries, 0),
    },
    50,
  );
  const lastPage = Math.max(1, Math.ceil((campaign?.leads ?? 0) / 50));
  await bench(`listCampaignLeads page ${lastPage} (the last)`, (d) =>
    listCampaignLeads(d, big!.id, { page: lastPage, pageSize: 50 }),
  );
  await bench('countRecipientsByStatus (the admin page)', (d) => countRecipientsByStatus(d, big!.id));
  const t0 = performance.now();
  const drifts = await reconcileCampaignCounters(db, { fix: false });
  console.log(
    `  ${'reconcile: recount every campaign counter (one run)'.padEnd(60)} ${'(wall)'.padStart(10)} ${ms(performance.now() - t0).padStart(10)}  drift ${drifts.length}`,
  );
}

console.log(`\nCPU check again: ${calibrate()}`);
console.log(
  `pages read from disk during the runs (Innodb_buffer_pool_reads): ${((await diskReads()) - diskReadsBefore).toLocaleString('en')}`,
);
const over = results.filter((r) => r.target !== undefined && r.server > r.target);
console.log(
  over.length
    ? `over target: ${over.map((r) => `${r.label.trim()} ${ms(r.server)} > ${r.target} ms`).join('; ')}`
    : 'every figure within its target',
);
conn.release();
await pool.end();
