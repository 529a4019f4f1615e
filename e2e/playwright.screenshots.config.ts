import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * `pnpm docs:screenshots`: the guide's screenshots (docs/guide/screenshots/), taken of the system as
 * `pnpm start` leaves it for a first sign-in: the demo tenant with its own connection to okta-sim and
 * that connection's first backup and scan. Not part of `pnpm test` (the suite's testDir is specs/).
 */
process.env.BUTTERFLY_DEMO_CONNECTION = 'on';
// The SCIM page shows this base URL: a customer's, not the test run's port.
process.env.SCIM_PUBLIC_URL ??= 'https://butterfly.example.com/scim/v2';

export default defineConfig({
  ...base,
  testDir: './screenshots',
  retries: 0,
  // The demo backup (15-60 s, more on a busy machine), a second backup for the diff, a restore preview.
  timeout: 600_000,
  reporter: [['list']],
  use: { ...base.use, viewport: { width: 1280, height: 900 } },
});
