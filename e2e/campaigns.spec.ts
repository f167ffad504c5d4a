import { and, asc, eq, isNull } from 'drizzle-orm';

import { contacts, users } from '@/db/schema';
import { recordEntry } from '@/db/services/entries';
import { ulid } from '@/lib/ulid';

import {
  authFile,
  companyByName,
  DESKTOP_ONLY,
  expect,
  expectAccessible,
  LOGINS,
  newPhone,
  parseCsv,
  test,
  unique,
} from './fixtures';

/** What one page may weigh, HTML and its inline RSC payload together, whatever the data behind it. */
const PAGE_BYTES = 150_000;

test.describe('[CAMPAIGNS]: from a recipient list to a lead the manager sees', () => {
  test('an admin uploads recipients with a bad row and marks them sent; a talk with one of them is suggested the campaign; the funnel moves', async ({
    browser,
    newLocation,
  }) => {
    test.slow(); // three roles, an upload, a location of its own and a booth entry
    const name = `Expo invite ${unique()}`;
    const phones = [newPhone(), newPhone()];

    // The admin creates the campaign.
    const adminContext = await browser.newContext({ storageState: authFile('admin') });
    const admin = await adminContext.newPage();
    await admin.goto('/admin/campaigns');
    await admin.getByLabel('Name').fill(name);
    await admin.getByLabel('Channel').selectOption('whatsapp');
    await admin.getByLabel('Message').fill('Visit us at Hall A this weekend');
    await admin.getByRole('button', { name: 'Create campaign' }).click();
    await expect(admin.getByRole('heading', { level: 1, name })).toBeVisible();
    await expectAccessible(admin);

    // Uploads a CSV: two good rows (one typed with spaces), one bad row, one duplicate.
    const upload = admin.getByRole('region', { name: 'Upload recipients from CSV' });
    const csv = `phone,name\n${phones[0]!.slice(0, 5)} ${phones[0]!.slice(5)},Asha\n12345,Broken\n+91${phones[1]},Ravi\n0${phones[0]},Asha again\n`;
    await upload
      .getByLabel('Recipients CSV')
      .setInputFiles({ name: 'recipients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(upload).toContainText('2 recipients to add');
    await expect(upload).toContainText('1 duplicate row');
    await expect(upload.getByRole('table')).toContainText('12345');
    await expect(upload.getByRole('table')).toContainText('Not a valid phone number.');
    await expectAccessible(admin);
    await upload.getByRole('button', { name: 'Add 2 recipients' }).click();
    await expect(upload).toContainText('Added 2 recipients, 0 were already on this campaign.');
    await expect(admin.getByTestId('count-pending')).toContainText('2');

    // Marks them sent (the gateway was used by hand).
    const sending = admin.getByRole('region', { name: 'Sending' });
    await sending.getByRole('button', { name: 'Mark all pending as sent' }).click();
    await sending.getByRole('button', { name: 'Yes, mark 2 sent' }).click();
    await expect(sending).toContainText('Marked 2 recipients as sent');
    await expect(admin.getByTestId('count-sent')).toContainText('2');
    const campaignId = admin.url().split('/admin/campaigns/')[1]!.split(/[?#]/)[0]!;
    await adminContext.close();

    // The manager sees the campaign with 2 messages and no lead yet.
    const managerContext = await browser.newContext({ storageState: authFile('manager') });
    const manager = await managerContext.newPage();
    await manager.goto(`/campaigns/${campaignId}`);
    const funnel = manager.getByRole('list', { name: 'Funnel' });
    await expect(funnel).toContainText('Messages sent: 2');
    await expect(funnel).toContainText('Leads: 0');
    // The funnel ends in money, with what is outstanding beside it.
    await expect(funnel).toContainText('Collected revenue: ₹0.00');
    await expect(funnel.getByRole('definition').first()).toHaveText('₹0.00');
    await expect(manager.getByRole('img', { name: /Funnel chart/ })).toBeVisible();
    await expectAccessible(manager);

    // An employee records a talk with the first phone: the campaign is suggested and taken.
    // At a location of the test's own, for a company picked by name (not the demo's first rows).
    const location = `Chennai Trade Centre ${unique()}`;
    await newLocation({ name: location, stalls: [{ name: 'T-12', price: '50000' }] });
    const employeeContext = await browser.newContext({ storageState: authFile('employee') });
    const booth = await employeeContext.newPage();
    const company = await companyByName(booth, 'first');
    await booth.goto(`/booth?exhibitor=${company.id}`);
    await expect(booth.getByTestId('chosen-company')).toHaveText(company.name);
    await booth.getByLabel('Location').selectOption({ label: location });
    await booth.getByLabel('Stall', { exact: true }).selectOption({ label: 'T-12' });
    await booth.getByLabel('Phone').fill(phones[0]!);
    await expect(booth.getByLabel('Campaign')).toContainText(`${name} (suggested)`);
    await expect(booth.getByText(`This phone was messaged by ${name}`)).toBeVisible();
    await booth.getByRole('radio', { name: /Busy/ }).check();
    await booth.getByRole('button', { name: 'Save talk' }).click();
    await expect(booth.getByRole('status')).toContainText(/Saved\./);
    await employeeContext.close();

    // The funnel moved: one lead, 50 % of two messages.
    await manager.reload();
    await expect(funnel).toContainText('Leads: 1 — 50.00% of messages sent');
    await expect(manager.getByRole('table', { name: 'Leads' })).toContainText('Busy', { ignoreCase: true });
    // Newest sent first: the list is paged, and this campaign was sent a moment ago.
    await manager.goto('/campaigns?sort=sent_at&dir=desc');
    await expect(
      manager.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(name) }),
    ).toBeVisible();
    await managerContext.close();
  });
});

test.describe('[CAMPAIGNS]: roles', () => {
  test('an employee sees neither analytics nor campaign admin', DESKTOP_ONLY, async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile('employee') });
    const page = await context.newPage();
    for (const path of ['/campaigns', '/admin/campaigns', '/admin/settings']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    expect((await page.request.get('/api/export/campaigns')).status()).toBe(403);
    await context.close();
  });

  test(
    "a campaign's CSV exports: figures for managers, the outbox for admins only, 404 for no campaign",
    DESKTOP_ONLY,
    async ({ browser, newCampaign }) => {
      const campaign = await newCampaign(`Export check ${unique()}`);
      const slug = campaign.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
      const firstLine = async (response: { text: () => Promise<string> }) =>
        (await response.text()).replace(/^\uFEFF/, '').split('\r\n')[0];
      const figures = {
        exhibitors: 'exhibitor_id,company,city,leads,bookings,collected,booked_value',
        payments: 'amount_status,bookings,collected,booked_value',
        leads: 'id,created_at,status,visitor,phone,exhibitor_id,company,employee,next_followup_date',
      };
      const manager = await browser.newContext({ storageState: authFile('manager') });
      for (const [part, header] of Object.entries(figures)) {
        const response = await manager.request.get(`/api/export/campaigns/${campaign.id}/${part}`);
        expect(response.status(), part).toBe(200);
        expect(response.headers()['content-disposition'], part).toBe(
          `attachment; filename="campaign-${slug}-${part}.csv"`,
        );
        expect(await firstLine(response), part).toBe(header);
      }
      const payments = await (await manager.request.get(`/api/export/campaigns/${campaign.id}/payments`)).text();
      expect(payments.split('\r\n').slice(1, 4)).toEqual([
        'paid,0,0.00,0.00',
        'partial,0,0.00,0.00',
        'unpaid,0,0.00,0.00',
      ]);
      expect((await manager.request.get(`/api/export/campaigns/${campaign.id}/outbox`)).status()).toBe(403);
      expect((await manager.request.get('/api/export/campaigns/01ARZ3NDEKTSV4RRFFQ69G5FAV/payments')).status()).toBe(
        404,
      );
      expect((await manager.request.get('/api/export/campaigns/not-a-campaign/leads')).status()).toBe(404);
      await manager.close();

      const admin = await browser.newContext({ storageState: authFile('admin') });
      const outbox = await admin.request.get(`/api/export/campaigns/${campaign.id}/outbox`);
      expect(outbox.status()).toBe(200);
      expect(outbox.headers()['content-disposition']).toBe(`attachment; filename="outbox-${slug}.csv"`);
      expect(await firstLine(outbox)).toBe('phone,name,message');
      await admin.close();

      const employee = await browser.newContext({ storageState: authFile('employee') });
      expect((await employee.request.get(`/api/export/campaigns/${campaign.id}/payments`)).status()).toBe(403);
      await employee.close();
    },
  );

  test('a manager reads analytics but cannot manage campaigns', async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile('manager') });
    const page = await context.newPage();
    expect((await page.goto('/campaigns'))?.status()).toBe(200);
    await expect(page.getByRole('table', { name: 'Campaigns' })).toBeVisible();
    await expectAccessible(page);
    expect((await page.goto('/admin/campaigns'))?.status()).toBe(403);
    expect((await page.goto('/admin/settings'))?.status()).toBe(403);
    await expect(page.getByRole('link', { name: 'Manage recipients' })).toHaveCount(0);
    await context.close();
  });

  test('an admin changes the attribution settings, with field errors for bad input', async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile('admin') });
    const page = await context.newPage();
    await page.goto('/admin/settings');
    await page.getByLabel('Attribution window (days)').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('At least 1 day.')).toBeVisible();
    await page.getByLabel('Attribution window (days)').fill('30');
    await page.getByLabel('Attribution model').selectOption('last');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText(/Saved: 30 days, last touch/)).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });
});

test.describe('[CAMPAIGNS]: pages bounded by the screen', () => {
  test(
    'a campaign with leads at 30 companies shows 20 a page with the total, its leads paged apart',
    DESKTOP_ONLY,
    async ({ browser, newCampaign, e2eDb }) => {
      test.slow(); // 30 booth entries first
      const campaign = await newCampaign(`Many companies ${unique()}`);
      const [employee] = await e2eDb.select({ id: users.id }).from(users).where(eq(users.email, LOGINS.employee));
      const companies = await e2eDb
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.type, 'exhibitor'), isNull(contacts.deleted_at)))
        .orderBy(asc(contacts.id))
        .limit(30);
      expect(companies).toHaveLength(30);
      for (const company of companies)
        await recordEntry(e2eDb, employee!.id, {
          idempotency_key: ulid(),
          exhibitor_id: company.id,
          phone: newPhone(),
          campaign_id: campaign.id,
          outcome: 'interested',
        });

      const context = await browser.newContext({ storageState: authFile('manager') });
      const page = await context.newPage();
      const response = await page.request.get(`/campaigns/${campaign.id}`);
      expect(response.status()).toBe(200);
      expect((await response.body()).length).toBeLessThan(PAGE_BYTES);

      await page.goto(`/campaigns/${campaign.id}`);
      const breakdown = page.getByRole('table', { name: 'Exhibitor breakdown' });
      await expect(breakdown.locator('tbody tr')).toHaveCount(20);
      const pager = page.getByRole('navigation', { name: 'Exhibitor breakdown: pages' });
      await expect(pager).toContainText('Showing 1–20 of 30');
      await expect(page.getByRole('navigation', { name: 'Leads: pages' })).toContainText('Showing 1–30 of 30');
      await expectAccessible(page);

      await pager.getByRole('link', { name: 'Next' }).click();
      await expect(page).toHaveURL(/[?&]expage=2/);
      await expect(breakdown.locator('tbody tr')).toHaveCount(10);
      await expect(pager).toContainText('Showing 21–30 of 30');
      // The leads table keeps its own page.
      await expect(page.getByRole('table', { name: 'Leads' }).locator('tbody tr')).toHaveCount(30);

      // Sorted by the server: fewest leads first is still a page of 20.
      await breakdown.getByRole('link', { name: /^Leads/ }).click();
      await expect(page).toHaveURL(/[?&]exsort=leads/);
      await expect(breakdown.locator('tbody tr')).toHaveCount(20);

      // The CSV keeps all 30.
      const csv = parseCsv(await (await page.request.get(`/api/export/campaigns/${campaign.id}/exhibitors`)).text());
      expect(csv.slice(1)).toHaveLength(30);
      await context.close();
    },
  );
});

test.describe('[STALLS]: pages bounded by the screen', () => {
  test(
    'a location with 120 stalls shows 50 a page with the total; the CSV keeps all 120',
    DESKTOP_ONLY,
    async ({ browser, newLocation }) => {
      const location = await newLocation({
        name: `Big Hall ${unique()}`,
        stalls: Array.from({ length: 120 }, (_, i) => ({
          name: `B-${String(i + 1).padStart(3, '0')}`,
          price: '50000',
        })),
      });
      const context = await browser.newContext({ storageState: authFile('manager') });
      const page = await context.newPage();
      const response = await page.request.get(`/stalls?location=${location.id}`);
      expect(response.status()).toBe(200);
      expect((await response.body()).length).toBeLessThan(PAGE_BYTES);

      await page.goto(`/stalls?location=${location.id}&sort=stall&dir=asc`);
      const table = page.getByRole('table', { name: 'Stall-wise performance' });
      await expect(table.locator('tbody tr')).toHaveCount(50);
      await expect(table.locator('tbody tr').first()).toContainText('B-001');
      const pager = page.getByRole('navigation', { name: 'Stall-wise performance: pages' });
      await expect(pager).toContainText('Showing 1–50 of 120');
      await pager.getByRole('link', { name: 'Next' }).click();
      await expect(table.locator('tbody tr').first()).toContainText('B-051');
      await expect(page.getByRole('combobox', { name: 'Location' })).toHaveValue(String(location.id));

      const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
      const [, ...rows] = parseCsv(await (await page.request.get(href!)).text());
      expect(rows).toHaveLength(120);
      await context.close();
    },
  );
});
