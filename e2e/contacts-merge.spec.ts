import { expect, test, type Page } from '@playwright/test';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { authFile, expectAccessible, unique } from './fixtures';

/**
 * The e2e server's database (scripts/e2e-server.ts picks it the same way). Two live visitors with
 * one phone cannot be made through the app (invariant 13: the booth and the contact forms refuse
 * the second), only by old data or an old import — so the test writes them as those would.
 */
function e2eDatabaseUrl(): string {
  const database = process.env.E2E_DB ?? 'paridharan_e2e';
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${database}`;
    return u.toString();
  }
  return `mysql://root@127.0.0.1:${process.env.LOCAL_DB_PORT ?? 3407}/${database}`;
}

async function insertDuplicateVisitors(phone: string, names: [string, string]) {
  const conn = await mysql.createConnection(e2eDatabaseUrl());
  try {
    // The older first: the duplicates page lists a group oldest first.
    await conn.query("insert into contacts (id, type, name, phone, city, created_at, updated_at) values (?, 'visitor', ?, ?, 'Jaipur', '2024-05-01 10:00:00', '2024-05-01 10:00:00'), (?, 'visitor', ?, ?, null, '2024-06-01 10:00:00', '2024-06-01 10:00:00')", [
      ulid(),
      names[0],
      phone,
      ulid(),
      names[1],
      phone,
    ]);
  } finally {
    await conn.end();
  }
}

/** The group of this test on the duplicates page, following "Next" when other groups come first. */
async function findGroup(page: Page, name: string) {
  await page.goto('/contacts/duplicates?tab=phone');
  const group = page.locator('section').filter({ hasText: name });
  for (let i = 0; i < 50 && !(await group.isVisible()); i++) {
    const next = page.getByRole('link', { name: 'Next' });
    if (!(await next.isVisible())) break;
    await next.click();
    await page.waitForLoadState();
  }
  await expect(group).toBeVisible();
  return group;
}

test.describe('[CONTACTS]: merging duplicates', () => {
  test('an admin merges two visitors sharing a phone, keeping the one they choose, and the booth then finds one person', async ({ browser }) => {
    test.slow();
    const u = unique();
    // A mobile starting with 6 sorts before most others, so the group is near the first page.
    const digits = `6${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const older = `Meera Joshi ${u}`;
    const newer = `Meera J ${u}`;
    await insertDuplicateVisitors(`+91${digits}`, [older, newer]);

    const booth = await browser.newContext({ storageState: authFile('employee') });
    const tablet = await booth.newPage();
    await tablet.goto('/booth');
    // Two people with one phone: the booth names neither.
    await tablet.getByLabel('Phone').fill(digits);
    await expect(tablet.getByTestId('visitor-panel')).toBeVisible();
    await expect(tablet.getByTestId('visitor-panel')).not.toContainText(u);

    const admin = await browser.newContext({ storageState: authFile('admin') });
    const adminPage = await admin.newPage();
    const group = await findGroup(adminPage, older);
    await expect(group.getByRole('row')).toHaveCount(3);
    await expectAccessible(adminPage);
    // Keep the newer one (not the default), merge the older into it.
    await group.getByRole('radio', { name: `Keep ${newer}` }).check();
    await group.getByRole('radio', { name: `Merge ${older} away` }).check();
    await group.getByRole('button', { name: /^Merge…/ }).click();
    await group.getByRole('button', { name: `Yes, merge ${older} into ${newer}` }).click();
    await expect(adminPage.getByRole('status')).toContainText(`Merged ${older} into ${newer}.`);
    await expect(adminPage.locator('section').filter({ hasText: older })).toHaveCount(0);
    await admin.close();

    // One person for that phone now: the kept one, with the other's blank details filled in.
    await tablet.goto('/booth');
    await tablet.getByLabel('Phone').fill(digits);
    await expect(tablet.getByTestId('visitor-panel')).toContainText(`${newer}, Jaipur`);
    await booth.close();
  });

  for (const role of ['employee', 'manager'] as const) {
    test(`a${role === 'employee' ? 'n' : ''} ${role} gets 403 on the duplicates page`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: authFile(role) });
      const page = await context.newPage();
      const response = await page.goto('/contacts/duplicates');
      expect(response?.status()).toBe(403);
      await context.close();
    });
  }
});
