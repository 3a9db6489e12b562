import { defineConfig, devices } from '@playwright/test';
import { E2E_AUTH_SECRET } from './e2e/env';

// npm test (scripts/test.ts) prepares a migrated, seeded database and a
// production build, then passes the database here.
const databaseUrl = process.env.E2E_DATABASE_URL ?? '';
const port = Number(process.env.E2E_PORT ?? 3100);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'phone', use: { ...devices['Pixel 7'], channel: undefined }, grep: /@phone/ },
  ],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: databaseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      PMKB_EMBEDDED_DB: process.env.E2E_EMBEDDED ?? '0',
      // The browsing specs read as an anonymous visitor, as the demo allows.
      ANONYMOUS_READ: 'true',
      BETTER_AUTH_SECRET: E2E_AUTH_SECRET,
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      // Every test signs in from 127.0.0.1; the limit itself is covered by lib/auth/rate-limit.int.test.ts.
      AUTH_SIGN_IN_ATTEMPTS: '1000',
      // The test agent listens on 127.0.0.1; production refuses loopback agents.
      AGENT_ALLOW_LOOPBACK: 'true',
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
