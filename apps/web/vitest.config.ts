import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the Remix plugin never runs under vitest.
export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'server/**/*.test.ts'],
    globalSetup: ['../../packages/db/src/testing/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
