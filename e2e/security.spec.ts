import { expect, test, type APIResponse, type Page, type Response } from '@playwright/test';

import { authFile } from './fixtures';

/** The headers every response of the app carries (next.config.mjs and proxy.ts). */
function expectSecurityHeaders(response: Response | APIResponse) {
  const h = response.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['permissions-policy']).toContain('camera=(self)');
  expect(h['permissions-policy']).toContain('microphone=()');
  expect(h['permissions-policy']).toContain('geolocation=()');
  const csp = h['content-security-policy'] ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'self'"]);
  expect(directives.get('form-action')).toEqual(["'self'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  // Scripts by this response's nonce only: no inline or eval allowance.
  const scriptSrc = directives.get('script-src') ?? [];
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc.filter((s) => s.startsWith("'nonce-"))).toHaveLength(1);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

/** Every CSP violation the page reports, by event and by console message. */
async function watchViolations(page: Page) {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (
      /Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|Permissions[- ]Policy/i.test(
        m.text(),
      )
    )
      seen.push(`console ${m.type()}: ${m.text()}`);
  });
  // Init scripts run outside the page's policy, before its own scripts.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

test.describe('[SECURITY]: headers', () => {
  test.use({ storageState: authFile('manager') });

  test('a page carries the headers, a fresh nonce each time, and every script of it has the nonce', async ({
    page,
  }) => {
    const first = await page.goto('/companies');
    expect(first!.status()).toBe(200);
    const nonce = expectSecurityHeaders(first!);
    // Every script tag the server wrote carries it (the runtime's later chunks are trusted by 'strict-dynamic').
    const tags = (await first!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((t) => !t.includes(`nonce="${nonce}"`))).toEqual([]);
    const again = await page.goto('/companies');
    expect(expectSecurityHeaders(again!)).not.toBe(nonce);
  });

  test('a server action answers with the headers', async ({ page }) => {
    await page.goto('/booth');
    const action = page.waitForResponse(
      (r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action']),
    );
    // The phone lookup is a server action that only reads.
    await page.getByLabel('Phone').fill('98765 43210');
    const response = await action;
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response);
  });

  test('an oversized body, and non-form arguments to an action, get a clear answer — never a 500', async ({ page }) => {
    await page.goto('/booth');
    const action = page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
    await page.getByLabel('Phone').fill('98765 43210');
    const lookup = await action;
    const headers = {
      'next-action': lookup.headers()['next-action']!,
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
    };
    // 2 MB of notes: refused before the app reads it.
    const big = await page.request.post('/booth', {
      headers,
      data: JSON.stringify(['9876543210', 'x'.repeat(2 * 1024 * 1024)]),
    });
    expect(big.status()).toBe(413);
    expect(await big.text()).toContain('larger than the 1 MB a form may send; nothing was saved');
    // The phone lookup called by hand with an object and a number: a plain refusal.
    const odd = await page.request.post('/booth', { headers, data: JSON.stringify([{ phone: '9876543210' }, 42]) });
    // An answer (the action's own refusal, tests/malformed-entries covers its text), not a fault.
    expect(odd.status()).toBe(200);
    expect(await odd.text()).not.toContain('"digest"');
  });

  test('an API route (the companies CSV) carries the headers', async ({ page }) => {
    const response = await page.request.get('/api/export/companies');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expectSecurityHeaders(response);
  });

  test('the build’s static files carry the fixed headers', async ({ page }) => {
    await page.goto('/login');
    const src = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    const response = await page.request.get(src!);
    expect(response.status()).toBe(200);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['x-frame-options']).toBe('DENY');
  });

  test('over HTTPS at the reverse proxy, the policy also upgrades insecure requests', async ({ page }) => {
    const plain = await page.request.get('/login');
    expect(plain.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const behindTls = await page.request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

test.describe('[SECURITY]: the policy breaks nothing', () => {
  test.use({ storageState: authFile('manager') });

  test('the app’s pages, charts and client components load with no policy violation', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/companies');
    await page.getByRole('table').locator('tbody').getByRole('link').first().click();
    // The company page's Recharts chart renders (SVG with inline styles).
    await expect(page.getByRole('img', { name: /Bookings and revenue per period/ })).toBeVisible();
    await page.goto('/campaigns');
    // A campaign's funnel and revenue widgets.
    await page.locator('main a[href^="/campaigns/"]').first().click();
    await expect(page).toHaveURL(/\/campaigns\/\w+/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/booth');
    await page.getByLabel('Phone').fill('98765 43210');
    await expect(page.getByTestId('visitor-panel')).toBeVisible();
    await page.goto('/stalls');
    await expect(page.getByRole('table')).toBeVisible();
    expect(violations).toEqual([]);
  });
});

// Signed out: the sign-in page renders itself (signed in, it redirects, and the injected copy would be another page's).
test.describe('[SECURITY]: injected markup', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('markup injected into a page cannot run a script, and the browser reports it', async ({ page }) => {
    const violations = await watchViolations(page);
    // As if a stored name had slipped through as HTML: the server's own response and policy, plus one inline script.
    let injected = false;
    await page.route(
      '**/login',
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const original = await response.text();
        const body = original.replace(
          '<body',
          '<body><script>document.documentElement.dataset.injected = "ran"</script><div hidden',
        );
        injected = body !== original;
        await route.fulfill({ response, body });
      },
      { times: 1 },
    );
    await page.goto('/login');
    // The sign-in page itself was served, with the script in it.
    expect(injected).toBe(true);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/script-src/);
    expect(await page.evaluate(() => document.documentElement.dataset.injected)).toBeUndefined();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
