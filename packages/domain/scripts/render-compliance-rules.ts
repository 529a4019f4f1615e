/** Regenerates the rule table in the customer guide from the rules in packages/domain. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withRenderedRuleTable } from '../src/compliance/render-rule-table.fns.ts';

const file = resolve(import.meta.dirname, '../../../docs/guide/compliance.md');
const next = withRenderedRuleTable(readFileSync(file, 'utf8'));
if (next === undefined) throw new Error('docs/guide/compliance.md has no compliance-rules block');
writeFileSync(file, next);
process.stdout.write('updated docs/guide/compliance.md\n');
