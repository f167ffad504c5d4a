import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';

import { authFile, DESKTOP_ONLY, expectAccessible, newPhone, parseCsv, unique } from './fixtures';

/** Adds a visitor through the form (as an admin) and returns its contact id, read from the page it opens. */
async function addVisitor(
  page: Page,
  v: { name: string; phone: string; city?: string; email?: string },
): Promise<string> {
  await page.goto('/contacts/new?type=visitor');
  await page.getByLabel('Name', { exact: true }).fill(v.name);
  await page.getByLabel('Phone').fill(v.phone);
  if (v.email) await page.getByLabel('Email').fill(v.email);
  if (v.city) await page.getByLabel('City').fill(v.city);
  await page.getByRole('button', { name: 'Add visitor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: v.name })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(`Added ${v.name}.`);
  return new URL(page.url()).pathname.split('/').pop()!;
}

async function asAdmin<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: authFile('admin') });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe('[CONTACTS]: admins add and check contacts', () => {
  test.use({ storageState: authFile('admin') });

  test('an added company is found at the booth’s company search', async ({ page }) => {
    const name = `Kanchipuram Silks ${unique()}`;
    await page.goto('/contacts?view=companies');
    await page.getByRole('link', { name: 'Add company' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Add a company' })).toBeVisible();
    await page.getByLabel('Company name').fill(name);
    await page.getByLabel('Contact person').fill('Meenakshi');
    await page.getByLabel('Phone').fill('044 2345 6789');
    await page.getByLabel('City').fill('Chennai');
    // A GSTIN whose check character is wrong is refused, and what was typed stays.
    await page.getByLabel('GSTIN').fill('33AABCK1234L1ZZ');
    await page.getByRole('button', { name: 'Add company' }).click();
    await expect(page.getByText(/Not a valid GSTIN/).first()).toBeVisible();
    await expect(page.getByLabel('GSTIN')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Company name')).toHaveValue(name);
    await expectAccessible(page);
    await page.getByLabel('GSTIN').fill('');
    await page.getByRole('button', { name: 'Add company' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Open the company’s dashboard' })).toBeVisible();

    // Listed, and its name opens its dashboard.
    await page.goto(`/contacts?view=companies&q=${encodeURIComponent(name)}`);
    const table = page.getByRole('table', { name: 'Companies' });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator('tbody')).toContainText('+91 44 2345 6789');

    await page.goto('/booth');
    if (await page.getByRole('button', { name: 'Change company' }).isVisible())
      await page.getByRole('button', { name: 'Change company' }).click();
    await page.getByLabel('Find the exhibitor').fill(name);
    await expect(
      page.getByRole('list', { name: 'Matching companies' }).getByRole('button', { name: new RegExp(name) }),
    ).toBeVisible();
  });

  test('a second visitor with the same phone in another spelling is refused, with a link to the first', async ({
    page,
  }) => {
    const phone = newPhone();
    const first = `Revathi Nair ${unique()}`;
    const firstId = await addVisitor(page, { name: first, phone: `${phone.slice(0, 5)} ${phone.slice(5)}` });

    await page.goto('/contacts/new?type=visitor');
    const second = `Revathi N ${unique()}`;
    await page.getByLabel('Name', { exact: true }).fill(second);
    await page.getByLabel('Phone').fill(`+91-${phone.slice(0, 5)}-${phone.slice(5)}`);
    await page.getByRole('button', { name: 'Add visitor' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText(`${first} already has the phone`);
    await expect(page.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(second);
    await expectAccessible(page);
    await page.getByRole('link', { name: `Open ${first}` }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${firstId}$`));
    await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible();

    // Searching the phone in a third spelling finds the one visitor.
    await page.goto(`/contacts?view=visitors&q=${encodeURIComponent(`0${phone}`)}`);
    const rows = page.getByRole('table', { name: 'Visitors' }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(first);
  });

  test('deleting shows what still points at the visitor; restore brings it back', async ({ page }) => {
    const name = `Farhan Ali ${unique()}`;
    await addVisitor(page, { name, phone: newPhone() });
    await page.getByRole('button', { name: 'Delete…' }).click();
    await expect(
      page.getByText(`Still pointing at ${name}: 0 leads, 0 talks, 0 bookings, 0 campaign recipients`),
    ).toBeVisible();
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(page.getByText(/Deleted on/)).toBeVisible();
    await page.getByRole('button', { name: `Restore ${name}` }).click();
    await expect(page.getByRole('button', { name: 'Delete…' })).toBeVisible();
  });
});

test.describe('[CONTACTS]: managers read and export', () => {
  test.use({ storageState: authFile('manager') });

  test('a manager exports the visitors of one city as CSV', async ({ page, browser }) => {
    // Two visitors added in an admin's browser first, then the list, the download and a page.
    test.slow();
    const city = `Madurai ${unique()}`;
    const [a, b] = [`Selvi ${unique()}`, `Arul ${unique()}`];
    const phone = newPhone();
    await asAdmin(browser, async (admin) => {
      await addVisitor(admin, { name: a, phone, city, email: `Selvi.${unique()}@Example.in` });
      await addVisitor(admin, { name: b, phone: newPhone(), city });
    });

    await page.goto('/contacts?view=visitors');
    // Read only: no way to add for a manager.
    await expect(page.getByRole('link', { name: 'Add visitor' })).toHaveCount(0);
    await page.getByLabel('City').fill(city);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('table', { name: 'Visitors' }).locator('tbody tr')).toHaveCount(2);
    await expectAccessible(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('visitors.csv');
    const [header, ...rows] = parseCsv(await readFile((await file.path())!, 'utf8'));
    expect(header).toEqual(['id', 'name', 'phone', 'email', 'city', 'company_name', 'created_at']);
    expect(rows.map((r) => r[1]).sort()).toEqual([a, b].sort());
    const row = rows.find((r) => r[1] === a)!;
    expect(row[2]).toBe(`+91${phone}`);
    expect(row[3]).toMatch(/^selvi\.[a-z0-9]+@example\.in$/);
    expect(row[4]).toBe(city);

    // A visitor's page is read only for a manager.
    await page.getByRole('table', { name: 'Visitors' }).getByRole('link', { name: a }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Details (read only)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  });
});

test.describe('[CONTACTS]: employees', () => {
  test.use({ storageState: authFile('employee') });

  test('get 403 on the contacts pages and the export', DESKTOP_ONLY, async ({ page }) => {
    for (const path of ['/contacts', '/contacts/new?type=visitor']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'This page is beyond your role' })).toBeVisible();
    }
    expect((await page.request.get('/api/export/contacts?view=visitors')).status()).toBe(403);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' })).toHaveCount(0);
  });
});
