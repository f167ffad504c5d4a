import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium, never a downloaded browser (none can be downloaded here).
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: { baseURL, trace: 'retain-on-failure', launchOptions },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: { ...devices['Desktop Chrome'], launchOptions } },
    {
      name: 'tablet',
      dependencies: ['setup'],
      // Importing and merging contacts is an admin's desk work: those specs run at the desktop size only
      // (the contacts lists and forms, like every other area, run at both).
      testIgnore: [/contacts-import\.spec\.ts/, /contacts-merge\.spec\.ts/],
      // Role and permission matrices (tagged DESKTOP_ONLY in e2e/fixtures.ts) answer the same at every size.
      grepInvert: /@desktop-only/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 768, height: 1024 }, hasTouch: true, launchOptions },
    },
    {
      name: 'desktop',
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
  ],
  // Its own database (paridharan_e2e, fresh and seeded with the demo) and port, built like production.
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    url: `${baseURL}/login`,
    reuseExistingServer: !process.env.CI,
    // The first run builds the app; a loaded machine needs longer than an idle one.
    timeout: 600_000,
    stdout: 'pipe',
    env: { E2E_PORT: String(PORT), ...(process.env.E2E_DB ? { E2E_DB: process.env.E2E_DB } : {}) },
  },
});
