import { defineConfig } from '@playwright/test';
import { E2E_PORTS } from './fixtures/ports.ts';
import { RESULTS_DIR } from './fixtures/results-dir.ts';

/**
 * The whole system runs once for the suite (see global-setup.ts) on ports of its own, in Debian's
 * Chromium. Specs create their own tenants, so they never depend on each other's data.
 */
export default defineConfig({
  testDir: './specs',
  globalSetup: './fixtures/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  // One retry, so a run is not lost to a timing accident on a loaded 2-core machine; a test that
  // passes only on its retry is reported as flaky (scripts/test.ts names it) and is a bug to chase.
  retries: 1,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: `${RESULTS_DIR}/report.json` }]],
  outputDir: `${RESULTS_DIR}/artifacts`,
  use: {
    baseURL: `http://localhost:${E2E_PORTS.web}`,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
