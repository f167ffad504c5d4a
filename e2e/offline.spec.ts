import type { Page } from '@playwright/test';

import { expect, keptPages, signedIn, test, withWorker } from './fixtures';

/**
 * The installable app and its service worker (app/sw.ts), in the production build the e2e server
 * runs. Each test signs in users of its own: signing out ends sessions, which the demo users'
 * saved sessions must survive.
 */

/** The nonce of the page's scripts: a fresh render has a new one, a kept copy the one it was kept with. */
const nonceOf = (page: Page) => page.locator('script[nonce]').first().getAttribute('nonce');

test.describe('[OFFLINE]: installable app', () => {
  test('the manifest is served without a session, with its name, icons, start page and standalone display', async ({
    request,
  }) => {
    const response = await request.get('/manifest.webmanifest');
    expect(response.status()).toBe(200);
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      name: 'Paridharan CRM',
      short_name: 'Paridharan',
      start_url: '/booth',
      display: 'standalone',
      theme_color: '#174ca8',
    });
    const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
    expect(icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) {
      const png = await request.get(icon.src);
      expect(png.status()).toBe(200);
      expect(png.headers()['content-type']).toBe('image/png');
    }
    const worker = await request.get('/serwist/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toContain('javascript');
    expect(worker.headers()['service-worker-allowed']).toBe('/');
  });

  test('every page links the manifest', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  });
});

test.describe('[OFFLINE]: the booth without a network', () => {
  // Installing the worker precaches the whole build's static files: slow on a loaded machine.
  test.slow();
  test('after a visit online, the booth and My follow-ups open offline from the kept copy; other pages say offline', async ({
    browser,
    newUser,
  }) => {
    const user = await newUser();
    const page = await withWorker(browser);
    await signedIn(page, user);
    await page.goto('/booth');
    await expect(page.getByRole('heading', { name: 'Booth', level: 1 })).toBeVisible();
    const boothNonce = await nonceOf(page);
    await page.goto('/follow-ups');
    await expect(page.getByRole('heading', { name: 'My follow-ups', level: 1 })).toBeVisible();
    await expect.poll(() => keptPages(page)).toEqual(['/booth', '/follow-ups']);
    // Nothing but those two pages is kept: no API answer, no other page.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(cached.filter((u) => u.startsWith('/api/') || u.endsWith('.csv'))).toEqual([]);

    await page.context().setOffline(true);
    const failedAssets: string[] = [];
    page.on('requestfailed', (r) => {
      if (new URL(r.url()).pathname.startsWith('/_next/static/')) failedAssets.push(r.url());
    });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'My follow-ups', level: 1 })).toBeVisible();
    await page.goto('/booth');
    await expect(page.getByRole('heading', { name: 'Booth', level: 1 })).toBeVisible();
    await expect(page.getByTestId('user-name')).toHaveText(user.name);
    // The copy kept online, not a new render (which would carry a new nonce).
    expect(await nonceOf(page)).toBe(boothNonce);
    await expect(page.getByRole('button', { name: /^Save talk/ })).toBeVisible();
    // Every script and style of the pages came from the precache.
    expect(failedAssets).toEqual([]);

    await page.goto('/companies');
    await expect(page.getByRole('heading', { name: 'This page is not kept on this device' })).toBeVisible();
    await page.context().close();
  });

  test("after a sign-out the worker keeps nothing of that user's, and the next user never sees it", async ({
    browser,
    newUser,
  }) => {
    const first = await newUser();
    const second = await newUser();
    const page = await withWorker(browser);
    await signedIn(page, first);
    await page.goto('/booth');
    await expect(page.getByTestId('user-name')).toHaveText(first.name);
    await expect.poll(() => keptPages(page)).toContain('/booth');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect.poll(() => keptPages(page)).toEqual([]);

    // Offline now: the booth is not there to open, and nothing of the first user shows.
    await page.context().setOffline(true);
    await page.goto('/booth');
    await expect(page.getByRole('heading', { name: 'This page is not kept on this device' })).toBeVisible();
    await expect(page.getByText(first.name)).toHaveCount(0);

    // The next user on this tablet gets their own booth offline, never the first user's.
    await page.context().setOffline(false);
    await signedIn(page, second);
    await page.goto('/booth');
    await expect(page.getByTestId('user-name')).toHaveText(second.name);
    await expect.poll(() => keptPages(page)).toContain('/booth');
    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByTestId('user-name')).toHaveText(second.name);
    await expect(page.getByText(first.name)).toHaveCount(0);
    await page.context().close();
  });
});
