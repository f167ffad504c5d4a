import { expect, test as setup } from '@playwright/test';
import { authFile, DEMO_PASSWORD, LOGINS, signIn, type DemoRole } from './fixtures';

for (const role of Object.keys(LOGINS) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, LOGINS[role], DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/booth$/);
    await page.context().storageState({ path: authFile(role) });
  });
}
