import type { Json } from '../../model/types.ts';
import type { TBuild } from '../build.ts';

const SYSTEM_SCOPES: [string, string, string][] = [
  ['openid', 'Signals that a request is an OpenID request.', 'REQUIRED'],
  ['profile', "Allows access to the end-user's default profile claims.", 'REQUIRED'],
  ['email', "Allows access to the end-user's email address.", 'REQUIRED'],
  ['address', "Allows access to the end-user's address.", 'REQUIRED'],
  ['phone', "Allows access to the end-user's phone number.", 'REQUIRED'],
  ['offline_access', 'Allows access to a refresh token.', 'REQUIRED'],
  ['device_sso', 'Requests a device secret used to obtain a new set of tokens.', 'REQUIRED'],
];

export interface TAuthServerSeed {
  name: string;
  description: string;
  audiences: string[];
  scopes?: { name: string; description: string; consent?: string; default?: boolean }[];
  claims?: Json[];
  policies: { name: string; description: string; clients: string[]; rules: Json[] }[];
}

/**
 * An authorization server with the system scopes and claims Okta creates, plus the given custom
 * scopes, claims, policies and rules (tables `asScopes:<id>`, `asClaims:<id>`, `asPolicies:<id>`,
 * `asRules:<id>:<policyId>`).
 */
export function addAuthServer(b: TBuild, seed: TAuthServerSeed, minutes = 0): Json {
  const id = b.id('aus');
  const server = b.put(
    'authServers',
    'aus',
    {
      id,
      name: seed.name,
      description: seed.description,
      audiences: seed.audiences,
      issuer: `${b.org.url}/oauth2/${id}`,
      issuerMode: 'ORG_URL',
      status: 'ACTIVE',
      credentials: {
        signing: {
          rotationMode: 'AUTO',
          lastRotated: b.at(minutes),
          nextRotation: b.at(minutes + 90 * 1440),
          kid: `sim-${id}`,
        },
      },
    },
    minutes,
  );
  for (const [name, description, consent] of SYSTEM_SCOPES) {
    b.put(
      `asScopes:${id}`,
      'scp',
      {
        name,
        displayName: name,
        description,
        system: true,
        default: false,
        consent,
        optional: false,
        metadataPublish: 'ALL_CLIENTS',
      },
      minutes,
      false,
    );
  }
  for (const s of seed.scopes ?? []) {
    b.put(
      `asScopes:${id}`,
      'scp',
      {
        displayName: s.name,
        system: false,
        default: false,
        consent: 'IMPLICIT',
        optional: false,
        metadataPublish: 'NO_CLIENTS',
        ...s,
      },
      minutes,
      false,
    );
  }
  const claim = (name: string, claimType: string, value: string, scopes: string[], system: boolean) =>
    b.put(
      `asClaims:${id}`,
      'ocl',
      {
        name,
        status: 'ACTIVE',
        claimType,
        valueType: 'EXPRESSION',
        value,
        conditions: { scopes },
        system,
        alwaysIncludeInToken: true,
      },
      minutes,
      false,
    );
  claim('sub', 'RESOURCE', '(appuser != null) ? appuser.userName : app.clientId', [], true);
  for (const c of seed.claims ?? [])
    b.put(
      `asClaims:${id}`,
      'ocl',
      { status: 'ACTIVE', system: false, alwaysIncludeInToken: true, ...c },
      minutes,
      false,
    );
  for (const [i, p] of seed.policies.entries()) {
    const policy = b.put(
      `asPolicies:${id}`,
      '00p',
      {
        type: 'OAUTH_AUTHORIZATION_POLICY',
        status: 'ACTIVE',
        name: p.name,
        description: p.description,
        priority: i + 1,
        system: false,
        conditions: { clients: { include: p.clients } },
      },
      minutes,
    );
    for (const [j, r] of p.rules.entries())
      b.put(
        `asRules:${id}:${policy.id}`,
        '0pr',
        { type: 'RESOURCE_ACCESS', status: 'ACTIVE', priority: j + 1, system: false, ...r },
        minutes,
      );
  }
  return server;
}

export const accessRule = (
  name: string,
  grantTypes: string[],
  scopes: string[],
  groups = ['EVERYONE'],
  accessMinutes = 60,
) => ({
  name,
  conditions: {
    people: { users: { include: [], exclude: [] }, groups: { include: groups, exclude: [] } },
    grantTypes: { include: grantTypes },
    scopes: { include: scopes },
  },
  actions: {
    token: {
      accessTokenLifetimeMinutes: accessMinutes,
      refreshTokenLifetimeMinutes: 0,
      refreshTokenWindowMinutes: 10080,
    },
  },
});

/** The `default` custom authorization server every org has. */
export function buildDefaultAuthServer(b: TBuild): void {
  addAuthServer(b, {
    name: 'default',
    description: 'Default Authorization Server for your Applications',
    audiences: ['api://default'],
    policies: [
      {
        name: 'Default Policy',
        description: 'Default policy description',
        clients: ['ALL_CLIENTS'],
        rules: [
          accessRule(
            'Default Policy Rule',
            ['client_credentials', 'authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'],
            ['*'],
          ),
        ],
      },
    ],
  });
}
