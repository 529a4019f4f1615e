import { describe, expect, it } from 'vitest';
import { OTHER_CA_CERT } from '../testing/certs.ts';
import { compliantOrg, setField } from '../testing/okta-fixtures.ts';
import { evidenceAt, runRule } from '../testing/run-rule.ts';

describe('audit off-loading (OKTA-APP-001430)', () => {
  it('passes with an active log stream, fails without, is MANUAL when log streams were not read', async () => {
    expect((await runRule('OKTA-APP-001430', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'log_stream', '0Sl1splunk', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-001430', org)).result).toBe('FAIL');
    delete org.log_stream;
    const r = await runRule('OKTA-APP-001430', org);
    expect(r.result).toBe('MANUAL');
    expect(r.reason).toContain('okta.logStreams.read');
  });
});

describe('API tokens (OKTA-APP-003240, -003241)', () => {
  it('fail a token usable from anywhere', async () => {
    expect((await runRule('OKTA-APP-003240', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'api_token', '00T1backup', 'network', { connection: 'ANYWHERE' });
    const r = await runRule('OKTA-APP-003240', org);
    expect(r.result).toBe('FAIL');
    expect(evidenceAt(r, 'network.connection')).toBe('ANYWHERE');
  });

  it("fail a token owned by a super administrator's own account, naming the token and the owner by id (never by login: scan results are stored in the clear)", async () => {
    expect((await runRule('OKTA-APP-003241', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(org, 'api_token', '00T1backup', 'userId', '00u1alice');
    const r = await runRule('OKTA-APP-003241', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"Backup job" (owner 00u1alice), a "user / User" account');
    expect(JSON.stringify(r)).not.toContain('alice@acme.example');
    expect(evidenceAt(r, 'admin roles', '00u1alice')).toEqual(['SUPER_ADMIN']);
    expect(r.evidence.find((e) => e.type === 'api_token')?.name).toBe('Backup job');
  });

  it('fail a token owned by a person who is no administrator at all (what the STIG says: a dedicated service account)', async () => {
    const org = compliantOrg();
    org.api_token!.push({
      id: '00T1report',
      body: {
        id: '00T1report',
        name: 'Reporting',
        userId: '00u1gone',
        network: { connection: 'ZONE', include: ['nzo1corp'] },
      },
    });
    const r = await runRule('OKTA-APP-003241', org);
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"Reporting"');
    expect(r.reason).not.toContain('"Backup job"');
    expect(evidenceAt(r, 'admin roles', '00u1gone')).toEqual([]);
    expect(evidenceAt(r, 'user type', '00u1svc')).toBe('serviceAccount / Service Account');
  });

  it('pass without role assignments (they are context, not the test); MANUAL when user types or the owner are not in the snapshot', async () => {
    const org = compliantOrg();
    delete org['admin_assignee.role'];
    expect((await runRule('OKTA-APP-003241', org)).result).toBe('PASS');
    setField(org, 'api_token', '00T1backup', 'userId', '00u1nobody');
    const missingOwner = await runRule('OKTA-APP-003241', org);
    expect(missingOwner.result).toBe('MANUAL');
    expect(missingOwner.reason).toContain('"Backup job" (owner 00u1nobody)');
    const noTypes = compliantOrg();
    delete noTypes.user_type;
    const r = await runRule('OKTA-APP-003241', noTypes, { scopesMissing: ['okta.userTypes.read'] });
    expect(r.result).toBe('MANUAL');
    expect(r.reason).toContain('okta.userTypes.read');
  });
});

describe('smart card IdP trust (OKTA-APP-001920)', () => {
  it('passes on a DoD chain and fails on another CA, from the key store or the declared issuer', async () => {
    const ok = await runRule('OKTA-APP-001920', compliantOrg());
    expect(ok.result).toBe('PASS');
    expect(String(evidenceAt(ok, 'x5c[*].issuer'))).toContain('OU=DoD');
    const org = compliantOrg();
    setField(org, 'idp_key', 'kid-dod-root', 'x5c', [OTHER_CA_CERT]);
    expect((await runRule('OKTA-APP-001920', org)).result).toBe('FAIL');
    delete org.idp_key;
    expect((await runRule('OKTA-APP-001920', org)).result).toBe('PASS');
    setField(
      org,
      'idp',
      '0oa1piv',
      'protocol.credentials.trust.issuer',
      'CN=Example Smart Card CA, O=Example Corp, C=US',
    );
    expect((await runRule('OKTA-APP-001920', org)).result).toBe('FAIL');
    setField(org, 'idp', '0oa1piv', 'protocol.credentials.trust.issuer', undefined);
    expect((await runRule('OKTA-APP-001920', org)).result).toBe('MANUAL');
  });

  it('fails without an active smart card IdP', async () => {
    const org = compliantOrg();
    setField(org, 'idp', '0oa1piv', 'status', 'INACTIVE');
    expect((await runRule('OKTA-APP-001920', org)).reason).toContain('not active');
    org.idp = [];
    expect((await runRule('OKTA-APP-001920', org)).result).toBe('FAIL');
  });
});

describe('DoD banner (OKTA-APP-000200)', () => {
  it('passes with the banner, fails without it or without a customized page, MANUAL when pages were not read', async () => {
    expect((await runRule('OKTA-APP-000200', compliantOrg())).result).toBe('PASS');
    const org = compliantOrg();
    setField(
      org,
      'brand.sign_in_page',
      'bnd1acme',
      'pageContent',
      '<html><body><div id="okta-login-container"></div></body></html>',
    );
    expect((await runRule('OKTA-APP-000200', org)).result).toBe('FAIL');
    org['brand.sign_in_page'] = [];
    const r = await runRule('OKTA-APP-000200', org);
    expect(r.result).toBe('FAIL');
    expect(evidenceAt(r, 'pageContent contains DoD banner')).toBe('no customized page');
    delete org['brand.sign_in_page'];
    expect((await runRule('OKTA-APP-000200', org)).result).toBe('MANUAL');
  });
});

describe('inactive accounts (OKTA-APP-000090)', () => {
  it('is MANUAL (automations are not in the API) and counts dormant active users as evidence', async () => {
    const org = compliantOrg();
    const r = await runRule('OKTA-APP-000090', org);
    expect(r.result).toBe('MANUAL');
    expect(r.evidence[0]?.value).toBe(0);
    setField(org, 'user', '00u1bob', 'lastLogin', '2026-09-01T08:00:00.000Z');
    expect((await runRule('OKTA-APP-000090', org)).evidence[0]?.value).toBe(1);
  });
});
