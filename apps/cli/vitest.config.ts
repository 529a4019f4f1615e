import { defineConfig } from 'vitest/config';

// Each test runs the real CLI several times (a fresh `node bin/butterfly.ts` process each, 0.5-2 s on this
// 2-core machine); under `pnpm test`, with other packages testing beside it, a test takes 3x as long.
export default defineConfig({
  test: { globalSetup: ['../../packages/db/src/testing/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
