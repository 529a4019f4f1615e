import { idpKeyFromCertificates } from '../../api/resources/idp-keys.ts';
import type { Json } from '../../model/types.ts';
import type { TBuild } from '../build.ts';
import { DOD_ID_CA, DOD_ID_CA_ISSUER, DOD_ROOT_CA } from './dod-certs.ts';

export interface TSecurityRefs {
  corporate: string;
  vpn: string;
  smartCardIdp: string;
}

/** A deterministic UUID (IdP key ids are UUIDs, not Okta ids). */
function uuid(b: TBuild, label: string): string {
  const h = b.org.ids.bytes(label, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Zones, authenticators, identity providers, behaviors, hooks and trusted origins of a seeded org:
 * a corporate network and VPN that policies restrict to, an active blocklist for anonymizers, a
 * DoD smart-card IdP with its certificate chain, and the smart card and FIPS Okta Verify
 * authenticators the STIG asks for.
 */
export function seedSecurity(b: TBuild): TSecurityRefs {
  const { org } = b;
  const corporate = b.put(
    'zones',
    'nzo',
    {
      type: 'IP',
      name: 'Corporate HQ',
      status: 'ACTIVE',
      usage: 'POLICY',
      system: false,
      gateways: [
        { type: 'CIDR', value: '203.0.113.0/24' },
        { type: 'CIDR', value: '127.0.0.1/32' },
      ],
      proxies: null,
    },
    60,
  ).id;
  const vpn = b.put(
    'zones',
    'nzo',
    {
      type: 'IP',
      name: 'VPN Egress',
      status: 'ACTIVE',
      usage: 'POLICY',
      system: false,
      gateways: [{ type: 'RANGE', value: '198.51.100.10-198.51.100.40' }],
      proxies: null,
    },
    61,
  ).id;
  b.put(
    'zones',
    'nzo',
    {
      type: 'DYNAMIC_V2',
      name: 'Block anonymizers',
      status: 'ACTIVE',
      usage: 'BLOCKLIST',
      system: false,
      locations: { include: [], exclude: [] },
      ipServiceCategories: { include: ['ALL_ANONYMIZERS'], exclude: [] },
      asns: { include: [], exclude: [] },
    },
    62,
  );
  b.put(
    'zones',
    'nzo',
    {
      type: 'DYNAMIC',
      name: 'Embargoed countries',
      status: 'ACTIVE',
      usage: 'BLOCKLIST',
      system: false,
      locations: ['CU', 'IR', 'KP', 'SY'].map((country) => ({ country, region: null })),
      proxyType: null,
      asns: [],
    },
    63,
  );
  b.put(
    'zones',
    'nzo',
    {
      type: 'IP',
      name: 'Partner offices (retired)',
      status: 'INACTIVE',
      usage: 'POLICY',
      system: false,
      gateways: [{ type: 'CIDR', value: '192.0.2.0/24' }],
      proxies: null,
    },
    64,
  );

  const kid = uuid(b, 'dod-idp-key');
  const key = idpKeyFromCertificates([DOD_ID_CA, DOD_ROOT_CA], kid, b.at(70));
  org.data.table('idpKeys').set(kid, key);
  const smartCardIdp = b.put(
    'idps',
    '0oa',
    {
      type: 'X509',
      name: 'DoD CAC / PIV',
      status: 'ACTIVE',
      issuerMode: 'DYNAMIC',
      properties: { additionalAmr: ['sc', 'hwk', 'pin', 'mfa'] },
      protocol: {
        type: 'MTLS',
        endpoints: { sso: { url: `${org.url}/login/cert` } },
        credentials: {
          trust: { issuer: DOD_ID_CA_ISSUER, audience: null, kid, revocation: 'CRL', revocationCacheLifetime: 2880 },
        },
      },
      policy: {
        provisioning: { action: 'DISABLED', profileMaster: false, groups: null },
        subject: {
          userNameTemplate: { template: 'idpuser.subjectAltNameUpn' },
          filter: null,
          matchType: 'USERNAME',
          matchAttribute: null,
        },
        mapAMRClaims: false,
        trustClaims: false,
        maxClockSkew: 120000,
      },
    },
    71,
  ).id;
  b.put(
    'idps',
    '0oa',
    {
      type: 'GOOGLE',
      name: 'Google Workspace',
      status: 'ACTIVE',
      issuerMode: 'DYNAMIC',
      properties: null,
      protocol: {
        type: 'OIDC',
        endpoints: {},
        scopes: ['openid', 'email', 'profile'],
        credentials: {
          client: { client_id: `${org.name}-google.apps.googleusercontent.com`, client_secret: 'write-only' },
        },
      },
      policy: {
        provisioning: {
          action: 'AUTO',
          profileMaster: false,
          groups: { action: 'NONE' },
          conditions: { deprovisioned: { action: 'NONE' }, suspended: { action: 'NONE' } },
        },
        accountLink: { action: 'AUTO', filter: null },
        subject: {
          userNameTemplate: { template: 'idpuser.email' },
          filter: null,
          matchType: 'USERNAME',
          matchAttribute: null,
        },
        maxClockSkew: 0,
      },
    },
    72,
  );
  b.put(
    'idps',
    '0oa',
    {
      type: 'SAML2',
      name: 'Partner SAML (Initech)',
      status: 'INACTIVE',
      issuerMode: 'DYNAMIC',
      properties: null,
      protocol: {
        type: 'SAML2',
        endpoints: {
          sso: {
            url: 'https://idp.initech.test/sso/saml',
            binding: 'HTTP-POST',
            destination: 'https://idp.initech.test/sso/saml',
          },
          acs: { binding: 'HTTP-POST', type: 'INSTANCE' },
        },
        algorithms: {
          request: { signature: { algorithm: 'SHA-256', scope: 'REQUEST' } },
          response: { signature: { algorithm: 'SHA-256', scope: 'ANY' } },
        },
        credentials: {
          trust: { issuer: 'https://idp.initech.test', audience: `${org.url}/saml2/service-provider`, kid },
        },
      },
      policy: {
        provisioning: { action: 'DISABLED', profileMaster: false, groups: null },
        subject: {
          userNameTemplate: { template: 'idpuser.subjectNameId' },
          filter: null,
          matchType: 'USERNAME',
          matchAttribute: null,
        },
        maxClockSkew: 120000,
      },
    },
    73,
  );

  for (const a of org.data.table('authenticators').values() as Iterable<Json>) {
    if (a.key === 'okta_verify') a.settings.compliance = { fips: 'REQUIRED' };
    if (a.key === 'phone_number') Object.assign(a, { status: 'INACTIVE', settings: { allowedFor: 'none' } });
  }
  b.put(
    'authenticators',
    'aut',
    {
      type: 'federated',
      key: 'smart_card_idp',
      status: 'ACTIVE',
      name: 'Smart Card Authenticator',
      provider: { type: 'IDP', configuration: { id: smartCardIdp } },
    },
    74,
  );
  b.put(
    'behaviors',
    'abt',
    { name: 'Anomalous ASN', type: 'ANOMALOUS_ASN', status: 'ACTIVE', settings: { maxEventsUsedForEvaluation: 50 } },
    75,
  );

  b.put(
    'trustedOrigins',
    'tos',
    {
      name: 'Employee portal',
      origin: `https://portal.${org.name}.test`,
      status: 'ACTIVE',
      scopes: [{ type: 'CORS' }, { type: 'REDIRECT' }],
      createdBy: org.refs.orgId,
      lastUpdatedBy: org.refs.orgId,
    },
    80,
  );
  b.put(
    'trustedOrigins',
    'tos',
    {
      name: 'Developer docs',
      origin: `https://docs.${org.name}.test`,
      status: 'ACTIVE',
      scopes: [{ type: 'CORS' }],
      createdBy: org.refs.orgId,
      lastUpdatedBy: org.refs.orgId,
    },
    81,
  );
  b.put(
    'trustedOrigins',
    'tos',
    {
      name: 'Legacy intranet',
      origin: `http://intranet.${org.name}.test`,
      status: 'INACTIVE',
      scopes: [{ type: 'REDIRECT' }],
      createdBy: org.refs.orgId,
      lastUpdatedBy: org.refs.orgId,
    },
    82,
  );

  const channel = (uri: string) => ({
    type: 'HTTP',
    version: '1.0.0',
    config: {
      uri,
      headers: [{ key: 'X-Source', value: 'okta' }],
      method: 'POST',
      authScheme: { type: 'HEADER', key: 'Authorization', value: 'write-only-secret' },
    },
  });
  b.put(
    'eventHooks',
    'who',
    {
      status: 'ACTIVE',
      verificationStatus: 'VERIFIED',
      name: 'SIEM: user lifecycle',
      description: 'Forwards lifecycle events to the SIEM',
      events: {
        type: 'EVENT_TYPE',
        items: ['user.lifecycle.create', 'user.lifecycle.deactivate', 'user.account.privilege.grant'],
        filter: null,
      },
      channel: channel(`https://siem.${org.name}.test/okta/events`),
      createdBy: org.refs.orgId,
    },
    90,
  );
  b.put(
    'eventHooks',
    'who',
    {
      status: 'INACTIVE',
      verificationStatus: 'UNVERIFIED',
      name: 'HR sync (paused)',
      description: null,
      events: { type: 'EVENT_TYPE', items: ['group.user_membership.add'], filter: null },
      channel: channel(`https://hr.${org.name}.test/hooks/okta`),
      createdBy: org.refs.orgId,
    },
    91,
  );
  b.put(
    'inlineHooks',
    'cal',
    {
      status: 'ACTIVE',
      name: 'Token enrichment',
      type: 'com.okta.oauth2.tokens.transform',
      version: '1.0.0',
      channel: channel(`https://hooks.${org.name}.test/token`),
    },
    92,
  );
  b.put(
    'inlineHooks',
    'cal',
    {
      status: 'INACTIVE',
      name: 'Registration screening',
      type: 'com.okta.user.pre-registration',
      version: '1.0.0',
      channel: channel(`https://hooks.${org.name}.test/registration`),
    },
    93,
  );
  return { corporate, vpn, smartCardIdp };
}
