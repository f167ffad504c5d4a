import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';

import { createDb, createPool, type Db } from '@/db';
import { users } from '@/db/schema';
import { createCampaign } from '@/db/services/campaigns';
import { createLocation, createStall } from '@/db/services/locations';
import { createUser } from '@/db/services/users';

export const DEMO_PASSWORD = 'paridharan-demo';
export const LOGINS = {
  admin: 'admin@paridharan.test',
  manager: 'manager@paridharan.test',
  employee: 'employee@paridharan.test',
} as const;
export type DemoRole = keyof typeof LOGINS;

export const authFile = (role: DemoRole) => `e2e/.auth/${role}.json`;

/**
 * For role and permission matrices (who may open what): they answer the same at every screen
 * size, so the tablet project skips them (playwright.config.ts) and they run at the desktop size only.
 */
export const DESKTOP_ONLY = { tag: '@desktop-only' };

/** A unique suffix so parallel tests and repeated runs never collide. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signed in: the start page shows the user (signIn only submits the form). */
export async function signedIn(page: Page, user: { email: string; password: string; name: string }) {
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId('user-name')).toHaveText(user.name);
}

/** The worker registered by /offline (which needs no session) and controlling the page. */
export async function withWorker(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto('/offline');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  return page;
}

/** The paths the worker keeps a page copy of now. */
export const keptPages = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith('paridharan-pages-')) continue;
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });

/** No accessibility violations (WCAG 2 A/AA) on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The rows of an RFC 4180 CSV text (quoted cells, doubled quotes, CRLF), without the byte-order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r?\n|$)/g;
  let row: string[] = [];
  for (const m of text.replace(/^\uFEFF/, '').matchAll(re)) {
    const raw = m[1]!;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] !== ',') {
      rows.push(row);
      row = [];
      if (m[2] === '') break;
    }
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** A random valid Indian mobile (10 digits, starting 9). */
export const newPhone = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

/**
 * A demo company picked by its place in the name order (never by its figures, which move with
 * the calendar and with other tests): `first` or `last` by name.
 */
export async function companyByName(page: Page, which: 'first' | 'last'): Promise<{ id: string; name: string }> {
  await page.goto(`/companies?sort=name&dir=${which === 'first' ? 'asc' : 'desc'}`);
  const link = page.getByRole('table', { name: 'Companies' }).locator('tbody th a').first();
  const href = (await link.getAttribute('href'))!;
  const name = (await link.locator('span').first().textContent())!.trim();
  return { id: href.split('/companies/')[1]!, name };
}

/**
 * The app's "today" (yyyy-mm-dd, the day in India) by the server's clock — the `Date` header
 * of one of its responses — so a test agrees with the server even when the clock has been moved.
 */
export async function serverToday(page: Page): Promise<string> {
  const response = await page.request.get('/api/auth/csrf');
  const date = new Date(response.headers()['date'] ?? '');
  if (Number.isNaN(date.getTime())) throw new Error('The server sent no Date header.');
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(date);
}

/**
 * The e2e server's database, picked as scripts/e2e-server.ts picks it: E2E_DB (default
 * paridharan_e2e) on DATABASE_URL's server, or on the project's private one.
 */
export function e2eDatabaseUrl(): string {
  const database = process.env.E2E_DB ?? 'paridharan_e2e';
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${database}`;
    return u.toString();
  }
  return `mysql://root@127.0.0.1:${process.env.LOCAL_DB_PORT ?? 3407}/${database}`;
}

type Location = { id: number; name: string };
type Campaign = { id: string; name: string };
type OwnUser = { id: string; name: string; email: string; password: string };

export type Fixtures = {
  /**
   * A location of the test's own with its stalls, written through the app's services (what the
   * admin's Locations page does; admin.spec drives that page). The event dates are fixed and far
   * ahead, so the stalls can be booked whatever the day the suite runs (the booth books a stall
   * for the event's first day). Prices are typed as a person would ("12,50,000").
   */
  newLocation: (opts: {
    name: string;
    stalls: { name: string; price: string }[];
    start?: string;
    end?: string;
  }) => Promise<Location>;
  /** A campaign of the test's own (a WhatsApp draft by the demo admin), for a talk to be attributed to by name. */
  newCampaign: (name: string) => Promise<Campaign>;
  /**
   * A user of the test's own (what the admin's Users page does): tests that sign out or reset a
   * password must never touch the shared demo users, whose sessions in e2e/.auth serve every other test.
   */
  newUser: (role?: 'employee' | 'manager') => Promise<OwnUser>;
};

/** Tests that need rows of their own import `test` from here: the rows are written to the e2e database directly. */
// (A fixture's second argument is named `provide`, not Playwright's usual `use`: React's hooks rule reads `use` as its hook.)
export const test = base.extend<Fixtures, { e2eDb: Db }>({
  e2eDb: [
    async ({}, provide) => {
      const pool = createPool(e2eDatabaseUrl(), 2);
      await provide(createDb(pool));
      await pool.end();
    },
    { scope: 'worker' },
  ],
  newLocation: async ({ e2eDb }, provide) => {
    await provide(async ({ name, stalls, start = '2031-02-14', end = '2031-02-16' }) => {
      const id = await createLocation(e2eDb, {
        loc_name: name,
        address: null,
        event_start_date: start,
        event_end_date: end,
      });
      for (const stall of stalls)
        await createStall(e2eDb, {
          location_mngt_id: id,
          table_name: stall.name,
          price: stall.price.replace(/,/g, ''),
        });
      return { id, name };
    });
  },
  newCampaign: async ({ e2eDb }, provide) => {
    await provide(async (name) => {
      const [admin] = await e2eDb.select({ id: users.id }).from(users).where(eq(users.email, LOGINS.admin));
      if (!admin) throw new Error('The demo admin is missing: the e2e server seeds it.');
      const id = await createCampaign(e2eDb, admin.id, {
        name,
        channel: 'whatsapp',
        message: 'Stalls are open for the spring fair',
        status: 'draft',
        sent_on: null,
      });
      return { id, name };
    });
  },
  newUser: async ({ e2eDb }, provide) => {
    await provide(async (role = 'employee') => {
      const user = {
        name: `Session Tester ${unique()}`,
        email: `session-${unique()}@paridharan.test`,
        password: `booth-pass-${unique()}`,
      };
      const { id } = await createUser(e2eDb, { ...user, role });
      return { id, ...user };
    });
  },
});
export { expect };
