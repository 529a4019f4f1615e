import { describe, expect, it } from 'vitest';
import { failingObjects, judgedObjects } from './compliance.fns.ts';
import { COMPLIANCE_RULES } from './rules/index.ts';
import { OKTA_IDAAS_STIG, STIG_TEXTS, stigTextOf } from './stig-okta-idaas.ts';
import { compliantOrg, setField } from './testing/okta-fixtures.ts';
import { runRule } from './testing/run-rule.ts';

const stigRules = COMPLIANCE_RULES.filter((r) => r.frameworks.stig);

describe('the Okta IDaaS STIG texts (decision 041)', () => {
  it('every STIG rule of the catalog carries its STIG text, and the text agrees with the rule on V-ID and CAT', () => {
    expect(stigRules).toHaveLength(29);
    expect(Object.keys(STIG_TEXTS).sort()).toEqual(stigRules.map((r) => r.id).sort());
    for (const rule of stigRules) {
      const t = rule.stig!;
      expect(t, rule.id).toBe(STIG_TEXTS[rule.id]);
      expect(t.stigId).toBe(rule.id);
      expect(t.vulnId).toBe(rule.frameworks.stig);
      expect(t.severity, rule.id).toBe(rule.severity);
      // An SV id is that V-ID's rule with its revision; never guessed, so when present it has DISA's form.
      expect(t.ruleId, rule.id).toMatch(new RegExp(`^SV-${t.vulnId.slice(2)}r\\d{7}_rule$`));
      expect(t.groupTitle).toMatch(/^SRG-APP-\d{6}$/);
      expect(t.ccis.length).toBeGreaterThan(0);
      for (const text of [t.title, t.discussion, t.checkText, t.fixText]) {
        expect(text.length, rule.id).toBeGreaterThan(20);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\s{2}|\n|undefined/);
      }
      expect(t.checkText, rule.id).toMatch(/finding/);
      expect(t.textSource).toBe('verbatim');
    }
    expect(COMPLIANCE_RULES.filter((r) => !r.frameworks.stig).every((r) => r.stig === undefined)).toBe(true);
  });

  it('CAT I is exactly 000560, 000570 and 001430; V1R2 added the five 0032xx rules', () => {
    expect(
      stigRules
        .filter((r) => r.stig!.severity === 'CAT I')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['OKTA-APP-000560', 'OKTA-APP-000570', 'OKTA-APP-001430']);
    expect(
      Object.values(STIG_TEXTS)
        .filter((t) => t.since === 'V1R2')
        .map((t) => t.vulnId)
        .sort(),
    ).toEqual(['V-279689', 'V-279690', 'V-279691', 'V-279692', 'V-279693']);
    expect(OKTA_IDAAS_STIG).toMatchObject({ id: 'Okta_IDaaS_STIG', version: '1', release: '2' });
  });

  it('a scan result names the SV rule id of the text it was judged against; results beyond the STIG do not', async () => {
    const r = await runRule('OKTA-APP-000020', compliantOrg());
    expect(r.stigRuleId).toBe('SV-273186r1098825_rule');
    expect(stigTextOf(r)?.title).toBe('Okta must log out a session after a 15-minute period of inactivity.');
    const beyond = await runRule('OKTA-HARDEN-SUPER-ADMIN-COUNT', compliantOrg());
    expect(beyond.stigRuleId).toBeUndefined();
    expect(stigTextOf(beyond)).toBeUndefined();
    expect(stigTextOf({ stigRuleId: 'SV-273186r0000000_rule' })).toBeUndefined();
  });
});

describe('judged and failing objects, by name', () => {
  it('a password rule names every active policy it judged and marks the one that fails', async () => {
    const org = compliantOrg();
    const good = structuredClone(org['policy.PASSWORD']![0]!);
    good.id = '00p2strict';
    (good.body as { id: string; name: string; priority: number }).id = '00p2strict';
    (good.body as { name: string }).name = 'Strict';
    (good.body as { priority: number }).priority = 0;
    org['policy.PASSWORD']!.push(good);
    setField(org, 'policy.PASSWORD', '00p1pwdefault', 'settings.password.complexity.minLength', 8);
    const r = await runRule('OKTA-APP-000650', org);
    expect(r.result).toBe('FAIL');
    const judged = judgedObjects(r);
    expect(judged.map((o) => o.id).sort()).toEqual(['00p1pwdefault', '00p2strict']);
    expect(judged.every((o) => o.name && o.name !== o.id)).toBe(true);
    expect(failingObjects(r)).toEqual([
      { type: 'policy.PASSWORD', id: '00p1pwdefault', name: expect.any(String), failed: true },
    ]);
  });

  it('session, access-policy, token and app rules name their failing objects (policy › rule, token name, app label)', async () => {
    const org = compliantOrg();
    setField(org, 'api_token', '00T1backup', 'network', { connection: 'ANYWHERE' });
    const token = await runRule('OKTA-APP-003240', org);
    expect(failingObjects(token)).toEqual([{ type: 'api_token', id: '00T1backup', name: 'Backup job', failed: true }]);

    const session = structuredClone(compliantOrg());
    const rule = session['policy.OKTA_SIGN_ON.rule']!.find((x) => (x.body as { system?: boolean }).system !== true)!;
    setField(session, 'policy.OKTA_SIGN_ON.rule', rule.id, 'actions.signon.session.maxSessionIdleMinutes', 120);
    const idle = await runRule('OKTA-APP-000020', session);
    expect(idle.result).toBe('FAIL');
    expect(failingObjects(idle).map((o) => o.id)).toContain(rule.id);
    expect(failingObjects(idle).every((o) => / › /.test(o.name ?? ''))).toBe(true);

    const apps = compliantOrg();
    for (const r of apps['policy.ACCESS_POLICY.rule']!)
      setField(apps, 'policy.ACCESS_POLICY.rule', r.id, 'conditions.network', { connection: 'ANYWHERE' });
    const zones = await runRule('OKTA-APP-003244', apps);
    expect(zones.result).toBe('FAIL');
    expect(failingObjects(zones).map((o) => o.name)).toEqual(expect.arrayContaining(['Payroll']));
    expect(failingObjects(zones).every((o) => o.type === 'app')).toBe(true);
  });
});
