import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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
