import { type Locator, type Page, type Route } from '@playwright/test';
import { addDays, format } from 'date-fns';
import { and, eq, isNotNull } from 'drizzle-orm';

import { conversations, followUps } from '@/db/schema';

import { authFile, expect, expectAccessible, newPhone, test, unique, type Fixtures } from './fixtures';

/** A location of its own with one stall, so parallel tests never share a stall. */
async function placeOwnBooth(page: Page, newLocation: Fixtures['newLocation']) {
  const { name } = await newLocation({ name: `KTPO Bengaluru ${unique()}`, stalls: [{ name: 'K-7', price: '45000' }] });
  await page.goto('/booth');
  await page.getByLabel('Location').selectOption({ label: name });
  await page.getByLabel('Stall', { exact: true }).selectOption({ label: 'K-7' });
  if (!(await page.getByRole('button', { name: 'Change company' }).isVisible())) {
    await page.getByLabel('Find the exhibitor').fill('a');
    await page.getByRole('list', { name: 'Matching companies' }).getByRole('button').first().click();
  }
  await expect(page.getByTestId('chosen-company')).toBeVisible();
}

/** A visitor the booth has met: a first talk with a name, through the form. */
async function meetVisitor(page: Page, phone: string, name: string) {
  await page.getByLabel('Phone').fill(phone);
  await expect(page.getByTestId('visitor-panel')).toContainText('A phone we have not met before.');
  await page.getByLabel('New visitor’s name (optional)').fill(name);
  await page.getByRole('radio', { name: /Interested/ }).check();
  await page.getByRole('button', { name: 'Save talk' }).click();
  await expect(page.getByTestId('save-bar').getByRole('status')).toContainText('Saved.');
}

/**
 * The control is on the screen as it stands — nothing scrolled — and not under the sticky Save bar
 * (unless it is in that bar).
 */
async function expectReachable(page: Page, control: Locator) {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const viewport = page.viewportSize()!;
  const box = (await control.boundingBox())!;
  const bar = (await page.getByTestId('save-bar').boundingBox())!;
  const inBar = await control.evaluate((el) => Boolean(el.closest('[data-testid="save-bar"]')));
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(inBar ? viewport.height : bar.y);
}

test.describe('[BOOTH] on a tablet (768×1024)', () => {
  test.use({ storageState: authFile('employee') });

  test('a typical entry — known visitor, interested, follow up tomorrow — is 4 taps and no scroll', async ({
    page,
    newLocation,
    e2eDb,
  }) => {
    test.slow();
    await page.setViewportSize({ width: 768, height: 1024 });
    await placeOwnBooth(page, newLocation);
    const phone = newPhone();
    const visitor = `Meera Nair ${unique()}`;
    await meetVisitor(page, phone, visitor);

    // The next day at the booth: the page opened afresh, place and company remembered.
    await page.goto('/booth');
    await expect(page.getByTestId('chosen-company')).toBeVisible();
    let taps = 0;
    const tap = async (control: Locator) => {
      await expectReachable(page, control);
      await control.click();
      taps++;
    };

    await tap(page.getByLabel('Phone'));
    await page.keyboard.type(phone);
    await expect(page.getByTestId('visitor-name')).toContainText(visitor);
    await tap(page.locator('label').filter({ has: page.getByRole('radio', { name: /Interested/ }) }));
    await expect(page.getByRole('radio', { name: /Interested/ })).toBeChecked();
    await tap(page.getByRole('button', { name: 'Tomorrow' }));
    const tomorrow = format(addDays(new Date(), 1), 'yyyy-MM-dd');
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue(tomorrow);
    await tap(page.getByRole('button', { name: 'Save talk' }));

    // The answer is beside the Save button, and the form starts again for the next visitor.
    const bar = page.getByTestId('save-bar');
    await expect(bar.getByRole('status')).toContainText(/Saved\. Lead #\d+ updated, talk recorded\./);
    await expect(bar.getByRole('status')).toHaveAttribute('aria-live', 'polite');
    await expectReachable(page, bar.getByRole('status'));
    await expect(page.getByLabel('Phone')).toHaveValue('');
    await expect(page.getByLabel('Phone')).toBeFocused();
    await expect(page.getByRole('radio', { name: /Interested/ })).not.toBeChecked();
    expect(taps).toBe(4);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    console.log(`[booth] typical entry at 768×1024: ${taps} taps, 0 scrolls`);

    const [lead] = await e2eDb
      .select({ date: followUps.next_followup_date, status: followUps.status })
      .from(followUps)
      .where(and(eq(followUps.phone, `+91${phone}`), isNotNull(followUps.open_lead_phone)));
    expect(lead).toEqual({ date: tomorrow, status: 'interested' });
    await expectAccessible(page);
  });

  test('a busy talk without a date keeps the follow-up planned before', async ({ page, newLocation, e2eDb }) => {
    test.slow();
    await placeOwnBooth(page, newLocation);
    const phone = newPhone();
    await page.getByLabel('Phone').fill(phone);
    await expect(page.getByTestId('visitor-panel')).toContainText('A phone we have not met before.');
    await page.getByRole('radio', { name: /Interested/ }).check();
    await page.getByRole('button', { name: 'Next week' }).click();
    const planned = format(addDays(new Date(), 7), 'yyyy-MM-dd');
    await page.getByRole('button', { name: 'Save talk' }).click();
    await expect(page.getByTestId('save-bar').getByRole('status')).toContainText('New lead');

    // The second talk: the lead's date is shown, and kept by a busy talk that does not touch it.
    await page.getByLabel('Phone').fill(phone);
    await expect(page.getByTestId('visitor-panel')).toContainText('Open lead: interested');
    await page.getByRole('radio', { name: /Busy/ }).check();
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue(planned);
    await expect(page.getByTestId('follow-up-hint')).toContainText('is kept unless you change it');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save talk' }).click();
    await expect(page.getByTestId('save-bar').getByRole('status')).toContainText('updated');
    const leadOf = async () =>
      (
        await e2eDb
          .select({ date: followUps.next_followup_date, status: followUps.status })
          .from(followUps)
          .where(and(eq(followUps.phone, `+91${phone}`), isNotNull(followUps.open_lead_phone)))
      )[0];
    await expect.poll(leadOf).toEqual({ date: planned, status: 'busy' });

    // Cleared on purpose, it is cleared.
    await page.getByLabel('Phone').fill(phone);
    await page.getByRole('radio', { name: /Busy/ }).check();
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue(planned);
    await page.getByLabel('Date', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save talk' }).click();
    await expect(page.getByTestId('save-bar').getByRole('status')).toContainText('updated');
    // (Polled: the previous save's "updated" can still be on screen when this one is sent.)
    await expect.poll(leadOf).toEqual({ date: null, status: 'busy' });
  });

  test('a dropped connection keeps the talk on the tablet, said beside the Save button; it is sent once when back', async ({
    page,
    newLocation,
    e2eDb,
  }) => {
    test.slow();
    await placeOwnBooth(page, newLocation);
    const phone = newPhone();
    await page.getByLabel('Phone').fill(phone);
    await page.getByRole('radio', { name: /Busy/ }).check();
    const drop = (route: Route) =>
      route.request().method() === 'POST' && route.request().headers()['next-action']
        ? route.abort('internetdisconnected')
        : route.fallback();
    await page.route('**/booth', drop);
    await page.getByRole('button', { name: 'Save talk' }).click();
    const status = page.getByTestId('save-bar').getByRole('status');
    await expect(status).toContainText('Kept on this tablet');
    await expectReachable(page, status);
    // The form is clear for the next visitor, and the talk waits in the sync status.
    await expect(page.getByLabel('Phone')).toHaveValue('');
    await expect(page.getByTestId('sync-waiting')).toHaveText('1 waiting');
    await expectAccessible(page);

    await page.unroute('**/booth', drop);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-waiting')).toHaveText('0 waiting');
    const talks = () =>
      e2eDb
        .select({ id: conversations.id })
        .from(conversations)
        .where(eq(conversations.visitor_phone, `+91${phone}`));
    await expect.poll(async () => (await talks()).length).toBe(1);
    // A second sync finds nothing to send, and writes nothing.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByText('Nothing was waiting.')).toBeVisible();
    expect(await talks()).toHaveLength(1);
  });
});
