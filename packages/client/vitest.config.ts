import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { globalSetup: ['../db/src/testing/global-setup.ts'], testTimeout: 240_000, hookTimeout: 240_000 },
});
