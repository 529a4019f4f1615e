import { createMemorySnapshot } from '../memory-snapshot.ts';
import type { ComplianceSnapshot, SnapshotObject } from '../types.ts';
import { DOD_ROOT_CERT } from './certs.ts';
import { accessPolicies, accessRules, passwordPolicies, signOnPolicies, signOnRules } from './policy-fixtures.ts';

/** When every fixture snapshot is taken; users' last sign-ins are relative to it. */
export const TAKEN_AT = new Date('2026-11-20T12:00:00.000Z');
const policyLink = (id: string) => ({ accessPolicy: { href: `https://acme.okta.com/api/v1/policies/${id}` } });
const obj = (id: string, body: Record<string, unknown>): SnapshotObject => ({ id, body: { id, ...body } });
const user = (id: string, lastLogin: string | null, status = 'ACTIVE', typeId = 'oty1default') =>
  obj(id, {
    status,
    created: '2025-01-01T00:00:00.000Z',
    lastLogin,
    profile: { login: `${id}@acme.example` },
    type: { id: typeId },
  });
const role = (userId: string, id: string, type: string, label: string) => ({
  id: `${userId}/${id}`,
  body: {
    id,
    type,
    label,
    status: 'ACTIVE',
    assignmentType: 'USER',
    created: '2026-01-05T10:00:00.000Z',
    lastUpdated: '2026-01-05T10:00:00.000Z',
  },
});
const banner =
  '<!DOCTYPE html><html><body><div class="dod-banner"><p>You are accessing a U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only.</p><p>By using this IS, you consent to the following conditions.</p></div><div id="okta-login-container"></div>{{{SignInWidgetResources}}}</body></html>';

/** An org set up to pass every rule it can: each test breaks one thing. Fresh objects on every call. */
export function compliantOrg(): Record<string, SnapshotObject[]> {
  return {
    user: [
      user('00u1alice', '2026-11-19T08:00:00.000Z'),
      user('00u1bob', '2026-11-01T08:00:00.000Z'),
      user('00u1svc', '2026-11-20T01:00:00.000Z', 'ACTIVE', 'oty1service'),
      user('00u1gone', '2026-08-01T08:00:00.000Z', 'SUSPENDED'),
    ],
    user_type: [
      obj('oty1default', { name: 'user', displayName: 'User', default: true }),
      obj('oty1service', { name: 'serviceAccount', displayName: 'Service Account', default: false }),
    ],
    app: [
      obj('0oa1saasure', {
        name: 'saasure',
        label: 'Okta Admin Console',
        status: 'ACTIVE',
        signOnMode: 'OPENID_CONNECT',
        _links: policyLink('rst1admin'),
      }),
      obj('0oa1enduser', {
        name: 'okta_enduser',
        label: 'Okta Dashboard',
        status: 'ACTIVE',
        signOnMode: 'OPENID_CONNECT',
        _links: policyLink('rst1dash'),
      }),
      obj('0oa1payroll', {
        name: 'payroll_saml',
        label: 'Payroll',
        status: 'ACTIVE',
        signOnMode: 'SAML_2_0',
        _links: policyLink('rst1apps'),
      }),
    ],
    'policy.OKTA_SIGN_ON': signOnPolicies(),
    'policy.PASSWORD': passwordPolicies(),
    'policy.ACCESS_POLICY': accessPolicies(),
    'policy.OKTA_SIGN_ON.rule': signOnRules(),
    'policy.ACCESS_POLICY.rule': accessRules(),
    authenticator: [
      obj('aut1smartcard', {
        key: 'smart_card_idp',
        name: 'Smart Card Authenticator',
        type: 'federated',
        status: 'ACTIVE',
      }),
      obj('aut1verify', {
        key: 'okta_verify',
        name: 'Okta Verify',
        type: 'app',
        status: 'ACTIVE',
        settings: {
          channelBinding: { required: 'ALWAYS', style: 'NUMBER_CHALLENGE' },
          compliance: { fips: 'REQUIRED' },
          userVerification: 'REQUIRED',
          appInstanceId: '0oa1verify',
        },
      }),
      obj('aut1password', { key: 'okta_password', name: 'Password', type: 'password', status: 'ACTIVE' }),
    ],
    network_zone: [
      obj('nzo1corp', {
        type: 'IP',
        name: 'Corporate',
        status: 'ACTIVE',
        usage: 'POLICY',
        system: false,
        gateways: [{ type: 'CIDR', value: '203.0.113.0/24' }],
        proxies: null,
      }),
      obj('nzo1edz', {
        type: 'DYNAMIC_V2',
        name: 'DefaultEnhancedDynamicZone',
        status: 'ACTIVE',
        usage: 'BLOCKLIST',
        system: true,
        ipServiceCategories: { include: ['ALL_ANONYMIZERS'] },
      }),
    ],
    log_stream: [
      obj('0Sl1splunk', {
        type: 'splunk_cloud_logstreaming',
        name: 'Splunk',
        status: 'ACTIVE',
        settings: { host: 'acme.splunkcloud.com', edition: 'aws' },
      }),
    ],
    api_token: [
      obj('00T1backup', {
        name: 'Backup job',
        userId: '00u1svc',
        clientName: 'Okta API',
        tokenWindow: 'P30D',
        network: { connection: 'ZONE', include: ['nzo1corp'] },
        created: '2026-01-05T10:00:00.000Z',
      }),
    ],
    'admin_assignee.role': [
      role('00u1alice', 'ra1super', 'SUPER_ADMIN', 'Super Administrator'),
      role('00u1bob', 'ra1org', 'ORG_ADMIN', 'Organization Administrator'),
      role('00u1svc', 'ra1ro', 'READ_ONLY_ADMIN', 'Read Only Administrator'),
    ],
    idp: [
      obj('0oa1piv', {
        type: 'X509',
        name: 'DoD CAC',
        status: 'ACTIVE',
        protocol: {
          type: 'MTLS',
          credentials: {
            trust: {
              issuer: 'CN=DoD Root CA 3, OU=PKI, OU=DoD, O=U.S. Government, C=US',
              kid: 'kid-dod-root',
              revocation: 'CRL',
            },
          },
        },
      }),
    ],
    idp_key: [
      {
        id: 'kid-dod-root',
        body: { kid: 'kid-dod-root', kty: 'EC', use: 'sig', x5c: [DOD_ROOT_CERT], created: '2026-01-05T10:00:00.000Z' },
      },
    ],
    brand: [obj('bnd1acme', { name: 'Acme', isDefault: true, removePoweredByOkta: false })],
    'brand.sign_in_page': [
      {
        id: 'bnd1acme',
        body: { pageContent: banner, widgetVersion: '7', widgetCustomizations: { signInLabel: 'Sign in' } },
      },
    ],
    'org_setting.admin_console': [
      { id: 'default', body: { sessionIdleTimeoutMinutes: 15, sessionMaxLifetimeMinutes: 120 } },
    ],
  };
}

/** Sets a dotted path in one object's body (creating objects on the way). */
export function setField(
  org: Record<string, SnapshotObject[]>,
  type: string,
  id: string,
  path: string,
  value: unknown,
) {
  const target = org[type]?.find((o) => o.id === id);
  if (!target) throw new Error(`no ${type} ${id} in the fixture`);
  const keys = path.split('.');
  let cur = target.body as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    cur[k] ??= {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys.at(-1)!] = value;
}

export const snapshotOf = (org: Record<string, SnapshotObject[]>, scopesMissing?: string[]): ComplianceSnapshot =>
  createMemorySnapshot(org, { takenAt: TAKEN_AT, scopesMissing });
