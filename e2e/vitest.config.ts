import { defineConfig } from 'vitest/config';

/**
 * Contract and acceptance tests (vitest): okta-sim in-process, the product's connector and domain,
 * a real Postgres per file. The Playwright suite (`pnpm e2e`) lives in specs/ and is not run here.
 */
export default defineConfig({
  test: {
    include: ['contract/**/*.test.ts'],
    globalSetup: ['../packages/db/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
