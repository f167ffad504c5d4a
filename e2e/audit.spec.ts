import { authFile, expect, expectAccessible, test, unique } from './fixtures';

test.describe('[AUDIT]: the admin reads who changed what', () => {
  test.use({ storageState: authFile('admin') });

  test('a stall added and repriced on the screen is in the audit log with its author, screen and prices; the CSV holds it; a manager is refused', async ({
    page,
    browser,
  }) => {
    test.slow(); // a location, two stall writes, the audit page three times, axe
    const name = `Audit Hall ${unique()}`;
    await page.goto('/admin/locations');
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create location' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const locationPath = new URL(page.url()).pathname;
    const addStall = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add stall' }) });
    await addStall.getByLabel('Stall name').fill('A-1');
    await addStall.getByLabel('List price (₹)').fill('30000');
    await addStall.getByRole('button', { name: 'Add stall' }).click();
    await expect(page.getByRole('status')).toHaveText('Added stall A-1 at ₹30,000.00.');

    await page.goto('/admin/audit?action=stall.created');
    const table = page.getByRole('table', { name: 'Audit log' });
    const row = table.getByRole('row').filter({ hasText: 'A-1' }).filter({ hasText: '30000.00' }).first();
    await expect(row).toContainText('stall.created');
    await expect(row).toContainText(locationPath);
    await expect(row).toContainText('Screen');
    await expectAccessible(page);

    // Its history: every row of that stall, and the CSV of it.
    await row.getByRole('link', { name: /Its history/ }).click();
    await expect(page).toHaveURL(/entity=stall&entity_id=\d+/);
    await expect(table.getByRole('row')).toHaveCount(2); // the header and the one row
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('stall.created');
    expect(text).toContain(locationPath);

    // A date the entry is not on: nothing, and a way back.
    await page.goto('/admin/audit?action=stall.created&to=2001-01-01');
    await expect(page.getByRole('heading', { name: 'Nothing matches these filters' })).toBeVisible();

    const manager = await browser.newContext({ storageState: authFile('manager') });
    const managerPage = await manager.newPage();
    expect((await managerPage.goto('/admin/audit'))?.status()).toBe(403);
    expect((await managerPage.request.get('/api/export/audit')).status()).toBe(403);
    await manager.close();
  });
});
