import { request as httpRequest } from 'node:http';
import { type Browser, type BrowserContext } from '@playwright/test';

import { authFile, DESKTOP_ONLY, expect, expectAccessible, LOGINS, signIn, test, unique } from './fixtures';

/** Signs in in a fresh context; returns it and a copy of its cookies, as someone who copied them would hold them. */
async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/booth$/);
  return { context, page, saved: await context.storageState() };
}

/** Opening /booth with the saved cookies lands on the login page. */
async function expectCookiesDead(browser: Browser, saved: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const replay = await browser.newContext({ storageState: saved });
  const page = await replay.newPage();
  await page.goto('/booth');
  await expect(page).toHaveURL(/\/login$/);
  await replay.close();
}

/** A raw HTTP request with headers a browser would not let us set (Host). */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const base = new URL(test.info().project.use.baseURL!);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        { host: base.hostname, port: base.port, path, method: opts.method ?? 'GET', headers: opts.headers },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(opts.body);
    },
  );
}
const setCookies = (headers: Record<string, string | string[] | undefined>) => [headers['set-cookie'] ?? []].flat();

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
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'Too many failed sign-ins for this email. It is locked for 15 more minutes',
    );
  });

  test('a signed-out visitor is sent to the login page', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/login$/);
  });

  // These tests sign out and reset passwords: each with a user of its own (newUser), never a shared demo user.
  test('sign-out ends the session, also for a copy of its cookies', async ({ browser, newUser }) => {
    test.slow(); // a sign-in in a fresh context, a sign-out and a replay of the cookies
    const user = await newUser();
    const { context, page, saved } = await signedIn(browser, user.email, user.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/booth');
    await expect(page).toHaveURL(/\/login$/);
    await expectCookiesDead(browser, saved);
    await context.close();
  });

  test('a password reset by an admin ends the user’s open sessions at once', async ({ browser, newUser }) => {
    test.slow(); // an admin and a user of its own, in separate browser contexts
    const user = await newUser();
    const { context, page, saved } = await signedIn(browser, user.email, user.password);

    const admin = await browser.newContext({ storageState: authFile('admin') });
    const adminPage = await admin.newPage();
    await adminPage.goto('/admin/users');
    await adminPage.getByRole('row', { name: user.email }).getByRole('link', { name: /Edit/ }).click();
    await adminPage.getByLabel('New password').fill('a-new-password-1');
    await adminPage.getByRole('button', { name: 'Reset password' }).click();
    await expect(adminPage.getByRole('status')).toContainText('signed out everywhere');

    // The open tablet is out at its next request, and so is any copy of its cookies.
    await page.goto('/booth');
    await expect(page).toHaveURL(/\/login$/);
    await expectCookiesDead(browser, saved);
    // The new password works.
    await signIn(page, user.email, 'a-new-password-1');
    await expect(page).toHaveURL(/\/booth$/);
    await context.close();
    await admin.close();
  });
});

test.describe('[AUTH]: host and HTTPS', () => {
  test('Auth.js answers on the request’s host, never the address the server listens on', async () => {
    const host = '192.168.1.20:3000';
    const signin = await raw('/api/auth/signin', { headers: { host } });
    expect(signin.status).toBe(302);
    expect(String(signin.headers.location)).toContain(encodeURIComponent(`http://${host}`));
    expect(JSON.stringify(signin.headers)).not.toContain('0.0.0.0');

    const csrf = await raw('/api/auth/csrf', { headers: { host } });
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const cookie = setCookies(csrf.headers)
      .map((c) => c.split(';')[0])
      .join('; ');
    const signout = await raw('/api/auth/signout', {
      method: 'POST',
      headers: { host, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken }).toString(),
    });
    expect(signout.status).toBe(302);
    expect(new URL(String(signout.headers.location)).host).toBe(host);
  });

  test('behind an HTTPS reverse proxy every Auth.js cookie is Secure', async () => {
    const res = await raw('/api/auth/signin', {
      headers: { host: '127.0.0.1', 'x-forwarded-host': 'crm.example.in', 'x-forwarded-proto': 'https' },
    });
    expect(String(res.headers.location)).toContain(encodeURIComponent('https://crm.example.in'));
    const cookies = setCookies(res.headers);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
  });

  test('signing in through an HTTPS proxy sets a Secure session cookie that keeps working', async ({
    browser,
    newUser,
  }) => {
    test.slow(); // a user of its own, signed in in a fresh context
    const user = await newUser();
    // What Caddy in front of the app adds to every request (README: HTTPS on the exhibition network).
    const context = await browser.newContext({
      storageState: { cookies: [], origins: [] },
      extraHTTPHeaders: { 'X-Forwarded-Proto': 'https' },
    });
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    // (The redirect after sign-in goes to https://…, which only the real proxy would serve; the cookie is what counts.)
    const sessionCookie = async () => (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
    await expect
      .poll(sessionCookie)
      .toMatchObject({ name: '__Secure-authjs.session-token', secure: true, httpOnly: true });
    const next = await context.newPage();
    await next.goto('/booth');
    await expect(next.getByTestId('user-name')).toHaveText(user.name);
    await context.close();
  });
});

const NAV = {
  employee: ['Booth', 'My follow-ups', 'Companies'],
  manager: ['Booth', 'My follow-ups', 'Companies', 'Contacts', 'Campaigns', 'Stalls'],
  admin: [
    'Booth',
    'My follow-ups',
    'Companies',
    'Contacts',
    'Campaigns',
    'Stalls',
    'Users',
    'Locations',
    'Manage campaigns',
    'Settings',
    'Legacy import',
    'Audit log',
  ],
} as const;

for (const role of ['employee', 'manager', 'admin'] as const) {
  test.describe(`[AUTH]: ${role}`, () => {
    test.use({ storageState: authFile(role) });

    test('sees exactly the navigation of the role', async ({ page }) => {
      await page.goto('/booth');
      const nav = page.getByRole('navigation', { name: 'Main' });
      // Below the desktop width the admin's longer list sits behind a Menu button.
      const menu = nav.getByRole('button', { name: /Menu/ });
      if (await menu.isVisible())
        // (Pressed again until it opens: a tap while the page is still hydrating can be lost.)
        await expect(async () => {
          if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
          await expect(menu).toHaveAttribute('aria-expanded', 'true', { timeout: 1000 });
        }).toPass();
      await expect(nav.getByRole('link')).toHaveText([...NAV[role]]);
      await expectAccessible(page);
    });
  });
}

/**
 * Every route beyond a role, one test per role (a page load each; a test each cost a context and
 * a worker slot per route). Soft assertions, named by route, so one run reports every route that fails.
 */
const BEYOND = {
  employee: [
    '/admin/users',
    '/admin/locations',
    '/campaigns',
    '/stalls',
    '/contacts',
    '/contacts?view=visitors',
    '/contacts/new',
    '/contacts/01HZZZZZZZZZZZZZZZZZZZZZZZ',
  ],
  manager: ['/admin/users', '/admin/locations', '/admin/audit', '/contacts/new', '/contacts/new?type=visitor'],
} as const;

test.describe('[AUTH]: pages beyond the role answer 403', DESKTOP_ONLY, () => {
  for (const role of ['employee', 'manager'] as const) {
    test.describe(role, () => {
      test.use({ storageState: authFile(role) });
      test(`cannot open ${BEYOND[role].join(', ')}`, async ({ page }) => {
        test.slow(); // one page load per route
        for (const path of BEYOND[role]) {
          const response = await page.goto(path);
          expect.soft(response?.status(), `${role} opening ${path}`).toBe(403);
          await expect
            .soft(page.getByRole('heading', { name: 'This page is beyond your role' }), `${role} opening ${path}`)
            .toBeVisible();
        }
      });
    });
  }

  test.describe('manager', () => {
    test.use({ storageState: authFile('manager') });
    test('can open the revenue areas', async ({ page }) => {
      for (const path of ['/campaigns', '/stalls']) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
      }
    });
  });
});
