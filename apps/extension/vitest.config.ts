import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The build test bundles the extension once (esbuild, well under a second on an idle machine).
  test: { testTimeout: 20_000, environment: 'node' },
});
