import type { Page, Route } from '@playwright/test';
import { and, eq, inArray, sql } from 'drizzle-orm';

import { bookings, contacts, conversations, stalls, users } from '@/db/schema';
import { recordEntry } from '@/db/services/entries';
import { ulid } from '@/lib/ulid';

import { expect, expectAccessible, keptPages, newPhone, signedIn, test, unique, withWorker } from './fixtures';

/**
 * The booth with the network gone, as an employee on a tablet meets it (issue 14): entries kept on
 * the tablet through a reload, sent exactly once when the network is back, a stall sold meanwhile
 * shown as a conflict and fixed, and a connection cut in the middle of a sync — counted in the
 * database each time. A user, a location and a company of the test's own; the service worker on.
 */
test.describe('[OFFLINE]: entries wait on the tablet and are sent exactly once', () => {
  test.slow();

  test('five entries offline, a reload, the network back; a conflict fixed; a sync cut in the middle', async ({
    browser,
    newUser,
    newLocation,
    e2eDb,
  }) => {
    const user = await newUser();
    const other = await newUser('manager');
    const suffix = unique();
    const location = await newLocation({
      name: `Offline hall ${suffix}`,
      stalls: ['O-1', 'O-2', 'O-3', 'O-4'].map((name) => ({ name, price: '30000' })),
    });
    const stallIds = Object.fromEntries(
      (
        await e2eDb
          .select({ id: stalls.id, name: stalls.table_name })
          .from(stalls)
          .where(eq(stalls.location_mngt_id, location.id))
      ).map((s) => [s.name, s.id]),
    ) as Record<string, number>;
    const company = { id: ulid(), name: `Offline Textiles ${suffix}` };
    await e2eDb.insert(contacts).values({ ...company, type: 'exhibitor' });

    const page = await withWorker(browser, { viewport: { width: 768, height: 1024 } });
    const context = page.context();
    await signedIn(page, user);
    await standAt(page, location.name, 'O-1', company.name);
    // Reloaded once online, so the copy kept for offline is this location's booth.
    await page.reload();
    await expect(page.getByTestId('chosen-company')).toHaveText(company.name);
    await expect.poll(() => keptPages(page)).toContain('/booth');
    const waiting = page.getByTestId('sync-waiting');
    await expect(waiting).toHaveText('0 waiting');

    // 1. Five entries with the network off: four talks and a booking of O-2.
    await context.setOffline(true);
    await expect(page.getByTestId('sync-status')).toContainText('Offline');
    const phones = [newPhone(), newPhone(), newPhone(), newPhone(), newPhone()];
    for (const [i, phone] of phones.entries()) {
      if (i === 4) await recordBooking(page, phone, 'O-2', '2031-02-14');
      else await recordTalk(page, phone, i % 2 ? 'Busy' : 'Interested');
      await expect(waiting).toHaveText(`${i + 1} waiting`);
    }
    await expectAccessible(page);

    // 2. A reload offline: the booth opens from the device, the five still waiting.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Booth', level: 1 })).toBeVisible();
    await expect(waiting).toHaveText('5 waiting');
    await expect(page.getByRole('list', { name: 'Entries on this tablet' }).getByRole('listitem')).toHaveCount(5);

    // 3. The network back: all five saved, each exactly once.
    await context.setOffline(false);
    await expect(waiting).toHaveText('0 waiting', { timeout: 30_000 });
    await expect.poll(() => talksPerPhone(phones)).toEqual(Object.fromEntries(phones.map((p) => [p, 1])));
    expect(await bookingsOf(company.id)).toEqual([{ stall: stallIds['O-2'], date: '2031-02-14' }]);
    await expectAccessible(page);

    // 4. A sixth entry books O-3 for the 15th offline; another user books O-3 for the 15th meanwhile.
    await context.setOffline(true);
    const sixth = newPhone();
    await recordBooking(page, sixth, 'O-3', '2031-02-15');
    await expect(waiting).toHaveText('1 waiting');
    await recordEntry(e2eDb, other.id, {
      idempotency_key: ulid(),
      exhibitor_id: company.id,
      phone: newPhone(),
      outcome: 'materialised',
      booking: { booking_date: '2031-02-15', table_id: stallIds['O-3']!, price: '30000.00', amount_paid: '0.00' },
    });
    await context.setOffline(false);
    const conflict = page.locator('li[data-state="conflict"]');
    await expect(conflict).toContainText('O-3 is already booked', { timeout: 30_000 });
    await expect(page.getByTestId('sync-status')).toContainText('1 to fix');
    await expectAccessible(page);
    // Fixed by choosing another stall, and sent again: saved once, on O-4.
    await conflict.getByLabel('Another stall').selectOption({ label: 'O-4' });
    await conflict.getByRole('button', { name: 'Send again' }).click();
    await expect(page.locator('li[data-state="conflict"]')).toHaveCount(0);
    await expect.poll(() => talksPerPhone([sixth])).toEqual({ [sixth]: 1 });
    expect(await bookingsOf(company.id)).toEqual([
      { stall: stallIds['O-2'], date: '2031-02-14' },
      { stall: stallIds['O-4'], date: '2031-02-15' },
    ]);

    // 5. The connection cut in the middle of a sync: the second entry reaches the server, its answer never
    //    comes back, and the network goes. Sent again later with its key, nothing is written twice.
    await context.setOffline(true);
    const later = [newPhone(), newPhone(), newPhone()];
    for (const phone of later) await recordTalk(page, phone, 'Interested');
    await expect(waiting).toHaveText('3 waiting');
    let sent = 0;
    const cut = async (route: Route) => {
      if (route.request().method() !== 'POST' || !route.request().headers()['next-action']) return route.fallback();
      sent++;
      if (sent !== 2) return route.continue();
      await route.fetch(); // the server writes it…
      await context.setOffline(true); // …and the tablet loses the network before the answer arrives.
      return route.abort('internetdisconnected');
    };
    await page.route('**/booth', cut);
    await context.setOffline(false);
    await expect.poll(() => sent, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('sync-status')).toContainText('Offline');
    await expect(waiting).not.toHaveText('0 waiting');
    await page.unroute('**/booth', cut);
    await context.setOffline(false);
    await expect(waiting).toHaveText('0 waiting', { timeout: 30_000 });
    await expect.poll(() => talksPerPhone(later)).toEqual(Object.fromEntries(later.map((p) => [p, 1])));
    // Everything this tablet recorded is there once: 9 talks, 2 bookings of its own.
    expect(Object.values(await talksPerPhone([...phones, sixth, ...later]))).toEqual(Array(9).fill(1));
    await expectAccessible(page);
    await context.close();

    async function talksPerPhone(list: string[]) {
      const rows = await e2eDb
        .select({ phone: conversations.visitor_phone })
        .from(conversations)
        .where(
          and(
            eq(conversations.exhibitor_id, company.id),
            inArray(
              conversations.visitor_phone,
              list.map((p) => `+91${p}`),
            ),
          ),
        );
      const counts: Record<string, number> = {};
      for (const r of rows) {
        const phone = r.phone!.slice(3);
        counts[phone] = (counts[phone] ?? 0) + 1;
      }
      return counts;
    }
    async function bookingsOf(exhibitorId: string) {
      return e2eDb
        .select({ stall: bookings.table_id, date: bookings.booking_date })
        .from(bookings)
        .where(and(eq(bookings.exhibitor_id, exhibitorId), eq(bookings.employee_id, user.id)))
        .orderBy(bookings.booking_date);
    }
  });
});

test.describe('[OFFLINE]: the tablet keeps what the booth needs of a location', () => {
  test.slow();

  test('offline, another location’s stalls and its companies come from the tablet, and the talk is saved once back', async ({
    browser,
    newUser,
    newLocation,
    e2eDb,
  }) => {
    const user = await newUser();
    const suffix = unique();
    const home = await newLocation({ name: `Home hall ${suffix}`, stalls: [{ name: 'H-1', price: '30000' }] });
    const far = await newLocation({
      name: `Far hall ${suffix}`,
      stalls: ['F-1', 'F-2'].map((name) => ({ name, price: '20000' })),
    });
    // A company of the far hall (a lead there) and one of nowhere yet.
    const farCompany = { id: ulid(), name: `Faraway Looms ${suffix}` };
    const homeCompany = { id: ulid(), name: `Homely Crafts ${suffix}` };
    await e2eDb.insert(contacts).values([
      { ...farCompany, type: 'exhibitor' },
      { ...homeCompany, type: 'exhibitor' },
    ]);
    await recordEntry(e2eDb, user.id, {
      idempotency_key: ulid(),
      exhibitor_id: farCompany.id,
      phone: newPhone(),
      outcome: 'interested',
      location_id: far.id,
    });

    const page = await withWorker(browser, { viewport: { width: 768, height: 1024 } });
    const context = page.context();
    await signedIn(page, user);
    await page.goto('/booth');
    // Online, each location chosen is kept on the tablet.
    await page.getByLabel('Location').selectOption({ label: far.name });
    await expect(page.getByLabel('Stall', { exact: true }).getByRole('option', { name: 'F-2' })).toBeAttached();
    await expect.poll(() => keptCopies(page)).toContainEqual({ locationId: far.id, companies: 1, stalls: 2 });
    await page.getByLabel('Location').selectOption({ label: home.name });
    await page.getByLabel('Stall', { exact: true }).selectOption({ label: 'H-1' });
    await chooseCompany(page, homeCompany.name);
    await page.reload();
    await expect.poll(() => keptPages(page)).toContain('/booth');

    // Offline: a reload opens the booth; the far hall's stalls and companies are the tablet's copy.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('chosen-company')).toHaveText(homeCompany.name);
    await page.getByLabel('Location').selectOption({ label: far.name });
    await expect(page.getByTestId('stalls-kept')).toContainText('Offline: the stalls kept on this tablet');
    await page.getByLabel('Stall', { exact: true }).selectOption({ label: 'F-2' });
    await page.getByRole('button', { name: 'Change company' }).click();
    await page.getByLabel('Find the exhibitor').fill('loom');
    await expect(page.getByTestId('companies-kept')).toContainText(`searching the 1 companies of ${far.name}`);
    const matches = page.getByRole('list', { name: 'Matching companies' });
    await expect(matches.getByRole('button')).toHaveCount(1);
    await page.getByLabel('Find the exhibitor').fill('homely');
    await expect(page.getByText('No exhibitor matches “homely”.')).toBeVisible();
    await page.getByLabel('Find the exhibitor').fill('faraway');
    await matches.getByRole('button', { name: farCompany.name }).click();
    await expect(page.getByTestId('chosen-company')).toHaveText(farCompany.name);
    await expectAccessible(page);
    const phone = newPhone();
    await recordTalk(page, phone, 'Interested');

    // Back online: saved once, at the far hall's F-2, for the company found offline.
    const [f2] = await e2eDb
      .select({ id: stalls.id })
      .from(stalls)
      .where(and(eq(stalls.location_mngt_id, far.id), eq(stalls.table_name, 'F-2')));
    await context.setOffline(false);
    await expect(page.getByTestId('sync-waiting')).toHaveText('0 waiting', { timeout: 30_000 });
    await expect
      .poll(() =>
        e2eDb
          .select({
            exhibitor: conversations.exhibitor_id,
            location: conversations.location_id,
            stall: conversations.table_id,
          })
          .from(conversations)
          .where(eq(conversations.visitor_phone, `+91${phone}`)),
      )
      .toEqual([{ exhibitor: farCompany.id, location: far.id, stall: f2!.id }]);
  });
});

test.describe('[OFFLINE]: a session that ended while the tablet was offline', () => {
  test.slow();

  test('asks for the password again, then sends what waited, once', async ({
    browser,
    newUser,
    newLocation,
    e2eDb,
  }) => {
    const user = await newUser();
    const suffix = unique();
    const location = await newLocation({ name: `Session hall ${suffix}`, stalls: [{ name: 'S-1', price: '30000' }] });
    const company = { id: ulid(), name: `Session Spices ${suffix}` };
    await e2eDb.insert(contacts).values({ ...company, type: 'exhibitor' });

    const page = await withWorker(browser, { viewport: { width: 768, height: 1024 } });
    const context = page.context();
    await signedIn(page, user);
    await standAt(page, location.name, 'S-1', company.name);

    await context.setOffline(true);
    const phones = [newPhone(), newPhone()];
    for (const phone of phones) await recordTalk(page, phone, 'Interested');
    const waiting = page.getByTestId('sync-waiting');
    await expect(waiting).toHaveText('2 waiting');
    // Meanwhile the session ends on the server (as a password reset or a sign-out elsewhere does).
    await e2eDb
      .update(users)
      .set({ session_version: sql`${users.session_version} + 1` })
      .where(eq(users.id, user.id));

    // The network back: nothing is sent under an ended session; the entries wait and a sign-in is asked for.
    await context.setOffline(false);
    const signInAgain = page.getByRole('link', { name: 'Sign in again to send 2 waiting entries' });
    await expect(signInAgain).toBeVisible({ timeout: 30_000 });
    await expect(waiting).toHaveText('2 waiting');
    expect(await talksOf(phones)).toEqual([]);
    await expectAccessible(page);

    await signInAgain.click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/booth$/);
    await expect(page.getByTestId('sync-waiting')).toHaveText('0 waiting', { timeout: 30_000 });
    await expect.poll(() => talksOf(phones)).toEqual(phones.map((p) => `+91${p}`).sort());

    async function talksOf(list: string[]) {
      const rows = await e2eDb
        .select({ phone: conversations.visitor_phone })
        .from(conversations)
        .where(
          inArray(
            conversations.visitor_phone,
            list.map((p) => `+91${p}`),
          ),
        );
      return rows.map((r) => r.phone).sort();
    }
  });
});

/** What the tablet keeps of each location (lib/offline/device-copy.ts), read from its IndexedDB. */
const keptCopies = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ locationId: number; companies: number; stalls: number }[]>((resolve) => {
        const open = indexedDB.open('paridharan-device');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('copies')) return resolve([]);
          const all = db.transaction('copies').objectStore('copies').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { locationId: number; companies: unknown[]; stalls: unknown[] }[]).map((c) => ({
                locationId: c.locationId,
                companies: c.companies.length,
                stalls: c.stalls.length,
              })),
            );
        };
        open.onerror = () => resolve([]);
      }),
  );

/** The booth at `location`'s `stall` for `company`, chosen as an employee does (remembered on the tablet). */
async function standAt(page: Page, location: string, stall: string, company: string) {
  await page.goto('/booth');
  await page.getByLabel('Location').selectOption({ label: location });
  await page.getByLabel('Stall', { exact: true }).selectOption({ label: stall });
  await chooseCompany(page, company);
}

/** The company found by its name in the booth's search and chosen. */
async function chooseCompany(page: Page, name: string) {
  await page.getByLabel('Find the exhibitor').fill(name);
  await page.getByRole('list', { name: 'Matching companies' }).getByRole('button', { name }).click();
  await expect(page.getByTestId('chosen-company')).toHaveText(name);
}

/** One talk through the booth form: the phone, how it went, Save; it is kept on the tablet. */
async function recordTalk(page: Page, phone: string, outcome: 'Busy' | 'Interested') {
  await page.getByLabel('Phone').fill(phone);
  await page.getByRole('radio', { name: new RegExp(outcome) }).check();
  await page.getByRole('button', { name: 'Save talk' }).click();
  await expectKept(page);
}

/** A talk and a booking of `stall` for `day`, at its list price, nothing paid yet. */
async function recordBooking(page: Page, phone: string, stall: string, day: string) {
  await page.getByLabel('Phone').fill(phone);
  await page.getByRole('radio', { name: /Materialised/ }).check();
  await page.getByLabel('Booked for (exhibition day)').fill(day);
  await page.getByLabel('Stall booked').selectOption({ label: `${stall} — list ₹30,000.00` });
  await page.getByRole('button', { name: 'Save talk and booking' }).click();
  await expectKept(page);
}

async function expectKept(page: Page) {
  await expect(page.getByTestId('save-bar').getByRole('status')).toContainText('Kept on this tablet');
  await expect(page.getByLabel('Phone')).toHaveValue('');
}
