import { describe, expect, it } from 'vitest';
import { accessRule } from '../testing/policy-fixtures.ts';
import { compliantOrg, setField } from '../testing/okta-fixtures.ts';
import { evidenceAt, runRule } from '../testing/run-rule.ts';

const VM = 'actions.appSignOn.verificationMethod';
const ADMIN_RULE = 'rst1admin/rul1admin';
const DASH_RULE = 'rst1dash/rul1dash';

describe('MFA on Okta apps (OKTA-APP-000560, -000570)', () => {
  it('pass when every allowing rule needs two factors (the DENY catch-all does not count)', async () => {
    const r = await runRule('OKTA-APP-000560', compliantOrg());
    expect(r.result).toBe('PASS');
    expect(evidenceAt(r, `${VM}.factorMode`, ADMIN_RULE)).toBe('2FA');
    expect((await runRule('OKTA-APP-000570', compliantOrg())).result).toBe('PASS');
  });

  it('find a second rule with one factor behind a compliant first rule (another zone), naming policy and rule', async () => {
    const org = compliantOrg();
    const offsite = accessRule('rst1dash', 'rul1offsite', {
      priority: 2,
      verificationMethod: { type: 'ASSURANCE', factorMode: '1FA', constraints: [] },
    });
    (offsite.body as { conditions: unknown }).conditions = {
      network: { connection: 'ZONE', exclude: ['nzo1corp'] },
      people: { users: { exclude: [] } },
    };
    org['policy.ACCESS_POLICY.rule']!.push(offsite);
    const r = await runRule('OKTA-APP-000570', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('("Okta Dashboard")');
    expect(r.reason).toContain('rule "Rule rul1offsite"');
    expect(r.evidence.find((e) => e.id === 'rst1dash/rul1offsite' && e.path === `${VM}.factorMode`)).toMatchObject({
      name: 'Okta Dashboard › Rule rul1offsite',
      value: '1FA',
    });
    expect(r.evidence.find((e) => e.id === DASH_RULE && e.path === `${VM}.factorMode`)).toMatchObject({
      name: 'Okta Dashboard › Rule rul1dash',
      value: '2FA',
    });
  });

  it('pass over a one-factor rule that an identical higher rule shadows (no sign-in reaches it)', async () => {
    const org = compliantOrg();
    org['policy.ACCESS_POLICY.rule']!.push(
      accessRule('rst1dash', 'rul1dead', {
        priority: 2,
        verificationMethod: { type: 'ASSURANCE', factorMode: '1FA', constraints: [] },
      }),
    );
    const r = await runRule('OKTA-APP-000570', org);
    expect(r.result).toBe('PASS');
    expect(evidenceAt(r, 'unreachable: every request it matches meets rule', 'rst1dash/rul1dead')).toBe(
      'Rule rul1dash',
    );
  });

  it('find the policy by its preset name when the snapshot has no apps', async () => {
    const org = compliantOrg();
    delete org.app;
    expect((await runRule('OKTA-APP-000560', org)).result).toBe('PASS');
  });

  it('are MANUAL when the policy cannot be found or uses an authentication method chain', async () => {
    const org = compliantOrg();
    setField(org, 'policy.ACCESS_POLICY.rule', ADMIN_RULE, VM, { type: 'AUTH_METHOD_CHAIN', chains: [] });
    expect((await runRule('OKTA-APP-000560', org)).result).toBe('MANUAL');
    org['policy.ACCESS_POLICY'] = org['policy.ACCESS_POLICY']!.filter((p) => p.id !== 'rst1admin');
    const r = await runRule('OKTA-APP-000560', org);
    expect(r.result).toBe('MANUAL');
    expect(r.reason).toContain('saasure');
  });
});

describe('phishing-resistant factors (OKTA-APP-000180, -000190)', () => {
  it('pass when every constraint requires phishing resistance', async () => {
    expect((await runRule('OKTA-APP-000180', compliantOrg())).result).toBe('PASS');
    expect((await runRule('OKTA-APP-000190', compliantOrg())).result).toBe('PASS');
  });

  it('fail when any constraint object lacks it (only one object needs to be satisfied)', async () => {
    const org = compliantOrg();
    setField(org, 'policy.ACCESS_POLICY.rule', DASH_RULE, `${VM}.constraints`, [
      { possession: { phishingResistant: 'REQUIRED' } },
      { knowledge: { types: ['password'] } },
    ]);
    expect((await runRule('OKTA-APP-000180', org)).result).toBe('FAIL');
    setField(org, 'policy.ACCESS_POLICY.rule', ADMIN_RULE, `${VM}.constraints`, [
      { possession: { phishingResistant: 'OPTIONAL' } },
    ]);
    const r = await runRule('OKTA-APP-000190', org);
    expect(r.result).toBe('FAIL');
    expect(evidenceAt(r, `${VM}.constraints`, ADMIN_RULE)).toEqual([{ possession: { phishingResistant: 'OPTIONAL' } }]);
  });
});

describe('authenticators', () => {
  it('OKTA-APP-001670: smart card authenticator active, else FAIL, MANUAL without authenticators', async () => {
    expect((await runRule('OKTA-APP-001670', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'authenticator', 'aut1smartcard', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-001670', org)).result).toBe('FAIL');
    delete org.authenticator;
    expect((await runRule('OKTA-APP-001670', org)).result).toBe('MANUAL');
  });

  it('OKTA-APP-001700: Okta Verify FIPS required; not applicable when Okta Verify is off', async () => {
    expect((await runRule('OKTA-APP-001700', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'authenticator', 'aut1verify', 'settings.compliance.fips', 'OPTIONAL');
    const r = await runRule('OKTA-APP-001700', org);
    expect(r.result).toBe('FAIL');
    expect(evidenceAt(r, 'settings.compliance.fips')).toBe('OPTIONAL');
    setField(org, 'authenticator', 'aut1verify', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-001700', org)).result).toBe('NOT_APPLICABLE');
  });
});
