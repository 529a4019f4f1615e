import { defineConfig } from 'vitest/config';

// Each integration file starts its own simulator (two RSA keys and a seeded tenant) on a free port;
// the generous timeout is for a loaded CI machine, not for the usual sub-second run.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
