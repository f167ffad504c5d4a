import { expect, test, type Page } from '@playwright/test';
import mysql from 'mysql2/promise';

import { ulid } from '@/lib/ulid';

import { authFile, e2eDatabaseUrl, expectAccessible, unique } from './fixtures';

/**
 * Two live visitors with one phone cannot be made through the app (invariant 13: the booth and the
 * contact forms refuse the second), only by old data or an old import — so the test writes them as those would.
 */
async function withDatabase<T>(run: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ uri: e2eDatabaseUrl(), timezone: 'Z' });
  try {
    return await run(conn);
  } finally {
    await conn.end();
  }
}

/** Two visitors with one phone, the older with a note on a demo company's timeline; returns that company's id. */
async function insertDuplicateVisitors(phone: string, names: [string, string]): Promise<string> {
  return withDatabase(async (conn) => {
    const [older, newer] = [ulid(), ulid()];
    // The older first: the duplicates page lists a group oldest first.
    await conn.query(
      "insert into contacts (id, type, name, phone, city, created_at, updated_at) values (?, 'visitor', ?, ?, 'Jaipur', '2024-05-01 10:00:00', '2024-05-01 10:00:00'), (?, 'visitor', ?, ?, null, '2024-06-01 10:00:00', '2024-06-01 10:00:00')",
      [older, names[0], phone, newer, names[1], phone],
    );
    const [[company]] = (await conn.query(
      "select id from contacts where type = 'exhibitor' and deleted_at is null order by name limit 1",
    )) as unknown as [[{ id: string }]];
    const [[employee]] = (await conn.query(
      "select id from users where email = 'employee@paridharan.test'",
    )) as unknown as [[{ id: string }]];
    await conn.query(
      "insert into conversations (id, exhibitor_id, visitor_id, visitor_phone, employee_id, outcome, kind, notes, conversation_date) values (?, ?, ?, ?, ?, 'interested', 'manual', 'Asked about corner stalls', now() - interval 1 minute)",
      [ulid(), company.id, older, phone, employee.id],
    );
    return company.id;
  });
}

/** Two companies entered twice, without a city (the picker then lists each by its name alone). */
async function insertCompanies(names: [string, string]): Promise<[string, string]> {
  const ids: [string, string] = [ulid(), ulid()];
  await withDatabase((conn) =>
    conn.query(
      "insert into contacts (id, type, name, phone) values (?, 'exhibitor', ?, null), (?, 'exhibitor', ?, '+912226543210')",
      [ids[0], names[0], ids[1], names[1]],
    ),
  );
  return ids;
}

/** The group of this test on the duplicates page, following "Next" (or "Look further") when other groups come first. */
async function findGroup(page: Page, name: string) {
  await page.goto('/contacts/duplicates?tab=phone');
  const group = page.locator('section').filter({ hasText: name });
  for (let i = 0; i < 50 && !(await group.isVisible()); i++) {
    const next = page.getByRole('link', { name: /^(Next|Look further)$/ });
    if (!(await next.isVisible())) break;
    await next.click();
    await page.waitForLoadState();
  }
  await expect(group).toBeVisible();
  return group;
}

test.describe('[CONTACTS]: merging duplicates', () => {
  test('an admin merges two visitors sharing a phone, keeping the one they choose, and the booth then finds one person', async ({
    browser,
  }) => {
    test.slow();
    const u = unique();
    // A mobile starting with 6 sorts before most others, so the group is near the first page.
    const digits = `6${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const older = `Meera Joshi ${u}`;
    const newer = `Meera J ${u}`;
    const companyId = await insertDuplicateVisitors(`+91${digits}`, [older, newer]);

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
    // The company the merged visitor talked to shows the merge on its timeline.
    await adminPage.goto(`/companies/${companyId}/timeline`);
    await expect(
      adminPage.getByTestId('timeline-merge').filter({ hasText: `Visitor ${older} was merged into ${newer} by` }),
    ).toBeVisible();
    await admin.close();

    // One person for that phone now: the kept one, with the other's blank details filled in.
    await tablet.goto('/booth');
    await tablet.getByLabel('Phone').fill(digits);
    await expect(tablet.getByTestId('visitor-panel')).toContainText(`${newer}, Jaipur`);
    await booth.close();
  });

  test('an admin merges a company entered twice, and its old link leads to the one kept', async ({ browser }) => {
    test.slow();
    const u = unique();
    const [gone, kept] = [`Lotus Handloom ${u}`, `Lotus Handlooms ${u}`];
    const [goneId, keptId] = await insertCompanies([gone, kept]);
    const admin = await browser.newContext({ storageState: authFile('admin') });
    const page = await admin.newPage();
    await page.goto('/contacts/duplicates?tab=companies');
    await page.getByLabel('Find the company to merge away').fill(gone);
    await expect(
      page.getByLabel('Company to merge away', { exact: true }).locator('option', { hasText: gone }),
    ).toHaveCount(1);
    await page.getByLabel('Company to merge away', { exact: true }).selectOption({ label: gone });
    await page.getByLabel('Find the company to keep').fill(kept);
    await expect(
      page.getByLabel('Merge it into (this company is kept)').locator('option', { hasText: kept }),
    ).toHaveCount(1);
    await page.getByLabel('Merge it into (this company is kept)').selectOption({ label: kept });
    await page.getByRole('button', { name: 'Review the merge' }).click();
    await expect(page.getByRole('heading', { name: `Merge ${gone} into ${kept}?` })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: `Yes, merge ${gone} into ${kept}` }).click();
    await expect(page.getByRole('status')).toContainText(`Merged ${gone} into ${kept}.`);

    // The merged company's dashboard and timeline links lead to the kept company.
    await page.goto(`/companies/${goneId}`);
    await expect(page).toHaveURL(new RegExp(`/companies/${keptId}$`));
    await expect(page.getByRole('heading', { level: 1, name: kept })).toBeVisible();
    await page.goto(`/companies/${goneId}/timeline`);
    await expect(page).toHaveURL(new RegExp(`/companies/${keptId}/timeline$`));
    await expect(
      page.getByTestId('timeline-merge').filter({ hasText: `Company ${gone} was merged into this company` }),
    ).toBeVisible();
    await admin.close();
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
