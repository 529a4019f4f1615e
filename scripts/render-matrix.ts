/** Regenerates the permission matrix in the README and the configuration guide from packages/domain. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withRenderedMatrix } from '../packages/domain/src/permissions/render-matrix.fns.ts';

for (const doc of ['README.md', 'docs/guide/roles.md']) {
  const file = resolve(import.meta.dirname, '..', doc);
  const next = withRenderedMatrix(readFileSync(file, 'utf8'));
  if (next === undefined) throw new Error(`${doc} has no permission-matrix block`);
  writeFileSync(file, next);
  process.stdout.write(`updated ${doc}\n`);
}
