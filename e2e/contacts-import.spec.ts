import { expect, test, type Page } from '@playwright/test';

import { authFile, expectAccessible, newPhone, unique } from './fixtures';

test.use({ storageState: authFile('admin') });

/** What the booth shows for a phone: the visitor's name, or that it is new. */
async function boothSays(page: Page, phone: string) {
  await page.goto('/booth');
  await page.getByLabel('Phone').fill(phone);
  return page.getByTestId('visitor-panel');
}

test.describe('[CONTACTS]: import from CSV', () => {
  test('an admin previews a visitors CSV with its two bad rows, imports it, reads the report and reverts it', async ({
    page,
  }) => {
    // The whole flow — preview, import, report, download, booth, revert, booth again — in one test.
    test.slow();
    const run = unique();
    const phones = [newPhone(), newPhone(), newPhone(), newPhone()];
    const csv = [
      'Full Name,Mobile No,E-mail,City',
      `Asha ${run},0${phones[0]!.slice(0, 5)} ${phones[0]!.slice(5)},asha-${run}@example.com,Pune`,
      `Ravi ${run},+91-${phones[1]!.slice(0, 5)}-${phones[1]!.slice(5)},,Mumbai`,
      `Meena ${run},${phones[2]},,Chennai`,
      `Kiran ${run},+91 ${phones[3]},kiran-${run}@example.com,`,
      `Bad Phone ${run},12345,,Delhi`,
      `,${newPhone()},,Jaipur`,
    ].join('\r\n');
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });

    await page.goto('/contacts/import');
    await expect(page.getByRole('heading', { level: 1, name: 'Import contacts' })).toBeVisible();
    await page.getByLabel('Visitors').check();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: `visitors-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // The columns are mapped by their names.
    await expect(page.getByText('6 rows in')).toBeVisible();
    await expect(page.getByLabel('Field for column Mobile No')).toHaveValue('phone');
    await expect(page.getByLabel('Field for column E-mail')).toHaveValue('email');
    // The file was read and checked in a Web Worker (the page's policy let it start).
    await expect(page.locator('[data-engine]')).toHaveAttribute('data-engine', 'worker');
    await page.getByRole('button', { name: 'Check the rows' }).click();

    // The preview: the two bad rows with their reasons, and the dry run of create-and-update.
    const problems = page.getByRole('table', { name: 'Rows that will not be imported (2)' });
    await expect(problems).toBeVisible();
    await expect(
      problems.getByRole('row').filter({ hasText: 'Not a valid phone number.' }).getByRole('cell').first(),
    ).toHaveText('6');
    await expect(
      problems.getByRole('row').filter({ hasText: 'Name is required.' }).getByRole('cell').first(),
    ).toHaveText('7');
    await expect(page.getByTestId('dry-run-created')).toHaveText('4');
    await expect(page.getByTestId('dry-run-invalid')).toHaveText('2');
    await expect(page.getByTestId('dry-run-updated')).toHaveText('0');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page).toHaveURL(/\/contacts\/imports\/\w{26}$/, { timeout: 20_000 });
    const reportUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name: `Import of visitors-${run}.csv` })).toBeVisible();
    const figures = page.getByRole('region', { name: 'Key figures' });
    await expect(figures.getByText('New')).toBeVisible();
    await expect(figures).toContainText('Lines6');
    await expect(figures).toContainText('New4');
    await expect(figures).toContainText('Invalid / duplicate2 / 0');
    await expect(page.getByRole('table', { name: 'Rows not imported' }).getByRole('row')).toHaveCount(3);
    await expectAccessible(page);

    // The rejected rows as CSV, with their reasons and cells.
    const download = await page.request.get(
      `${new URL(reportUrl).pathname.replace('/contacts/imports/', '/api/export/contact-imports/')}/rejected`,
    );
    expect(download.status()).toBe(200);
    const text = await download.text();
    expect(text).toContain('line,result,reason,Full Name,Mobile No,E-mail,City');
    expect(text).toContain(`6,invalid,Not a valid phone number.,Bad Phone ${run},12345,,Delhi`);

    // The booth now knows an imported visitor by any spelling of the phone.
    await expect(await boothSays(page, `${phones[1]!.slice(0, 5)} ${phones[1]!.slice(5)}`)).toContainText(
      `Ravi ${run}`,
    );

    await page.goto(reportUrl);
    await page.getByRole('button', { name: 'Revert this import' }).click();
    await page.getByRole('button', { name: 'Yes, revert the import' }).click();
    const undo = page.getByRole('region', { name: 'Undo' });
    await expect(undo).toContainText('4 created visitors deleted');
    await page.reload();
    await expect(undo).toContainText(/Reverted on .+: 4 created visitors deleted, 0 updated visitors restored/);
    await expect(undo.getByRole('button')).toHaveCount(0);

    // The imported visitors are gone.
    for (const phone of [phones[0]!, phones[3]!])
      await expect(await boothSays(page, phone)).toContainText('A phone we have not met before.');
    expect(violations).toEqual([]);
  });
});

test.describe('[CONTACTS]: import is for admins', () => {
  test.use({ storageState: authFile('manager') });

  test('a manager gets 403 on the import page, a report and the rejected rows', async ({ page }) => {
    const id = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
    for (const path of ['/contacts/import', `/contacts/imports/${id}`])
      expect((await page.goto(path))!.status()).toBe(403);
    expect((await page.request.get(`/api/export/contact-imports/${id}/rejected`)).status()).toBe(403);
  });
});
