import { defineConfig } from 'vitest/config';

// Each integration file starts its own simulator (RSA keys and a seeded customer) on a free port;
// the generous timeout is for a loaded CI machine, not for the usual sub-second run.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
