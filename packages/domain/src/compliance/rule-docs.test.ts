import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GWS_START, SCUBA_START, withRenderedRuleTable } from './render-rule-table.fns.ts';
import { ALL_RULES } from './rulesets.ts';

const guide = resolve(import.meta.dirname, '../../../../docs/guide/compliance.md');

describe('docs/guide/compliance.md', () => {
  it('carries the current rule table (run `pnpm exec tsx packages/domain/scripts/render-compliance-rules.ts` when this fails)', () => {
    const text = readFileSync(guide, 'utf8');
    expect(withRenderedRuleTable(text), 'the generated rule block is missing or out of date').toBe(text);
  });

  it('lists every rule id', () => {
    const text = readFileSync(guide, 'utf8');
    // Okta's rules, the SCuBA MS.AAD (decision 058) and GWS (decision 065) rules, each in its generated table.
    expect(text).toContain(SCUBA_START);
    expect(text).toContain(GWS_START);
    for (const r of ALL_RULES) expect(text, r.id).toContain(`| ${r.id} |`);
  });
});
