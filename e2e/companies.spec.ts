import { expect, test } from '@playwright/test';
import { formatINR } from '@/lib/money';
import { authFile, expectAccessible, parseCsv } from './fixtures';

test.describe('[COMPANIES]: manager', () => {
  test.use({ storageState: authFile('manager') });

  test('opens the top company from the list, sees its figures and chart, filters and pages its timeline', async ({ page }) => {
    await page.goto('/companies');
    await expect(page.getByRole('columnheader', { name: /Collected/ })).toBeVisible();
    await expectAccessible(page);
    const first = page.getByRole('table').locator('tbody').getByRole('link').first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/companies\/[0-9A-Z]{26}$/);
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())!;
    expect(name.startsWith(heading)).toBe(true);
    const kpis = page.getByRole('region', { name: 'Key figures' });
    await expect(kpis).toContainText('Collected');
    await expect(kpis).toContainText('₹');
    await expect(page.getByRole('img', { name: /Bookings and revenue per period/ })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    const entries = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
    await expect(entries.first()).toBeVisible();
    const firstPage = await entries.allTextContents();
    const older = page.getByRole('link', { name: 'Older conversations →' });
    if (await older.isVisible()) {
      await older.click();
      await expect(page.getByRole('link', { name: '← Newest' })).toBeVisible();
      const second = await entries.allTextContents();
      expect(second.some((t) => firstPage.includes(t))).toBe(false);
    }

    await page.goto(page.url().split('?')[0]!);
    const campaign = page.getByLabel('Campaign');
    const options = await campaign.locator('option').allTextContents();
    test.skip(options.length < 2, 'this company has no campaign leads in the demo');
    await campaign.selectOption({ label: options[1]! });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/campaign=/);
    const filtered = await entries.allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    for (const text of filtered) expect(text).toContain(`Campaign: ${options[1]}`);
  });
});

test.describe('[COMPANIES]: CSV', () => {
  test.use({ storageState: authFile('manager') });

  test('the companies CSV holds the same rows and figures as the page, in its order', async ({ page }) => {
    await page.goto('/companies?sort=collected&dir=desc');
    const rows = page.getByRole('table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    const [header, ...data] = parseCsv(await response.text());
    expect(header).toEqual(['id', 'company', 'city', 'leads', 'bookings', 'collected', 'booked_value', 'outstanding', 'last_talk']);
    expect(data.length).toBeGreaterThanOrEqual(shown.length);
    const count = new Intl.NumberFormat('en-IN');
    const fromCsv = data.slice(0, shown.length).map(([, company, city, leads, bookings, collected, booked, outstanding]) => [
      city ? `${company}, ${city}` : company,
      count.format(Number(leads)),
      count.format(Number(bookings)),
      formatINR(collected),
      formatINR(booked),
      formatINR(outstanding),
    ]);
    expect(shown.map((cells) => cells.slice(0, 6))).toEqual(fromCsv);
  });
});

test.describe('[STALLS]: CSV', () => {
  test.use({ storageState: authFile('manager') });

  test('the stall CSV holds the same rows and figures as the page, in its order', async ({ page }) => {
    await page.goto('/stalls?sort=collected&dir=desc');
    const rows = page.getByRole('table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    await expectAccessible(page);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')));
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const [header, ...data] = parseCsv(await (await page.request.get(href!)).text());
    expect(header).toEqual(['location', 'stall', 'list_price', 'talks', 'bookings', 'collected', 'booked_value', 'average_booking', 'booked_now']);
    expect(data.map(([location, stall, , talks, bookings, collected, , average, now]) => [location, stall, talks, bookings, formatINR(collected), formatINR(average), now === 'yes' ? 'Booked' : 'Free'])).toEqual(shown);
  });
});

test.describe('[COMPANIES]: employee', () => {
  test.use({ storageState: authFile('employee') });

  test('sees the activity without money, and cannot export', async ({ page }) => {
    await page.goto('/companies');
    await expect(page.getByRole('columnheader', { name: /Leads/ })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: /Collected/ })).toHaveCount(0);
    await expect(page.getByRole('table')).not.toContainText('₹');
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
    await page.getByRole('table').locator('tbody').getByRole('link').first().click();
    const kpis = page.getByRole('region', { name: 'Key figures' });
    await expect(kpis).toContainText('Leads');
    await expect(kpis).not.toContainText('₹');
    await expect(kpis).not.toContainText('Collected');
    for (const table of await page.getByRole('table').all()) await expect(table).not.toContainText('₹');
    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    const entries = page.getByRole('list', { name: 'Conversations' });
    await expect(entries).toBeVisible();
    // Booking lines carry no amounts for an employee (talk notes are the employees' own words).
    for (const line of await entries.getByText(/^Booking/).all()) await expect(line).not.toContainText('₹');
    const id = page.url().split('/companies/')[1]!.split('/')[0]!;
    expect((await page.request.get(`/api/export/companies/${id}/timeline`)).status()).toBe(403);
    expect((await page.request.get('/api/export/companies')).status()).toBe(403);
    expect((await page.request.get('/api/export/stalls')).status()).toBe(403);
  });
});
