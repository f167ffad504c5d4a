import { authFile, expect, expectAccessible, signIn, test, unique } from './fixtures';

test.use({ storageState: authFile('admin') });

test.describe('[ADMIN]: users', () => {
  test('bad input shows field errors and stores nothing', async ({ page }) => {
    await page.goto('/admin/users');
    await expectAccessible(page);
    const email = `short-${unique()}@paridharan.test`;
    await page.getByLabel('Name').fill('Ravi Kumar');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('First password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText('At least 10 characters.', { exact: true }).last()).toBeVisible();
    await expect(page.getByLabel('First password')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await page.reload();
    await expect(page.getByRole('cell', { name: email })).toHaveCount(0);
  });

  test('an admin creates an employee who can then sign in, and deactivates them', async ({ page, browser }) => {
    const email = `asha-${unique()}@paridharan.test`;
    await page.goto('/admin/users');
    await page.getByLabel('Name').fill('Asha Rao');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Role').selectOption('employee');
    await page.getByLabel('First password').fill('booth-password-1');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('status')).toContainText(`They can sign in with ${email} now.`);
    await expect(page.getByRole('cell', { name: email })).toBeVisible();

    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const tablet = await other.newPage();
    await signIn(tablet, email, 'booth-password-1');
    await expect(tablet.getByTestId('user-name')).toHaveText('Asha Rao');

    // A duplicate email is refused on the email field.
    await page.getByLabel('Name').fill('Asha Again');
    await page.getByLabel('Email').fill(email.toUpperCase());
    await page.getByLabel('First password').fill('booth-password-2');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText(`A user with the email ${email} already exists.`).first()).toBeVisible();

    await page.getByRole('row', { name: email }).getByRole('link', { name: /Edit/ }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('false');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status')).toContainText('deactivated');

    // A deactivated user's open session ends at their next request.
    await tablet.goto('/booth');
    await expect(tablet).toHaveURL(/\/login$/);
    await other.close();
  });
});

test.describe('[ADMIN]: locations and stalls', () => {
  test('create a location, add stalls with list prices, refuse a duplicate stall name', async ({ page }) => {
    const name = `Chennai Trade Centre ${unique()}`;
    await page.goto('/admin/locations');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Address').fill('Nandambakkam, Chennai');
    await page.getByLabel('Event starts').fill('2031-01-10');
    await page.getByLabel('Event ends').fill('2031-01-08');
    await page.getByRole('button', { name: 'Create location' }).click();
    await expect(page.getByText('The event cannot end before it starts.').first()).toBeVisible();
    await page.getByLabel('Event ends').fill('2031-01-12');
    await page.getByRole('button', { name: 'Create location' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    const addStall = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add stall' }) });
    await addStall.getByLabel('Stall name').fill('T-12');
    await addStall.getByLabel('List price (₹)').fill('12,50,000');
    await addStall.getByRole('button', { name: 'Add stall' }).click();
    await expect(page.getByRole('status')).toHaveText('Added stall T-12 at ₹12,50,000.00.');

    await addStall.getByLabel('Stall name').fill('T-12');
    await addStall.getByLabel('List price (₹)').fill('50000');
    await addStall.getByRole('button', { name: 'Add stall' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('This location already has a stall named T-12.');

    await addStall.getByLabel('Stall name').fill('T-13');
    await addStall.getByLabel('List price (₹)').fill('fifty');
    await addStall.getByRole('button', { name: 'Add stall' }).click();
    await expect(page.getByText('List price must be a rupee amount like 50000 or 50000.50.')).toBeVisible();
    await expectAccessible(page);

    // A stall without bookings or talks can be deleted: it asks first, and "No" keeps it.
    await page.getByRole('button', { name: 'Delete T-12' }).click();
    await expect(page.getByRole('button', { name: 'Yes, delete T-12' })).toBeFocused();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'No, keep it' }).click();
    await expect(page.getByRole('button', { name: 'Delete T-12' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Stalls (1)' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete T-12' }).click();
    await page.getByRole('button', { name: 'Yes, delete T-12' }).click();
    await expect(page.getByRole('button', { name: 'Delete T-12' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Stalls (0)' })).toBeVisible();
  });
});

test.describe('[ADMIN]: lists bounded by the screen', () => {
  test('a location with 120 stalls lists 25 a page, its heading the total', async ({ page, newLocation }) => {
    const location = await newLocation({
      name: `Big Venue ${unique()}`,
      stalls: Array.from({ length: 120 }, (_, i) => ({ name: `V-${String(i + 1).padStart(3, '0')}`, price: '50000' })),
    });
    const response = await page.request.get(`/admin/locations/${location.id}`);
    expect(response.status()).toBe(200);
    expect((await response.body()).length).toBeLessThan(150_000);

    await page.goto(`/admin/locations/${location.id}`);
    await expect(page.getByRole('heading', { name: 'Stalls (120)' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Save V-/ })).toHaveCount(25);
    const pager = page.getByRole('navigation', { name: 'Stalls: pages' });
    await expect(pager).toContainText('Showing 1–25 of 120');
    await pager.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByRole('button', { name: 'Save V-026' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save V-001' })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe('[LEGACY IMPORT]: admin', () => {
  test.use({ storageState: authFile('admin') });

  test('the import page says how to bring an old database in when none was', async ({ page }) => {
    await page.goto('/admin/import');
    await expect(page.getByRole('heading', { level: 1, name: 'Legacy import' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No old database has been imported' })).toBeVisible();
    await expect(page.getByText('npm run legacy:backfill -- --dry-run')).toBeVisible();
    await expectAccessible(page);
    expect((await page.request.get('/api/export/legacy')).status()).toBe(200);
  });
});

test.describe('[ADMIN]: navigation', () => {
  test('the admin’s navigation fits the screen: a menu below the desktop width, a row on a desktop', async ({
    page,
  }) => {
    // Two page loads and an axe run: longer than the default 30 s on a loaded 2-core machine.
    test.slow();
    await page.goto('/admin/locations');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByRole('button', { name: /Menu/ });
    const width = page.viewportSize()!.width;
    if (width < 1024) {
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(menu).toContainText('Locations');
      await expect(nav.getByRole('link')).toHaveCount(0);
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      await expectAccessible(page);
    } else {
      await expect(menu).toBeHidden();
    }
    await expect(nav.getByRole('link')).toHaveCount(12);
    // Every link on the screen, none beyond its right edge, the page not wider than the screen.
    for (const link of await nav.getByRole('link').all()) {
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await nav.getByRole('link', { name: 'Users' }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    if (width < 1024) await expect(nav.getByRole('link')).toHaveCount(0);
  });
});
