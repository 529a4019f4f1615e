import { resolve } from 'node:path';

/** The checkout's root: the default home of `.butterfly/` and of the embedded database. */
export const repoRoot = resolve(import.meta.dirname, '../../..');
