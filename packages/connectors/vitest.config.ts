import { defineConfig } from 'vitest/config';

// No database here: the connector talks HTTP only, and msw stands in for Okta.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], setupFiles: ['src/okta/test/setup.ts'], testTimeout: 20_000 },
});
