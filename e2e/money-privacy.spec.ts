import { expect, test, type APIRequestContext } from '@playwright/test';

import { formatINR } from '@/lib/money';

import { authFile, parseCsv } from './fixtures';

/**
 * DESIGN.md invariant 14: an employee's HTML and RSC payloads carry no money.
 * Not what the screen shows — what the server sends: the raw HTML of a page
 * (with the flight data inlined) and its RSC payload, as fetched by the
 * employee's session.
 */

/** Keys a money field would travel under, as JSON in the RSC payload (quotes escaped when inlined in the HTML). */
const MONEY_KEY =
  /\\?["'](collected|booked|outstanding|revenue|total_revenue|price|list_price|amount_paid|amount_status|average_booking|booking_price|booking_amount_paid|booking_amount_status|collectedValue|bookedValue)\\?["']\s*:/g;
/**
 * A money sort in use or offered — a link to it, the search form's sort, the sort handed to the
 * table: the order alone would rank companies by revenue. (The page's own URL, echoed in the
 * payload, is not matched: it holds whatever was asked for.)
 */
const MONEY_SORT =
  /href="[^"]*sort=(?:collected|booked|outstanding)|name="sort" value="(?:collected|booked|outstanding)"|\\?"sort\\?":\\?"(?:collected|booked|outstanding)/g;
const RUPEE = /₹|\\u20b9|&#8377;|&#x20b9;|\bINR\b|\bRs\.?\s*\d/gi;

/** The page as HTML, and as the RSC payload a client navigation fetches (header `RSC: 1`). */
async function bodiesOf(request: APIRequestContext, path: string) {
  const html = await request.get(path);
  expect(html.status(), path).toBe(200);
  expect(html.headers()['content-type']).toContain('text/html');
  const rsc = await request.get(path, { headers: { RSC: '1' } });
  expect(rsc.status(), `${path} (RSC)`).toBe(200);
  expect(rsc.headers()['content-type'], `${path} (RSC)`).toContain('text/x-component');
  return [
    { what: `${path} (HTML)`, text: await html.text() },
    { what: `${path} (RSC)`, text: await rsc.text() },
  ];
}

test.describe('[MONEY PRIVACY]: what the server sends an employee', () => {
  test('the companies list, a company with bookings and its timeline carry no money keys and no amounts, as HTML or RSC', async ({
    browser,
  }) => {
    // A manager's CSV exports name a company with bookings (the first by name that has any,
    // never the biggest) and the exact amounts an employee must not receive.
    const managerContext = await browser.newContext({ storageState: authFile('manager') });
    const manager = managerContext.request;
    const [header, ...companies] = parseCsv(
      await (await manager.get('/api/export/companies?sort=name&dir=asc')).text(),
    );
    const col = (name: string) => header!.indexOf(name);
    const company = companies.find((r) => Number(r[col('bookings')]) > 0);
    expect(company, 'the demo has a company with bookings').toBeDefined();
    const id = company![col('id')]!;
    const name = company![col('company')]!;
    const amounts = new Set([
      company![col('collected')]!,
      company![col('booked_value')]!,
      company![col('outstanding')]!,
    ]);
    const [timelineHeader, ...timeline] = parseCsv(
      await (await manager.get(`/api/export/companies/${id}/timeline`)).text(),
    );
    const priceAt = timelineHeader!.indexOf('price');
    const paidAt = timelineHeader!.indexOf('amount_paid');
    const bookingRows = timeline.filter((r) => r[priceAt]);
    expect(bookingRows.length, 'its timeline has booking entries').toBeGreaterThan(0);
    for (const r of bookingRows) amounts.add(r[priceAt]!).add(r[paidAt]!);
    amounts.delete('0.00');
    // Each amount as the database writes it (1250000.00) and as the app formats it, without the sign (12,50,000.00).
    const needles = [...amounts].flatMap((a) => [a, formatINR(a).replace('₹', '')]);
    await managerContext.close();

    const employeeContext = await browser.newContext({ storageState: authFile('employee') });
    const employee = employeeContext.request;
    const paths = [
      '/companies',
      `/companies?${new URLSearchParams({ q: name })}`,
      // A money sort asked for by hand is not honoured.
      `/companies?${new URLSearchParams({ q: name, sort: 'collected', dir: 'desc' })}`,
      `/companies/${id}`,
      `/companies/${id}?by=week`,
      `/companies/${id}/timeline`,
      // Sales, payments and cancellations are the materialised entries.
      `/companies/${id}/timeline?outcome=materialised`,
    ];
    let sawCompany = false;
    for (const path of paths) {
      for (const { what, text } of await bodiesOf(employee, path)) {
        sawCompany ||= text.includes(name);
        expect(text.match(MONEY_KEY) ?? [], `${what}: money keys`).toEqual([]);
        expect(text.match(MONEY_SORT) ?? [], `${what}: money sorts`).toEqual([]);
        expect(text.match(RUPEE) ?? [], `${what}: rupee amounts`).toEqual([]);
        expect(
          needles.filter((n) => text.includes(n)),
          `${what}: this company's amounts`,
        ).toEqual([]);
      }
    }
    // The pages were the real ones, with the company and its bookings on them.
    expect(sawCompany).toBe(true);
    const page = await employeeContext.newPage();
    await page.goto(`/companies/${id}/timeline?outcome=materialised`);
    await expect(
      page
        .getByRole('list', { name: 'Conversations' })
        .getByText(/^Booking/)
        .first(),
    ).toBeVisible();
    await employeeContext.close();
  });

  test('a manager receives the money on the same pages (so the checks above can see it)', async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile('manager') });
    const [header, ...companies] = parseCsv(
      await (await context.request.get('/api/export/companies?sort=name&dir=asc')).text(),
    );
    const company = companies.find((r) => Number(r[header!.indexOf('bookings')]) > 0)!;
    const id = company[header!.indexOf('id')]!;
    for (const path of ['/companies', `/companies/${id}`, `/companies/${id}/timeline?outcome=materialised`]) {
      for (const { what, text } of await bodiesOf(context.request, path)) {
        // Formatted on the server (₹…) or sent to a client component as a money field.
        expect(
          (text.match(RUPEE)?.length ?? 0) + (text.match(MONEY_KEY)?.length ?? 0),
          `${what}: money`,
        ).toBeGreaterThan(0);
      }
    }
    // The companies table is a client component: its rows travel with their money keys, and it links the money sorts.
    for (const { what, text } of await bodiesOf(context.request, '/companies')) {
      expect(text.match(MONEY_KEY)?.length ?? 0, what).toBeGreaterThan(0);
      expect(text.match(MONEY_SORT)?.length ?? 0, what).toBeGreaterThan(0);
    }
    await context.close();
  });
});
