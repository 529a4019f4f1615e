import { defineConfig } from 'vitest/config';

// Pure rendering and crypto: no database, so no global setup.
// A bundle export renders the PDF (a dozen pages with the STIG texts), slow on a busy 2-core machine; hooks too.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
