/** Regenerates the scope table of docs/guide/connections.md from the Okta catalog. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withRenderedScopes } from '../src/okta/scopes-doc.fns.ts';

const file = resolve(import.meta.dirname, '../../../docs/guide/connections.md');
const next = withRenderedScopes(readFileSync(file, 'utf8'));
if (next === undefined) throw new Error('docs/guide/connections.md has no okta-scopes block');
writeFileSync(file, next);
process.stdout.write('updated docs/guide/connections.md\n');
