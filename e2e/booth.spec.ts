import { type Page } from '@playwright/test';

import { authFile, expect, expectAccessible, serverToday, test, unique, type Fixtures } from './fixtures';

/** A location of its own with one stall, so parallel tests never share a stall. */
const locationWithStall = async (newLocation: Fixtures['newLocation']) =>
  (
    await newLocation({
      name: `Hitex Hyderabad ${unique()}`,
      start: '2030-02-14',
      end: '2030-02-16',
      stalls: [{ name: 'T-12', price: '50000' }],
    })
  ).name;

/** A random valid Indian mobile, typed the way a person would. */
const newPhone = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

/** Where the tablet stands: the location's stalls load when it is chosen (the page renders only the saved one's). */
async function choosePlace(page: Page, location: string, stall = 'T-12') {
  await page.goto('/booth');
  await page.getByLabel('Location').selectOption({ label: location });
  await page.getByLabel('Stall', { exact: true }).selectOption({ label: stall });
  if (await page.getByRole('button', { name: 'Change company' }).isVisible()) return;
  await page.getByLabel('Find the exhibitor').fill('a');
  await page.getByRole('list', { name: 'Matching companies' }).getByRole('button').first().click();
  await expect(page.getByTestId('chosen-company')).toBeVisible();
}

test.describe('[BOOTH]: recording talks on a tablet', () => {
  test.use({ storageState: authFile('employee') });

  test('an interested talk, due today, then materialised with a partial payment and paid off', async ({
    page,
    newLocation,
  }) => {
    // A whole booth session: longer than the default 30 s on a 2-core machine.
    test.slow();
    const location = await locationWithStall(newLocation);
    const phone = newPhone();
    // "Today" as the server counts it (the follow-up list's "due today"), not the test machine's clock.
    const today = await serverToday(page);
    await choosePlace(page, location);
    const company = (await page.getByTestId('chosen-company').textContent())!;

    await page.getByLabel('Phone').fill(`${phone.slice(0, 5)} ${phone.slice(5)}`);
    await expect(page.getByTestId('visitor-panel')).toContainText('A phone we have not met before.');
    // A name of its own: a retried or parallel run never finds two such follow-ups.
    const visitor = `Lakshmi Iyer ${unique()}`;
    await page.getByLabel('New visitor’s name (optional)').fill(visitor);
    await page.getByRole('radio', { name: /Interested/ }).check();
    await page.getByLabel('Notes').fill('Wants a corner stall near the entrance');
    await page.getByLabel('Date', { exact: true }).fill(today);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save talk' }).click();
    await expect(page.getByRole('status')).toContainText(/Saved\. New lead #\d+ opened, talk recorded\./);
    // Ready for the next visitor; place and company kept.
    await expect(page.getByLabel('Phone')).toHaveValue('');
    await expect(page.getByTestId('chosen-company')).toHaveText(company);

    // Due today comes after the overdue ones, earliest first, 50 a page: follow the pager to it.
    await page.goto('/follow-ups');
    const item = page.getByRole('listitem').filter({ hasText: visitor });
    for (let pages = 0; pages < 50 && (await item.count()) === 0; pages++) {
      const next = page.getByRole('link', { name: 'Next', exact: true });
      if ((await next.count()) === 0) break;
      await page.goto((await next.getAttribute('href'))!);
    }
    await expect(item).toContainText(company);
    await expect(item).toContainText('Today');
    await item.getByRole('link', { name: /Open in booth/ }).click();

    await expect(page.getByLabel('Phone')).toHaveValue(`+91${phone}`);
    await expect(page.getByTestId('visitor-panel')).toContainText('Open lead: interested');
    await page.getByRole('radio', { name: /Materialised/ }).check();
    await expect(page.getByLabel('Price (₹)')).toHaveValue('50000.00');
    // The visitor panel's lookup may re-render the form right after the radio; type again until it holds.
    await expect(async () => {
      await page.getByLabel('Paid now (₹)').fill('20,000');
      await expect(page.locator('#amount_status')).toContainText('Partial — ₹30,000.00 outstanding', { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Save talk and booking' }).click();
    await expect(page.getByRole('status')).toContainText(
      /Lead #\d+ updated, talk recorded, stall T-12 booked for 14 Feb 2030: ₹20,000.00 of ₹50,000.00 paid \(partial\)\./,
    );

    // The rest of the payment, later.
    await page.getByLabel('Phone').fill(phone);
    const booking = page.getByTestId('visitor-panel').getByRole('listitem').filter({ hasText: 'Stall T-12' });
    await expect(booking).toContainText('₹20,000.00 of ₹50,000.00 paid (partial)');
    await booking.getByLabel('Payment received (₹)').fill('30001');
    await booking.getByRole('button', { name: 'Add payment' }).click();
    await expect(booking.getByRole('alert')).toContainText('Only ₹30,000.00 is outstanding');
    await booking.getByLabel('Payment received (₹)').fill('30000');
    await booking.getByRole('button', { name: 'Add payment' }).click();
    await expect(booking).toContainText('₹50,000.00 of ₹50,000.00 paid (paid)');
  });

  test('a second tablet cannot book a stall already sold for that date', async ({ page, browser, newLocation }) => {
    // A whole booth session across two browsers: longer than the default 30 s on a 2-core machine.
    test.slow();
    const location = await locationWithStall(newLocation);
    await choosePlace(page, location);
    await page.getByLabel('Phone').fill(newPhone());
    await page.getByRole('radio', { name: /Materialised/ }).check();
    await page.getByLabel('Paid now (₹)').fill('50000');
    await page.getByRole('button', { name: 'Save talk and booking' }).click();
    await expect(page.getByRole('status')).toContainText('paid (paid)');
    const company = (await page.getByTestId('chosen-company').textContent())!;

    const second = await browser.newContext({
      storageState: authFile('manager'),
      viewport: { width: 768, height: 1024 },
    });
    const tablet = await second.newPage();
    await choosePlace(tablet, location);
    const phone = newPhone();
    await tablet.getByLabel('Phone').fill(phone);
    await tablet.getByRole('radio', { name: /Materialised/ }).check();
    await tablet.getByRole('button', { name: 'Save talk and booking' }).click();
    await expect(tablet.getByRole('main').getByRole('alert').first()).toContainText(
      `Stall T-12 is already booked for 14 Feb 2030 by ${company}.`,
    );
    // Nothing was written for the refused talk: the visitor still has no lead with that company.
    await tablet.getByLabel('Phone').fill(`0${phone}`);
    await expect(tablet.getByTestId('visitor-panel')).toContainText(
      /No open lead with this company|A phone we have not met before/,
    );
    await second.close();
  });

  test('switching location loads that location’s stalls, and a booking on one of them saves', async ({
    page,
    newLocation,
  }) => {
    test.slow();
    const t = unique();
    const first = await newLocation({
      name: `Chennai Trade Centre ${t}`,
      start: '2030-03-10',
      end: '2030-03-12',
      stalls: [{ name: `C-${t}`, price: '40000' }],
    });
    const second = await newLocation({
      name: `Bombay Exhibition Centre ${t}`,
      start: '2030-04-20',
      end: '2030-04-22',
      stalls: [
        { name: `M-${t}-1`, price: '65000' },
        { name: `M-${t}-2`, price: '70000' },
      ],
    });
    await choosePlace(page, first.name, `C-${t}`);
    const stallPicker = page.getByLabel('Stall', { exact: true });
    await expect(stallPicker.getByRole('option')).toHaveText(['Choose the stall…', `C-${t}`]);

    // The switch goes through the server action; a dropped connection is said, and "Try again" loads them.
    await page.route('**/booth', (route) =>
      route.request().method() === 'POST' && route.request().headers()['next-action']
        ? route.abort('internetdisconnected')
        : route.fallback(),
    );
    await page.getByLabel('Location').selectOption({ label: second.name });
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'The stalls of this location could not be loaded',
    );
    await expect(stallPicker).toBeDisabled();
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(stallPicker.getByRole('option')).toHaveText(['Choose the stall…', `M-${t}-1`, `M-${t}-2`]);
    await stallPicker.selectOption({ label: `M-${t}-2` });

    await page.getByLabel('Phone').fill(newPhone());
    await page.getByRole('radio', { name: /Materialised/ }).check();
    await expect(page.getByLabel('Stall booked')).toHaveValue(await stallPicker.inputValue());
    await expect(page.getByLabel('Price (₹)')).toHaveValue('70000.00');
    await page.getByLabel('Paid now (₹)').fill('70000');
    await page.getByRole('button', { name: 'Save talk and booking' }).click();
    await expect(page.getByRole('status')).toContainText(
      `stall M-${t}-2 booked for 20 Apr 2030: ₹70,000.00 of ₹70,000.00 paid (paid).`,
    );

    // The tablet's location is remembered for the server: the next /booth renders its stalls, not the first one's.
    const html = await (await page.request.get('/booth')).text();
    expect(html).toContain(`M-${t}-1`);
    expect(html).not.toContain(`C-${t}`);
    await page.reload();
    await expect(page.getByLabel('Location')).toHaveValue(String(second.id));
    await expect(stallPicker.locator('option:checked')).toHaveText(`M-${t}-2`);
  });

  test('the page carries the current location’s stalls only, whatever the other locations hold', async ({
    page,
    newLocation,
  }) => {
    test.slow();
    const t = unique();
    const stallsOf = (prefix: string) =>
      Array.from({ length: 150 }, (_, i) => ({ name: `${prefix}-${t}-${i + 1}`, price: '45000' }));
    const here = await newLocation({ name: `Pragati Maidan ${t}`, stalls: stallsOf('P') });
    await newLocation({ name: `Biswa Bangla ${t}`, stalls: stallsOf('B') });
    await newLocation({ name: `Yashobhoomi ${t}`, stalls: stallsOf('Y') });
    await page.goto('/booth');
    await page.getByLabel('Location').selectOption({ label: here.name });
    await expect(page.getByLabel('Stall', { exact: true }).getByRole('option')).toHaveCount(151);

    const response = await page.request.get('/booth');
    const html = await response.text();
    expect(html).toContain(`P-${t}-150`);
    expect(html).not.toContain(`B-${t}-`);
    expect(html).not.toContain(`Y-${t}-`);
    expect(html.length).toBeLessThan(150_000);
    console.log(`[booth] /booth with a 150-stall location chosen: ${html.length} characters of HTML and RSC`);
  });

  test('bad input is refused with field errors and nothing is saved', async ({ page }) => {
    await page.goto('/booth');
    await page.getByLabel('Phone').fill('12345');
    await page.getByRole('button', { name: 'Save talk' }).click();
    await expect(page.getByText('This is not a valid phone number.').first()).toBeVisible();
    await expect(page.getByText('Choose how the talk went.')).toBeVisible();
    await expect(page.getByLabel('Phone')).toHaveValue('12345');
  });
});
