import { describe, expect, it } from 'vitest';
import { compliantOrg, setField } from '../testing/okta-fixtures.ts';
import { runRule } from '../testing/run-rule.ts';

describe('network zones', () => {
  it('OKTA-APP-003242: a global session rule names zones, else FAIL', async () => {
    expect((await runRule('OKTA-APP-003242', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'policy.OKTA_SIGN_ON.rule', '00p1gsdefault/0pr1stig', 'conditions.network', {
      connection: 'ANYWHERE',
    });
    expect((await runRule('OKTA-APP-003242', org)).result).toBe('FAIL');
  });

  it('OKTA-APP-003243: an anonymizer blocklist passes; an IP blocklist alone is MANUAL; none fails', async () => {
    expect((await runRule('OKTA-APP-003243', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    org.network_zone!.push({
      id: 'nzo1tor',
      body: { id: 'nzo1tor', type: 'DYNAMIC', name: 'Tor', status: 'ACTIVE', usage: 'BLOCKLIST', proxyType: 'Tor' },
    });
    setField(org, 'network_zone', 'nzo1edz', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-003243', org)).result).toBe('PASS');
    setField(org, 'network_zone', 'nzo1tor', 'proxyType', 'null');
    org.network_zone!.push({
      id: 'nzo1block',
      body: {
        id: 'nzo1block',
        type: 'IP',
        name: 'BlockedIpZone',
        status: 'ACTIVE',
        usage: 'BLOCKLIST',
        gateways: [{ type: 'RANGE', value: '198.51.100.1-198.51.100.20' }],
      },
    });
    expect((await runRule('OKTA-APP-003243', org)).result).toBe('MANUAL');
    setField(org, 'network_zone', 'nzo1block', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-003243', org)).result).toBe('FAIL');
  });

  it("OKTA-APP-003244: every active app's policy names zones; an unlinked app is MANUAL", async () => {
    expect((await runRule('OKTA-APP-003244', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'app', '0oa1payroll', '_links', {});
    const manual = await runRule('OKTA-APP-003244', org);
    expect(manual.result).toBe('MANUAL');
    expect(manual.reason).toContain('"Payroll"');
    setField(org, 'policy.ACCESS_POLICY.rule', 'rst1apps/rul1apps', 'conditions.network', { connection: 'ANYWHERE' });
    setField(org, 'app', '0oa1payroll', '_links', {
      accessPolicy: { href: 'https://acme.okta.com/api/v1/policies/rst1apps' },
    });
    const r = await runRule('OKTA-APP-003244', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"Payroll"');
  });

  it('OKTA-APP-003244: reads the app → policy mapping rows when apps carry no link', async () => {
    const org = compliantOrg();
    for (const app of org.app!) delete (app.body as Record<string, unknown>)._links;
    org['policy.ACCESS_POLICY.mapping'] = [
      ['rst1admin', '0oa1saasure'],
      ['rst1dash', '0oa1enduser'],
      ['rst1apps', '0oa1payroll'],
    ].map(([policy, app]) => ({
      id: `${policy}/map-${app}`,
      body: { id: `map-${app}`, _links: { application: { href: `https://acme.okta.com/api/v1/apps/${app}` } } },
    }));
    expect((await runRule('OKTA-APP-003244', org)).result).toBe('PASS');
    expect((await runRule('OKTA-APP-000560', org)).result).toBe('PASS');
    setField(org, 'policy.ACCESS_POLICY.rule', 'rst1apps/rul1apps', 'conditions.network', { connection: 'ANYWHERE' });
    expect((await runRule('OKTA-APP-003244', org)).result).toBe('FAIL');
  });
});
