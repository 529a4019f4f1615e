#!/usr/bin/env node
/**
 * `pnpm butterfly …` (a bin of this package, so pnpm runs it without echoing a script line) and
 * `node apps/cli/bin/butterfly.ts …`. Node runs the TypeScript itself (type stripping, no tsx);
 * the compile cache (under the system temp directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off)
 * spares the next run compiling the same modules again. docs/decisions/035.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2));
