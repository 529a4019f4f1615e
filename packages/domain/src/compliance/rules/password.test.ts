import { describe, expect, it } from 'vitest';
import { compliantOrg, setField } from '../testing/okta-fixtures.ts';
import { evidenceAt, runRule } from '../testing/run-rule.ts';

const P = 'settings.password';
/** Each password rule with a value that breaks it. */
const cases: [string, string, unknown][] = [
  ['OKTA-APP-000170', 'lockout.maxAttempts', 0],
  ['OKTA-APP-000650', 'complexity.minLength', 14],
  ['OKTA-APP-000670', 'complexity.minUpperCase', 0],
  ['OKTA-APP-000680', 'complexity.minLowerCase', 0],
  ['OKTA-APP-000690', 'complexity.minNumber', 0],
  ['OKTA-APP-000700', 'complexity.minSymbol', 0],
  ['OKTA-APP-000740', 'age.minAgeMinutes', 60],
  ['OKTA-APP-000745', 'age.maxAgeDays', 0],
  ['OKTA-APP-002980', 'complexity.dictionary.common.exclude', false],
  ['OKTA-APP-003010', 'age.historyCount', 4],
];

describe('password policy rules', () => {
  for (const [id, field, bad] of cases) {
    it(`${id}: PASS when met, FAIL on ${field} = ${JSON.stringify(bad)}, MANUAL without password policies`, async () => {
      expect((await runRule(id, compliantOrg())).result).toBe('PASS');
      const org = compliantOrg();
      setField(org, 'policy.PASSWORD', '00p1pwdefault', `${P}.${field}`, bad);
      const r = await runRule(id, org);
      expect(r.result).toBe('FAIL');
      expect(evidenceAt(r, `${P}.${field}`, '00p1pwdefault')).toEqual(bad);
      delete org['policy.PASSWORD'];
      expect((await runRule(id, org)).result).toBe('MANUAL');
    });
  }

  it('judge every active policy and ignore inactive ones', async () => {
    const org = compliantOrg();
    const lax = structuredClone(org['policy.PASSWORD']![0]!);
    lax.id = '00p1lax';
    Object.assign(lax.body as object, { id: '00p1lax', name: 'Contractors', system: false, status: 'INACTIVE' });
    setField({ x: [lax] }, 'x', '00p1lax', `${P}.complexity.minLength`, 8);
    org['policy.PASSWORD']!.push(lax);
    expect((await runRule('OKTA-APP-000650', org)).result).toBe('PASS');
    setField(org, 'policy.PASSWORD', '00p1lax', 'status', 'ACTIVE');
    const r = await runRule('OKTA-APP-000650', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"Contractors" (8)');
  });

  it('fail when there is no active password policy at all', async () => {
    const org = compliantOrg();
    setField(org, 'policy.PASSWORD', '00p1pwdefault', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-000650', org)).result).toBe('FAIL');
  });
});
