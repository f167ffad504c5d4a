/**
 * npm run bench:http [-- --runs 20 --requests 100 --users 10 --seconds 30 --tablets 16 --managers 10 --no-mixed
 *                      --pages "median company,/companies" --no-sizes]
 *
 * The pages through the real server: builds the app if needed, starts the
 * PRODUCTION server (`next start`) on the large data set and measures what a
 * browser gets. Prints, per page: the bytes of the HTML and of the RSC payload
 * (uncompressed) as each role, p50/p95/p99 for one user and for `--users`
 * concurrent users, and requests/s; then a mixed load — `--tablets` tablets
 * recording talks through the booth's server action while `--managers`
 * managers read dashboards — with p95 per page, entries/s and errors.
 * It prints figures and asserts nothing about speed.
 *
 * Databases:
 * - BENCH_HTTP_DATABASE_URL (default paridharan_large on the private server):
 *   the pages are read from it and nothing is written — the sessions are
 *   minted with the server's own AUTH_SECRET for existing users (a real
 *   sign-in would write the sign-in throttle's rows).
 * - BENCH_HTTP_MIXED_DATABASE_URL (default: the same database): the mixed
 *   load WRITES into it — talks (busy / interested, no bookings) by 16
 *   employees, each with its visitor contact, follow-up and counters, notes
 *   "bench:http tablet". Its users sign in for real (Auth.js credentials).
 *   Point it at a copy to keep the large set as seeded; --no-mixed skips it.
 *
 * Users: the large set's (db/seed/large.ts), all with the demo password
 * (BENCH_HTTP_PASSWORD to override): admin@, manager@ and employee@paridharan.test
 * and the generated managers and employees.
 */
import './load-env';

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { encode } from 'next-auth/jwt';

import { ulid } from '@/lib/ulid';

import { DEMO_PASSWORD } from '../db/seed/demo';
import { localDatabaseUrl } from '../lib/env';
import { ensureLocalServer, ROOT } from './local-db';
import { ensureBuild } from './next-app';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    requests: { type: 'string', default: '100' },
    users: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    'phase-seconds': { type: 'string', default: '20' },
    tablets: { type: 'string', default: '16' },
    managers: { type: 'string', default: '10' },
    port: { type: 'string', default: process.env.BENCH_HTTP_PORT ?? '3917' },
    'no-mixed': { type: 'boolean', default: false },
    'mixed-only': { type: 'boolean', default: false },
    // Only the pages whose names (as printed) are listed, comma-separated: a quick look at a few.
    pages: { type: 'string' },
    'no-sizes': { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const REQUESTS = Number(values.requests);
const USERS = Number(values.users);
const SECONDS = Number(values.seconds);
const PHASE_SECONDS = Number(values['phase-seconds']);
const TABLETS = Number(values.tablets);
const MANAGERS = Number(values.managers);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = process.env.BENCH_HTTP_PASSWORD ?? DEMO_PASSWORD;
const SESSION_COOKIE = 'authjs.session-token'; // plain http: no __Secure- prefix

const readUrl = process.env.BENCH_HTTP_DATABASE_URL ?? localDatabaseUrl('paridharan_large', await ensureLocalServer());
// The mixed load writes: it runs only on a database named for it (which may be the read one, if that is meant).
const mixedUrl = process.env.BENCH_HTTP_MIXED_DATABASE_URL;
const where = (url: string) => `${new URL(url).host}${new URL(url).pathname}`;
const secret = randomBytes(32).toString('base64url');

// ------------------------------------------------------------------ helpers

type Role = 'admin' | 'manager' | 'employee';
type Session = { role: Role; email: string; cookie: string };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (v: number) => v.toFixed(0);
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
const pcts = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
};
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

async function query<T>(url: string, statement: string, params: unknown[] = []): Promise<T[]> {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  try {
    const [rows] = await conn.query(statement, params);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

/**
 * One GET as a browser would: the page (HTML) or, with `rsc`, its RSC payload as a
 * client-side navigation fetches it. Next.js answers an RSC request without its
 * cache-busting `_rsc` parameter with a redirect to the URL that has it: followed here.
 */
async function get(pathname: string, session: Session, rsc = false) {
  const started = performance.now();
  const headers = { cookie: session.cookie, ...(rsc ? { RSC: '1' } : {}) };
  let res = await fetch(BASE + pathname, { headers, redirect: 'manual' });
  const location = res.headers.get('location');
  if (rsc && res.status === 307 && location && new URL(location, BASE).pathname === pathname) {
    await res.arrayBuffer();
    res = await fetch(new URL(location, BASE), { headers, redirect: 'manual' });
  }
  const body = await res.arrayBuffer(); // decompressed: the uncompressed size
  return {
    status: res.status,
    bytes: body.byteLength,
    ms: performance.now() - started,
    location: res.headers.get('location'),
  };
}

// ------------------------------------------------------------------ the app

function startApp(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '--port',
      String(PORT),
      '--hostname',
      '127.0.0.1',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: secret,
      },
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`next start exited (${child.exitCode}):\n${output}`));
      try {
        const res = await fetch(`${BASE}/api/health`);
        if (res.ok) return resolve(child);
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        return reject(new Error(`next start did not answer within 60 s:\n${output}`));
      }
      setTimeout(poll, 250);
    };
    void poll();
  });
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

// ------------------------------------------------------------------ sessions

type UserRow = { id: string; name: string; email: string; role: Role; session_version: number };

/** A session cookie as Auth.js would issue it (same claims as lib/auth.ts's jwt callback), without a sign-in's writes. */
async function mintSession(user: UserRow): Promise<Session> {
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, role: user.role, sv: user.session_version },
    secret,
    salt: SESSION_COOKIE,
    maxAge: 12 * 60 * 60,
  });
  return { role: user.role, email: user.email, cookie: `${SESSION_COOKIE}=${token}` };
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** A real sign-in through Auth.js's credentials endpoint, as the login form's server action does it. */
async function signIn(email: string, role: Role): Promise<Session> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: `${BASE}/` }),
  });
  const session = cookiesOf(res).find(
    (c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1,
  );
  if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${res.status}, to ${res.headers.get('location')}).`);
  return { role, email, cookie: session };
}

const USER_COLUMNS = 'id, name, email, role, session_version';
async function usersOf(url: string, role: Role, limit: number): Promise<UserRow[]> {
  // The demo account of the role first (admin@…, manager@…, employee@…), then the generated ones.
  return query<UserRow>(
    url,
    `select ${USER_COLUMNS} from users where role = ? and active = 1 order by email <> ?, email limit ?`,
    [role, `${role}@paridharan.test`, limit],
  );
}

// ------------------------------------------------------------------ the pages

type Page = { name: string; path: string; timedAs: Role[] };

async function pagesOf(url: string): Promise<{ pages: Page[]; facts: string[] }> {
  const byTalks = await query<{ id: string; name: string; n: number }>(
    url,
    `select c.id, c.company_name as name, t.n from (select exhibitor_id, count(*) as n from conversations where kind = 'talk' group by exhibitor_id) t
     join contacts c on c.id = t.exhibitor_id order by t.n, c.id`,
  );
  if (!byTalks.length) throw new Error(`${where(url)} has no talks: seed the large data set first (README).`);
  const biggest = byTalks.at(-1)!;
  const median = byTalks[Math.floor(byTalks.length / 2)]!;
  const [campaign] = await query<{ id: string; name: string; n: number }>(
    url,
    `select c.id, c.name, r.n from (select campaign_id, count(*) as n from campaign_recipients group by campaign_id order by n desc, campaign_id limit 1) r
     join campaigns c on c.id = r.campaign_id`,
  );
  const [location] = await query<{ id: number; name: string; n: number }>(
    url,
    `select l.id, l.loc_name as name, count(s.id) as n from location_mngt l left join location_mngt_table_details s on s.location_mngt_id = l.id
     group by l.id order by n desc, l.id limit 1`,
  );
  const [user] = await query<{ id: string }>(
    url,
    `select id from users where role = 'employee' order by email limit 1`,
  );
  const readers: Role[] = ['manager'];
  const pages: Page[] = [
    { name: '/companies', path: '/companies', timedAs: readers },
    { name: 'biggest company', path: `/companies/${biggest.id}`, timedAs: readers },
    { name: 'median company', path: `/companies/${median.id}`, timedAs: readers },
    { name: "biggest company's timeline", path: `/companies/${biggest.id}/timeline`, timedAs: readers },
    { name: '/campaigns', path: '/campaigns', timedAs: readers },
    { name: 'biggest campaign', path: campaign ? `/campaigns/${campaign.id}` : '/campaigns', timedAs: readers },
    { name: '/stalls', path: '/stalls', timedAs: readers },
    { name: '/booth', path: '/booth', timedAs: ['employee'] },
    { name: '/follow-ups', path: '/follow-ups', timedAs: ['employee', 'manager'] },
    { name: '/contacts', path: '/contacts', timedAs: readers },
    { name: '/contacts/duplicates', path: '/contacts/duplicates', timedAs: ['admin'] },
    { name: '/admin/users', path: '/admin/users', timedAs: ['admin'] },
    ...(user ? [{ name: 'admin: a user', path: `/admin/users/${user.id}`, timedAs: ['admin'] as Role[] }] : []),
    { name: '/admin/locations', path: '/admin/locations', timedAs: ['admin'] },
    ...(location
      ? [{ name: 'admin: biggest location', path: `/admin/locations/${location.id}`, timedAs: ['admin'] as Role[] }]
      : []),
    { name: '/admin/campaigns', path: '/admin/campaigns', timedAs: ['admin'] },
    ...(campaign
      ? [{ name: 'admin: biggest campaign', path: `/admin/campaigns/${campaign.id}`, timedAs: ['admin'] as Role[] }]
      : []),
    { name: '/admin/import', path: '/admin/import', timedAs: ['admin'] },
    { name: '/admin/settings', path: '/admin/settings', timedAs: ['admin'] },
  ];
  const facts = [
    `biggest company: ${biggest.name} (${biggest.id}), ${Number(biggest.n).toLocaleString('en')} talks`,
    `median company: ${median.name} (${median.id}), ${Number(median.n).toLocaleString('en')} talks`,
    ...(campaign
      ? [`biggest campaign: ${campaign.name} (${campaign.id}), ${Number(campaign.n).toLocaleString('en')} recipients`]
      : []),
    ...(location ? [`biggest location: ${location.name} (${location.id}), ${location.n} stalls`] : []),
  ];
  return { pages, facts };
}

/** What the role gets: a page, or where it is sent instead. */
const outcome = (r: { status: number; location: string | null }) =>
  r.status === 200 ? null : r.location ? `${r.status} → ${new URL(r.location, BASE).pathname}` : `${r.status}`;

async function sizes(pages: Page[], sessions: Record<Role, Session>) {
  const roles: Role[] = ['admin', 'manager', 'employee'];
  console.log(`\nPage sizes, uncompressed (HTML / RSC payload), as each role:`);
  console.log(`  ${'page'.padEnd(28)} ${roles.map((r) => r.padStart(24)).join('')}`);
  for (const page of pages) {
    const cells: string[] = [];
    for (const role of roles) {
      const html = await get(page.path, sessions[role]);
      const refused = outcome(html);
      if (refused) {
        cells.push(refused.padStart(24));
        continue;
      }
      const rsc = await get(page.path, sessions[role], true);
      cells.push(`${kb(html.bytes)} / ${outcome(rsc) ?? kb(rsc.bytes)}`.padStart(24));
    }
    console.log(`  ${page.name.padEnd(28)} ${cells.join('')}`);
  }
}

/** `requests` GETs of the page by `users` users at once (fewer when PHASE_SECONDS run out first); the latencies and the rate. */
async function load(pathname: string, session: Session, users: number, requests: number) {
  const latencies: number[] = [];
  const errors: number[] = [];
  let issued = 0;
  const started = performance.now();
  const deadline = started + PHASE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (issued < requests && (issued < users || performance.now() < deadline)) {
        issued++;
        const r = await get(pathname, session);
        if (r.status === 200) latencies.push(r.ms);
        else errors.push(r.status);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...pcts(latencies), rate: latencies.length / seconds, errors, n: latencies.length };
}

async function latencies(pages: Page[], sessions: Record<Role, Session>) {
  console.log(
    `\nServer render through HTTP, ms (HTML page; ${RUNS} requests one at a time, then ${REQUESTS} by ${USERS} users at once, each phase cut at ${PHASE_SECONDS} s (n = the requests then done); 2 warm-up requests):`,
  );
  console.log(
    `  ${'page'.padEnd(28)} ${'as'.padEnd(9)} ${'1 user p50 / p95 / p99'.padStart(24)} ${'req/s'.padStart(6)}   ${`${USERS} users p50 / p95 / p99`.padStart(25)} ${'req/s'.padStart(6)}`,
  );
  for (const page of pages) {
    for (const role of page.timedAs) {
      const session = sessions[role];
      const probe = await get(page.path, session);
      if (probe.status !== 200) continue;
      await get(page.path, session);
      const one = await load(page.path, session, 1, RUNS);
      const many = await load(page.path, session, USERS, REQUESTS);
      const fmt = (r: typeof one, wanted: number) =>
        `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)}${r.n < wanted ? ` (n=${r.n})` : ''}${r.errors.length ? ` (${r.errors.length} errors: HTTP ${[...new Set(r.errors)].join(', ')})` : ''}`;
      console.log(
        `  ${page.name.padEnd(28)} ${role.padEnd(9)} ${fmt(one, RUNS).padStart(24)} ${one.rate.toFixed(1).padStart(6)}   ${fmt(many, REQUESTS).padStart(25)} ${many.rate.toFixed(1).padStart(6)}`,
      );
    }
  }
}

// ------------------------------------------------------------------ the mixed load

/** The booth's record-entry server action, as the build names it. */
function recordEntryActionId(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, v]) => v.filename === 'app/(app)/booth/actions.ts' && v.exportedName === 'recordEntryAction',
  );
  if (!found)
    throw new Error('recordEntryAction is not in .next/server/server-reference-manifest.json: rebuild the app.');
  return found[0];
}

/**
 * One booth submit as the browser sends it: a POST to /booth with the action's id in
 * `Next-Action` and the arguments encoded as React's encodeReply does for
 * useActionState — field "0" is the argument list [previous state, the form],
 * the form's fields follow under the prefix "_1_".
 */
async function submitEntry(actionId: string, session: Session, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append('0', JSON.stringify(['$undefined', '$K1'])); // last, as React writes it: the server reads the form's fields in order
  const started = performance.now();
  const res = await fetch(`${BASE}/booth`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'next-action': actionId, accept: 'text/x-component', origin: BASE },
    body,
    redirect: 'manual',
  });
  const text = await res.text();
  const elapsed = performance.now() - started;
  const ok = res.status === 200 && text.includes('"ok":true');
  const message = ok
    ? ''
    : `HTTP ${res.status}: ${(/"message":"([^"]*)"/.exec(text)?.[1] ?? text).slice(0, 200)} ${/"fieldErrors":(\{[^}]*\})/.exec(text)?.[1] ?? ''}`;
  return { ok, ms: elapsed, message, bytes: Buffer.byteLength(text) };
}

async function mixed(url: string, readPages: Page[]) {
  const tabletUsers = await usersOf(url, 'employee', TABLETS);
  const managerUsers = await usersOf(url, 'manager', MANAGERS);
  if (tabletUsers.length < TABLETS) console.log(`  (only ${tabletUsers.length} employees: some tablets share a user)`);
  const actionId = recordEntryActionId();
  const tablets = await Promise.all(tabletUsers.map((u) => signIn(u.email, 'employee')));
  const managers = await Promise.all(managerUsers.map((u) => signIn(u.email, 'manager')));

  const companies = (
    await query<{ id: string }>(
      url,
      `select exhibitor_id as id from exhibitor_stats order by talks desc, exhibitor_id limit 500`,
    )
  ).map((r) => r.id);
  const stalls = await query<{ id: number; location: number }>(
    url,
    `select id, location_mngt_id as location from location_mngt_table_details order by id`,
  );
  const phones = (
    await query<{ phone: string }>(
      url,
      `select phone from contacts where type = 'visitor' and phone is not null order by id limit 20000`,
    )
  ).map((r) => r.phone);
  const dashboards = readPages.filter((p) =>
    ['/companies', 'biggest company', 'median company', '/campaigns', '/follow-ups'].includes(p.name),
  );

  let seed = 7;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const startedAt = new Date(Date.now() - 1000);

  const entryMs: number[] = [];
  let entryBytes = 0;
  const pageMs = new Map<string, number[]>(dashboards.map((p) => [p.name, []]));
  const errors: string[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all([
    ...tablets.map(async (session) => {
      while (performance.now() < deadline) {
        const stall = pick(stalls);
        const interested = rand() < 0.6;
        const r = await submitEntry(actionId, session, {
          idempotency_key: ulid(),
          exhibitor_id: pick(companies),
          phone: rand() < 0.7 ? pick(phones) : `+9197${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
          location_id: String(stall.location),
          table_id: String(stall.id),
          campaign_id: 'auto',
          outcome: interested ? 'interested' : 'busy',
          notes: 'bench:http tablet',
          ...(interested ? { next_followup_date: tomorrow } : {}),
        });
        entryBytes = Math.max(entryBytes, r.bytes);
        if (r.ok) entryMs.push(r.ms);
        else errors.push(`entry: ${r.message}`);
      }
    }),
    ...Array.from({ length: MANAGERS }, async (_, i) => {
      const session = managers[i % managers.length]!;
      for (let k = i; performance.now() < deadline; k++) {
        const page = dashboards[k % dashboards.length]!;
        const r = await get(page.path, session);
        if (r.status === 200) pageMs.get(page.name)!.push(r.ms);
        else errors.push(`${page.name}: HTTP ${r.status}`);
      }
    }),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const [written] = await query<{ n: number }>(
    url,
    `select count(*) as n from conversations where notes = 'bench:http tablet' and created_at >= ?`,
    [startedAt],
  );

  const e = pcts(entryMs);
  console.log(
    `\nMixed load on ${where(url)}: ${tablets.length} tablets recording talks through the booth's server action, ${MANAGERS} managers reading dashboards, ${SECONDS} s:`,
  );
  console.log(
    `  entries: ${entryMs.length} in ${seconds.toFixed(1)} s = ${(entryMs.length / seconds).toFixed(1)}/s, p50 / p95 / p99 ${ms(e.p50)} / ${ms(e.p95)} / ${ms(e.p99)} ms; largest answer ${kb(entryBytes)}; talks found in the database: ${written?.n ?? '?'}`,
  );
  for (const [name, xs] of pageMs) {
    const p = pcts(xs);
    console.log(`  ${name.padEnd(28)} ${String(xs.length).padStart(5)} reads, p95 ${ms(p.p95)} ms (p50 ${ms(p.p50)})`);
  }
  console.log(`  errors: ${errors.length}`);
  for (const message of [...new Set(errors)].slice(0, 10)) console.log(`    ${message}`);
  return errors.length;
}

// ------------------------------------------------------------------ run

console.log(`[bench:http] production build of ${ROOT}`);
ensureBuild();
const load1 = os.loadavg();
console.log(
  `[bench:http] ${os.cpus().length} cores, load average ${load1.map((l) => l.toFixed(2)).join(' ')} before the run; Node ${process.version}`,
);
let app = await startApp(readUrl);
// Interrupted: the server goes too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    app.kill('SIGTERM');
    process.exit(130);
  });
let failures = 0;
try {
  console.log(
    `[bench:http] next start on ${BASE}, database ${where(readUrl)} (read only: sessions minted, nothing written)`,
  );
  const { pages: allPages, facts } = await pagesOf(readUrl);
  const only = values.pages?.split(',').map((p) => p.trim());
  const pages = only ? allPages.filter((p) => only.includes(p.name)) : allPages;
  if (only && pages.length < only.length)
    throw new Error(`--pages: no page named ${only.filter((n) => !allPages.some((p) => p.name === n)).join(', ')}`);
  for (const f of facts) console.log(`  ${f}`);
  const sessions = {} as Record<Role, Session>;
  for (const role of ['admin', 'manager', 'employee'] as Role[]) {
    const [user] = await usersOf(readUrl, role, 1);
    if (!user) throw new Error(`${where(readUrl)} has no active ${role}.`);
    sessions[role] = await mintSession(user);
    console.log(`  as ${role}: ${user.email}`);
  }
  if (!values['mixed-only']) {
    if (!values['no-sizes']) await sizes(pages, sessions);
    await latencies(pages, sessions);
  }

  if (!mixedUrl)
    console.log(
      `\n[bench:http] no mixed load: it writes talks, so it runs only on a database named in BENCH_HTTP_MIXED_DATABASE_URL (README).`,
    );
  else if (!values['no-mixed']) {
    if (mixedUrl !== readUrl) {
      await stopApp(app);
      app = await startApp(mixedUrl);
    }
    console.log(`\n[bench:http] the mixed load WRITES talks into ${where(mixedUrl)}`);
    const { pages: mixedPages } = mixedUrl === readUrl ? { pages: allPages } : await pagesOf(mixedUrl);
    failures = await mixed(mixedUrl, mixedPages);
  }
  const load2 = os.loadavg();
  console.log(`\n[bench:http] load average ${load2.map((l) => l.toFixed(2)).join(' ')} after the run`);
} finally {
  await stopApp(app);
}
process.exit(failures ? 1 : 0);
