import { defineConfig } from 'vitest/config';

// Pure rendering and crypto: no database, so no global setup.
export default defineConfig({ test: { testTimeout: 30_000 } });
