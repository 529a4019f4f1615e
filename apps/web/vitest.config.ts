import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the Remix plugin never runs under vitest. The `~` alias lets tests
// import route modules (server/testing/route-build.ts).
export default defineConfig({
  resolve: { alias: { '~': resolve(import.meta.dirname, 'app') } },
  test: {
    include: ['app/**/*.test.ts', 'server/**/*.test.ts'],
    globalSetup: ['../../packages/db/src/testing/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
