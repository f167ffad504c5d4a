import { expect, test } from '@playwright/test';
import { authFile, DEMO_PASSWORD, expectAccessible, LOGINS, signIn, unique } from './fixtures';

test.describe('[AUTH]: signing in', () => {
  test('the login page is accessible and refuses a wrong password', async ({ page }) => {
    await page.goto('/login');
    await expectAccessible(page);
    await signIn(page, LOGINS.employee, 'not-the-password');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/login$/);
    // The email stays typed; the password does not come back.
    await expect(page.getByLabel('Email')).toHaveValue(LOGINS.employee);
    await expect(page.getByLabel('Password')).toHaveValue('');
  });

  test('empty fields get field errors, not a round trip to nowhere', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter the email address you sign in with.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  test('repeated failures lock the email for a while, with a message', async ({ page }) => {
    const email = `nobody-${unique()}@paridharan.test`;
    for (let i = 0; i < 4; i++) {
      await signIn(page, email, 'wrong-password');
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
    }
    await signIn(page, email, 'wrong-password');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Too many failed sign-ins for this email. It is locked for 15 more minutes');
  });

  test('a signed-out visitor is sent to the login page', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('sign-out ends the session', async ({ page }) => {
    await signIn(page, LOGINS.manager, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/booth$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/booth');
    await expect(page).toHaveURL(/\/login$/);
  });
});

const NAV = {
  employee: ['Booth', 'My follow-ups', 'Companies'],
  manager: ['Booth', 'My follow-ups', 'Companies', 'Campaigns', 'Stalls'],
  admin: ['Booth', 'My follow-ups', 'Companies', 'Campaigns', 'Stalls', 'Users', 'Locations', 'Manage campaigns', 'Settings', 'Legacy import'],
} as const;

for (const role of ['employee', 'manager', 'admin'] as const) {
  test.describe(`[AUTH]: ${role}`, () => {
    test.use({ storageState: authFile(role) });

    test('sees exactly the navigation of the role', async ({ page }) => {
      await page.goto('/booth');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText([...NAV[role]]);
      await expectAccessible(page);
    });
  });
}

test.describe('[AUTH]: pages beyond the role answer 403', () => {
  test.describe('employee', () => {
    test.use({ storageState: authFile('employee') });
    for (const path of ['/admin/users', '/admin/locations', '/campaigns', '/stalls']) {
      test(`cannot open ${path}`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole('heading', { name: 'This page is beyond your role' })).toBeVisible();
      });
    }
  });

  test.describe('manager', () => {
    test.use({ storageState: authFile('manager') });
    for (const path of ['/admin/users', '/admin/locations']) {
      test(`cannot open ${path}`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole('heading', { name: 'This page is beyond your role' })).toBeVisible();
      });
    }
    test('can open the revenue areas', async ({ page }) => {
      for (const path of ['/campaigns', '/stalls']) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
      }
    });
  });
});
