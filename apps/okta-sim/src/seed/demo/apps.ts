import type { Json } from '../../model/types.ts';
import { el } from '../../okta/expression.ts';
import { assignGroup, type TAppUser } from '../../store/memberships.ts';
import { addPolicy, type TBuild } from '../build.ts';
import { accessRule, addAuthServer } from '../defaults/auth-server.ts';
import { addAppKey } from '../../orgs/app-keys.ts';
import { seedApp } from '../defaults/apps.ts';
import { appSignOn } from '../defaults/policies.ts';
import { groupIds, type TGroups } from './groups.ts';
import type { TPeople } from './people.ts';
import type { TSecurityRefs } from './security.ts';

/** Phishing-resistant possession factor (FIDO2/WebAuthn, smart card): the STIG's requirement for admin access. */
export const PHISHING_RESISTANT = [
  {
    possession: {
      required: true,
      phishingResistant: 'REQUIRED',
      hardwareProtection: 'REQUIRED',
      userPresence: 'REQUIRED',
    },
  },
];

const saml = (label: string, acs: string, audience: string) => ({
  label,
  signOnMode: 'SAML_2_0',
  settings: {
    signOn: {
      defaultRelayState: null,
      ssoAcsUrl: acs,
      idpIssuer: `http://www.okta.com/${el('org.externalKey')}`,
      audience,
      recipient: acs,
      destination: acs,
      subjectNameIdTemplate: el('user.userName'),
      subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      responseSigned: true,
      assertionSigned: true,
      signatureAlgorithm: 'RSA_SHA256',
      digestAlgorithm: 'SHA256',
      honorForceAuthn: true,
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      spIssuer: null,
      requestCompressed: false,
      allowMultipleAcsEndpoints: false,
      acsEndpoints: [],
      samlSignedRequestEnabled: false,
      samlAssertionLifetimeSeconds: 3600,
      attributeStatements: [
        {
          type: 'EXPRESSION',
          name: 'email',
          namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
          values: ['user.email'],
        },
      ],
      inlineHooks: [],
      slo: { enabled: false },
    },
  },
});

const oidc = (label: string, type: 'web' | 'browser', redirect: string) => ({
  label,
  signOnMode: 'OPENID_CONNECT',
  settings: {
    oauthClient: {
      application_type: type,
      redirect_uris: [redirect],
      post_logout_redirect_uris: [new URL(redirect).origin],
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
    },
  },
});

const bookmark = (label: string, url: string) => ({
  label,
  signOnMode: 'BOOKMARK',
  settings: { app: { requestIntegration: false, url } },
});

/**
 * The org's apps (OIDC, SAML, bookmark) with group and user assignments, the app sign-in policies
 * they are mapped to (every rule restricted to the corporate zones, phishing-resistant MFA for the
 * sensitive ones), profile mappings, and a custom authorization server for the portal's API.
 */
export function seedApps(b: TBuild, people: TPeople, groups: TGroups, zones: TSecurityRefs): void {
  const { org } = b;
  const d = `${org.name}.test`;
  const onNetwork = { network: { connection: 'ZONE', include: [zones.corporate, zones.vpn] } };
  const standard = addPolicy(
    b,
    {
      type: 'ACCESS_POLICY',
      name: 'Standard apps',
      description: 'Employees on the corporate network or VPN, two factors',
    },
    [
      { name: 'Employees on network', conditions: onNetwork, actions: appSignOn('ALLOW', '2FA', 'PT8H') },
      { name: 'Catch-all Rule', system: true, actions: appSignOn('DENY', '2FA', 'PT0S') },
    ],
    300,
  );
  const sensitive = addPolicy(
    b,
    { type: 'ACCESS_POLICY', name: 'High assurance apps', description: 'Phishing-resistant MFA on network' },
    [
      {
        name: 'Engineers with hardware keys',
        conditions: onNetwork,
        actions: appSignOn('ALLOW', '2FA', 'PT2H', PHISHING_RESISTANT),
      },
      { name: 'Catch-all Rule', system: true, actions: appSignOn('DENY', '2FA', 'PT0S', PHISHING_RESISTANT) },
    ],
    301,
  );

  const apps: [Json, string, string[]][] = [
    [
      oidc('Employee Portal', 'web', `https://portal.${d}/oauth/callback`),
      standard.id,
      ['Engineering', 'Product', 'Operations'],
    ],
    [oidc('Expense Tracker', 'browser', `https://expenses.${d}/callback`), standard.id, ['Finance', 'Managers']],
    [
      saml('Salesforce', 'https://login.salesforce.com', `https://${org.name}.my.salesforce.com`),
      standard.id,
      ['Sales', 'Customer Support'],
    ],
    [
      saml('Slack', `https://${org.name}.slack.com/sso/saml`, 'https://slack.com'),
      standard.id,
      [
        'Engineering',
        'Sales',
        'Marketing',
        'Finance',
        'Human Resources',
        'Customer Support',
        'IT',
        'Legal',
        'Operations',
        'Product',
      ],
    ],
    [
      saml('Workday', `https://wd5.myworkday.com/${org.name}/login-saml.flex`, 'http://www.workday.com'),
      standard.id,
      ['Human Resources', 'Finance', 'Managers'],
    ],
    [
      saml(
        'GitHub Enterprise',
        `https://github.com/orgs/${org.name}/saml/consume`,
        `https://github.com/orgs/${org.name}`,
      ),
      sensitive.id,
      ['All Engineering'],
    ],
    [
      saml('AWS IAM Identity Center', 'https://signin.aws.amazon.com/saml', 'urn:amazon:webservices'),
      sensitive.id,
      ['Engineering - Platform', 'IT'],
    ],
    [bookmark('Benefits Portal', `https://benefits.${d}`), standard.id, ['Human Resources']],
    [bookmark('Status Page', `https://status.${d}`), standard.id, ['Customer Support', 'IT']],
  ];
  const at = b.ms + 310 * 60_000;
  const created = apps.map(([body, policy, groupNames], i) => {
    const app = seedApp(b, body, 310 + i);
    org.data.appPolicies.set(app.id, policy);
    groupIds(groups, ...groupNames).forEach((g, priority) => {
      assignGroup(org.data, app.id, g, { id: g, lastUpdated: b.at(320), priority, profile: {} }, at);
    });
    return app;
  });
  // Admins also hold direct (USER-scope) assignments, as in most orgs.
  for (const user of people.staff.values()) {
    for (const app of [created[0]!, created[6]!]) {
      org.data
        .table<TAppUser>(`appUsers:${app.id}`)
        .set(user.id, { scope: 'USER', created: at, lastUpdated: at, profile: { role: 'admin' } });
    }
  }
  for (const [appIndex, attributes] of [
    [2, { role: 'user.title', department: 'user.department' }],
    [4, { employeeId: 'user.employeeNumber', costCenter: 'user.department' }],
  ] as const) {
    const app = created[appIndex]!;
    const properties = Object.fromEntries(
      Object.entries(attributes).map(([k, v]) => [k, { expression: v, pushStatus: 'PUSH' }]),
    );
    b.put(
      'mappings',
      'prm',
      {
        source: { id: org.refs.userType, name: 'user', type: 'user' },
        target: { id: app.id, name: app.name, type: 'appuser' },
        properties,
      },
      330,
      false,
    );
  }
  // The Expense Tracker's signing key runs out in three weeks, counted from the day the sim starts
  // (not from the fixed seed epoch), so the dashboard's secrets view and expiry alert always show it.
  const expenses = created[1]!;
  addAppKey(org, expenses.id, expenses.credentials.signing.kid, expenses.created, soonExpiry(org.now()));
  const portal = created[0]!;
  addAuthServer(
    b,
    {
      name: `${org.name} API`,
      description: 'Authorization server of the internal APIs',
      audiences: [`https://api.${d}`],
      scopes: [
        { name: 'orders:read', description: 'Read orders' },
        { name: 'orders:write', description: 'Create and change orders', consent: 'REQUIRED' },
      ],
      claims: [
        {
          name: 'groups',
          claimType: 'RESOURCE',
          valueType: 'GROUPS',
          group_filter_type: 'STARTS_WITH',
          value: 'Engineering',
          conditions: { scopes: [] },
        },
      ],
      policies: [
        {
          name: 'Internal apps',
          description: 'First-party web apps',
          clients: [portal.credentials.oauthClient.client_id],
          rules: [
            accessRule(
              'Employees',
              ['authorization_code'],
              ['openid', 'profile', 'orders:read', 'orders:write'],
              ['EVERYONE'],
              30,
            ),
          ],
        },
        {
          name: 'Machine to machine',
          description: 'Service clients',
          clients: ['ALL_CLIENTS'],
          rules: [accessRule('Client credentials', ['client_credentials'], ['orders:read'], [], 15)],
        },
      ],
    },
    340,
  );
}

/** 21 days after the start of the current UTC day: the same for every org seeded today (determinism). */
export function soonExpiry(nowMs: number): string {
  const day = 86_400_000;
  return new Date(Math.floor(nowMs / day) * day + 21 * day).toISOString();
}
