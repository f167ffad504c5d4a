import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'paridharan-demo';
export const LOGINS = {
  admin: 'admin@paridharan.test',
  manager: 'manager@paridharan.test',
  employee: 'employee@paridharan.test',
} as const;
export type DemoRole = keyof typeof LOGINS;

export const authFile = (role: DemoRole) => `e2e/.auth/${role}.json`;

/** A unique suffix so parallel tests and repeated runs never collide. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

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
 * A location of the test's own with its stalls, made by an admin (in a context of its own).
 * The event dates are fixed and far ahead, so the location's stalls can be booked whatever
 * the day the suite runs (the booth books a stall for the event's first day).
 */
export async function newLocation(
  browser: Browser,
  { name, stalls, start = '2031-02-14', end = '2031-02-16' }: { name: string; stalls: { name: string; price: string }[]; start?: string; end?: string },
): Promise<{ id: number; name: string }> {
  const admin = await browser.newContext({ storageState: authFile('admin') });
  const page = await admin.newPage();
  await page.goto('/admin/locations');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Event starts').fill(start);
  await page.getByLabel('Event ends').fill(end);
  await page.getByRole('button', { name: 'Create location' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const addStall = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add stall' }) });
  for (const stall of stalls) {
    await addStall.getByLabel('Stall name').fill(stall.name);
    await addStall.getByLabel('List price (₹)').fill(stall.price);
    await addStall.getByRole('button', { name: 'Add stall' }).click();
    await expect(page.getByRole('status')).toContainText(`Added stall ${stall.name} at`);
  }
  await admin.close();
  return { id, name };
}

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

/** A campaign of the test's own (a draft, made by an admin), for a talk to be attributed to by name. */
export async function newCampaign(browser: Browser, name: string): Promise<{ id: string; name: string }> {
  const admin = await browser.newContext({ storageState: authFile('admin') });
  const page = await admin.newPage();
  await page.goto('/admin/campaigns');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Channel').selectOption('whatsapp');
  await page.getByLabel('Message').fill('Stalls are open for the spring fair');
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').pop()!;
  await admin.close();
  return { id, name };
}
