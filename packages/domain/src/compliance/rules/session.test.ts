import { describe, expect, it } from 'vitest';
import { compliantOrg, setField } from '../testing/okta-fixtures.ts';
import { evidenceAt, runRule } from '../testing/run-rule.ts';

const STIG_RULE = '00p1gsdefault/0pr1stig';
const S = 'actions.signon.session';

describe('global session rules', () => {
  it('pass on the top custom rule of the default policy', async () => {
    for (const id of ['OKTA-APP-000020', 'OKTA-APP-001665', 'OKTA-APP-001710']) {
      expect((await runRule(id, compliantOrg())).result, id).toBe('PASS');
    }
    const idle = await runRule('OKTA-APP-000020', compliantOrg());
    expect(evidenceAt(idle, `${S}.maxSessionIdleMinutes`, STIG_RULE)).toBe(15);
  });

  it('fail when the idle timeout is too long, naming the rule and the value', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', STIG_RULE, `${S}.maxSessionIdleMinutes`, 30);
    const r = await runRule('OKTA-APP-000020', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"STIG session"');
    expect(evidenceAt(r, `${S}.maxSessionIdleMinutes`, STIG_RULE)).toBe(30);
  });

  it('fail when only the Default Rule is left (an inactive rule does not count)', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', STIG_RULE, 'status', 'INACTIVE');
    const r = await runRule('OKTA-APP-000020', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('no rule above its Default Rule');
  });

  it('fail on a lifetime of 0 (no limit) and on persistent cookies', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', STIG_RULE, `${S}.maxSessionLifetimeMinutes`, 0);
    setField(org, 'policy.OKTA_SIGN_ON.rule', STIG_RULE, `${S}.usePersistentCookie`, true);
    expect((await runRule('OKTA-APP-001665', org)).result).toBe('FAIL');
    expect((await runRule('OKTA-APP-001710', org)).result).toBe('FAIL');
  });

  it('check every active global session policy, not only the default one', async () => {
    const org = compliantOrg();
    org['policy.OKTA_SIGN_ON']!.push({
      id: '00p1contractors',
      body: {
        id: '00p1contractors',
        type: 'OKTA_SIGN_ON',
        name: 'Contractors',
        status: 'ACTIVE',
        priority: 1,
        system: false,
      },
    });
    org['policy.OKTA_SIGN_ON.rule']!.push({
      id: '00p1contractors/0pr1c',
      body: {
        id: '0pr1c',
        name: 'Contractors',
        status: 'ACTIVE',
        priority: 1,
        system: false,
        actions: {
          signon: {
            access: 'ALLOW',
            session: { maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 1080, usePersistentCookie: false },
          },
        },
      },
    });
    const r = await runRule('OKTA-APP-000020', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"Contractors"');
  });

  it('find a second rule without the setting behind a compliant first rule, naming policy and rule (decision 036)', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', '00p1gsdefault/0pr1default', 'priority', 3);
    org['policy.OKTA_SIGN_ON.rule']!.push({
      id: '00p1gsdefault/0pr1offsite',
      body: {
        id: '0pr1offsite',
        name: 'Off-site contractors',
        status: 'ACTIVE',
        priority: 2,
        system: false,
        conditions: {
          people: { groups: { include: ['00g1contractors'] } },
          network: { connection: 'ZONE', exclude: ['nzo1corp'] },
        },
        actions: {
          signon: {
            access: 'ALLOW',
            requireFactor: false,
            session: { maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 1080, usePersistentCookie: true },
          },
        },
      },
    });
    const idle = await runRule('OKTA-APP-000020', org);
    expect(idle.result).toBe('FAIL');
    expect(idle.reason).toContain('rule "Off-site contractors" of "Default Policy" has 120');
    expect(idle.reason).not.toContain('"STIG session"');
    expect(idle.evidence.find((e) => e.id === '00p1gsdefault/0pr1offsite')).toMatchObject({
      name: 'Default Policy › Off-site contractors',
      value: 120,
    });
    expect(idle.evidence.find((e) => e.id === STIG_RULE)).toMatchObject({
      name: 'Default Policy › STIG session',
      value: 15,
    });
    expect((await runRule('OKTA-APP-001710', org)).result).toBe('FAIL');
    expect((await runRule('OKTA-APP-001665', org)).result).toBe('PASS');
  });

  it('judge the Default Rule when sign-ins can reach it (the top rule matches only the corporate zone)', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', '00p1gsdefault/0pr1default', `${S}.maxSessionLifetimeMinutes`, 0);
    const r = await runRule('OKTA-APP-001665', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('rule "Default Rule" of "Default Policy" has 0');
  });

  it('do not judge a rule a higher rule shadows, and list it as unreachable', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', STIG_RULE, 'conditions', {
      people: { users: { exclude: [] } },
      network: { connection: 'ANYWHERE' },
      authContext: { authType: 'ANY' },
    });
    setField(org, 'policy.OKTA_SIGN_ON.rule', '00p1gsdefault/0pr1default', `${S}.maxSessionIdleMinutes`, 120);
    const r = await runRule('OKTA-APP-000020', org);
    expect(r.result).toBe('PASS');
    expect(r.evidence.find((e) => e.id === '00p1gsdefault/0pr1default')).toMatchObject({
      name: 'Default Policy › Default Rule',
      value: 'STIG session',
    });
  });

  it('do not judge a rule that denies access (it makes no session)', async () => {
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', '00p1gsdefault/0pr1default', 'actions.signon', {
      access: 'DENY',
      session: { maxSessionIdleMinutes: 120 },
    });
    expect((await runRule('OKTA-APP-000020', org)).result).toBe('PASS');
  });

  it('is MANUAL when the snapshot has no policy rules, naming the type and the missing scope', async () => {
    const org = compliantOrg();
    delete org['policy.OKTA_SIGN_ON.rule'];
    const r = await runRule('OKTA-APP-000020', org, { scopesMissing: ['okta.policies.read'] });
    expect(r.result).toBe('MANUAL');
    expect(r.reason).toContain('policy.OKTA_SIGN_ON.rule (scope okta.policies.read, which the connection lacks)');
  });
});

describe('Admin Console idle timeout (OKTA-APP-000025)', () => {
  it('passes at 15 minutes, fails above, is MANUAL without the settings', async () => {
    expect((await runRule('OKTA-APP-000025', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'org_setting.admin_console', 'default', 'sessionIdleTimeoutMinutes', 30);
    const r = await runRule('OKTA-APP-000025', org);
    expect(r.result).toBe('FAIL');
    expect(evidenceAt(r, 'sessionIdleTimeoutMinutes')).toBe(30);
    delete org['org_setting.admin_console'];
    expect((await runRule('OKTA-APP-000025', org)).result).toBe('MANUAL');
  });
});
