/**
 * The project-private MariaDB/MySQL server used when DATABASE_URL is not set:
 * data under .data/ (git-ignored), loopback only, its own port, reused when
 * already running, created in about a second when not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

import { env, localDatabaseUrl } from '../lib/env';

export const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, '.data');
const DB_HOME = path.join(DATA, 'mariadb');

const SEARCH_DIRS = [
  '/usr/sbin',
  '/usr/bin',
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/local/mysql/bin',
  ...(process.env.PATH ?? '').split(':'),
];

function findBinary(names: string[]): string | undefined {
  for (const name of names) {
    for (const dir of SEARCH_DIRS) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return undefined;
}

async function canConnect(port: number): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

const HOW_TO = `Paridharan CRM needs a MariaDB (10.11+) or MySQL (8.0+) server. DATABASE_URL is not set, so it tried to start a private server of its own under .data/, but no server program (mariadbd or mysqld) is installed and it cannot install one (that needs root on Debian/Ubuntu). Either install one yourself — on Debian/Ubuntu: sudo apt-get install mariadb-server (the project starts its own private instance; you need not configure the system one) — or point the app at an existing database by setting DATABASE_URL=mysql://user:password@host:3306/paridharan in .env.local (see .env.example), then run npm run db:migrate.`;

function installServer(): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) throw new Error(HOW_TO);
  console.log("[db] No MariaDB/MySQL server found: installing Debian's mariadb-server with apt-get (once)…");
  const envs = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: envs });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'mariadb-server'], { stdio: 'inherit', env: envs });
  if (update.status !== 0 || install.status !== 0)
    throw new Error(`apt-get install mariadb-server failed.\n\n${HOW_TO}`);
}

function initialiseDatadir(paths: ServerPaths = DEFAULT_PATHS): void {
  mkdirSync(paths.home, { recursive: true });
  const mariaInstall = findBinary(['mariadb-install-db', 'mysql_install_db']);
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  let result;
  if (mariaInstall && !mariaInstall.endsWith('mysql_install_db')) {
    result = spawnSync(
      mariaInstall,
      [
        '--no-defaults',
        `--datadir=${paths.datadir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...asRoot,
      ],
      { encoding: 'utf8' },
    );
  } else {
    // MySQL 8: mysqld initialises its own data directory.
    const mysqld = findBinary(['mysqld'])!;
    result = spawnSync(mysqld, ['--no-defaults', '--initialize-insecure', `--datadir=${paths.datadir}`, ...asRoot], {
      encoding: 'utf8',
    });
  }
  if (result.status !== 0)
    throw new Error(
      `Could not initialise the private database in ${paths.datadir}:\n${result.stderr || result.stdout}`,
    );
}

/** Where a server keeps its data, socket, pid and log: all under one folder. */
type ServerPaths = { home: string; datadir: string; socket: string; pidfile: string; logfile: string };

function serverPaths(home: string): ServerPaths {
  return {
    home,
    datadir: path.join(home, 'data'),
    socket: path.join(home, 'mysqld.sock'),
    pidfile: path.join(home, 'mysqld.pid'),
    logfile: path.join(home, 'mysqld.log'),
  };
}

const DEFAULT_PATHS = serverPaths(DB_HOME);

/** Starts a server on `port` with its data under `paths` (initialised when new) and waits until it answers. */
async function spawnServer(paths: ServerPaths, port: number, bufferPool: string): Promise<void> {
  let server = findBinary(['mariadbd', 'mysqld']);
  if (!server) {
    installServer();
    server = findBinary(['mariadbd', 'mysqld']);
    if (!server) throw new Error(HOW_TO);
  }
  if (!existsSync(path.join(paths.datadir, 'mysql'))) initialiseDatadir(paths);

  const args = [
    '--no-defaults',
    `--datadir=${paths.datadir}`,
    `--socket=${paths.socket}`,
    `--pid-file=${paths.pidfile}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--default-time-zone=+00:00',
    `--innodb-buffer-pool-size=${bufferPool}`,
    '--innodb-flush-log-at-trx-commit=2',
    '--max-connections=500',
    ...(process.getuid?.() === 0 ? ['--user=root'] : []),
  ];
  const log = openSync(paths.logfile, 'a');
  const child = spawn(server, args, { detached: true, stdio: ['ignore', log, log] });
  child.unref();

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await canConnect(port)) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = existsSync(paths.logfile) ? readFileSync(paths.logfile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(
    `The private database server did not start on 127.0.0.1:${port}. Its log (${paths.logfile}):\n${tail}`,
  );
}

/** Starts (or reuses) the private server and returns its port. */
export async function ensureLocalServer(): Promise<number> {
  const port = env.LOCAL_DB_PORT;
  if (await canConnect(port)) return port;
  await spawnServer(DEFAULT_PATHS, port, process.env.LOCAL_DB_BUFFER_POOL ?? defaultBufferPool());
  return port;
}

/** Stops the private server if it runs. */
export async function stopLocalServer(): Promise<boolean> {
  return stopServerAt(DB_HOME);
}

/**
 * A server of its own on `port`, its data under `home` (created when new):
 * for tests that stop and start a database. Refuses a port that already
 * answers, so it never stands in for (or next to) someone else's server.
 */
export async function startServerAt(
  port: number,
  home: string,
  opts: { bufferPool?: string } = {},
): Promise<{ port: number; home: string; url: string }> {
  if (await canConnect(port))
    throw new Error(`A database server already answers on 127.0.0.1:${port}; choose a free port.`);
  await spawnServer(serverPaths(path.resolve(home)), port, opts.bufferPool ?? '128M');
  return { port, home, url: localDatabaseUrl('mysql', port) };
}

/**
 * Stops the server whose pid file is under `home` — only a server started
 * there — with SIGTERM (a clean shutdown) or SIGKILL (a crash), and waits
 * until it has exited. False when none ran.
 */
export async function stopServerAt(home: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<boolean> {
  const { pidfile, datadir } = serverPaths(path.resolve(home));
  if (!existsSync(pidfile)) return false;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  // A pid file a crash left behind may name a process that is no longer this server.
  const cmdline = `/proc/${pid}/cmdline`;
  if (
    existsSync('/proc/self') &&
    (!existsSync(cmdline) || !readFileSync(cmdline, 'utf8').includes(`--datadir=${datadir}`))
  ) {
    rmSync(pidfile, { force: true });
    return false;
  }
  try {
    process.kill(pid, signal);
  } catch {
    return false;
  }
  for (let i = 0; i < 300; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(pidfile, { force: true });
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Creates a database (utf8mb4) on a server given by URL, if missing. */
export async function createDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name "${name}"`);
  u.pathname = '/';
  const conn = await mysql.createConnection({ uri: u.toString() });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name "${name}"`);
  u.pathname = '/';
  const conn = await mysql.createConnection({ uri: u.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/**
 * The database this process should use: DATABASE_URL as is, or the private
 * server (started if needed) with the given database created. `isPrivate` says
 * which, so demo data is only ever seeded unasked into the private one.
 */
export async function resolveDatabase(database = 'paridharan'): Promise<{ url: string; isPrivate: boolean }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    // Another database on the private server (e.g. paridharan_large): start it and create the database.
    if (isLocalUrl(given) && Number(new URL(given).port) === env.LOCAL_DB_PORT) {
      await ensureLocalServer();
      await createDatabase(given);
    }
    return { url: given, isPrivate: false };
  }
  const port = await ensureLocalServer();
  const url = localDatabaseUrl(database, port);
  await createDatabase(url);
  return { url, isPrivate: true };
}

/**
 * A missing AUTH_SECRET is generated once into .env.local (git-ignored), so a newcomer configures nothing.
 * The file holds secrets: it is created readable by its owner only (0600), and an existing one that
 * others may read is narrowed to that.
 */
export function ensureAuthSecret(
  file = path.join(ROOT, '.env.local'),
  environment: Record<string, string | undefined> = process.env,
): string {
  const exists = existsSync(file);
  if (exists) keepPrivate(file);
  const existing = exists ? readFileSync(file, 'utf8') : '';
  if (environment.AUTH_SECRET) return environment.AUTH_SECRET;
  const found = /^AUTH_SECRET=(.+)$/m.exec(existing)?.[1]?.trim();
  const secret = found || randomBytes(32).toString('base64url');
  if (!found) {
    if (existing) appendFileSync(file, `${existing.endsWith('\n') ? '' : '\n'}AUTH_SECRET=${secret}\n`);
    else writeFileSync(file, `# Generated on first start; keep it secret.\nAUTH_SECRET=${secret}\n`, { mode: 0o600 });
  }
  environment.AUTH_SECRET = secret;
  return secret;
}

/** Takes away every permission of group and others (0644 becomes 0600); a file already private is left alone. */
function keepPrivate(file: string): void {
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) chmodSync(file, mode & 0o700);
}

/** True when a URL points at this machine (tests refuse anything else). */
export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

/**
 * A quarter of the machine's memory, between 1 GiB and 4 GiB: the large data
 * set (~2.6 GiB with its indexes) fits whole on a machine of 12 GiB or more,
 * and a small laptop keeps most of its memory. InnoDB takes the pages as it uses them.
 */
function defaultBufferPool(): string {
  const mib = Math.floor(os.totalmem() / 4 / 2 ** 20);
  return `${Math.min(4096, Math.max(1024, mib - (mib % 128)))}M`;
}
