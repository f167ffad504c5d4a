import { expect, test as setup } from '@playwright/test';

import { authFile, DEMO_PASSWORD, LOGINS, signIn, type DemoRole } from './fixtures';

for (const role of Object.keys(LOGINS) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    setup.slow();
    await signIn(page, LOGINS[role], DEMO_PASSWORD);
    // The first sign-ins meet a cold server (its first render of / and /booth): more than 5 s on a loaded machine.
    await expect(page).toHaveURL(/\/booth$/, { timeout: 60_000 });
    await page.context().storageState({ path: authFile(role) });
  });
}
