import { newAssignment } from '../../api/resources/roles.ts';
import { MANAGEMENT_ROUTES } from '../../api/routes.ts';
import { base62, clientSecret } from '../../model/ids.ts';
import { serviceKey } from '../../orgs/service-key.ts';
import type { Json } from '../../model/types.ts';
import { buildApp } from '../../okta/apps.ts';
import type { TBuild } from '../build.ts';
import type { TDefaultPolicies } from './policies.ts';

/** Every `okta.*` scope the simulator's routes check: what the service app is granted. */
export const OKTA_SCOPES = [...new Set(MANAGEMENT_ROUTES.map((r) => r.scope))].flatMap((family) =>
  family === 'logs' ? ['okta.logs.read'] : [`okta.${family}.read`, `okta.${family}.manage`],
);

/** Creates an app the way `POST /api/v1/apps` would, stamped at org-creation time. */
export function seedApp(b: TBuild, body: Json, minutes = 0): Json {
  const app = buildApp(body, {
    id: b.id('0oa'),
    now: b.at(minutes),
    orgId: b.org.refs.orgId,
    secret: () => clientSecret(b.org.ids),
  });
  b.org.putApp(app);
  return app;
}

/** The Okta apps every org has, each mapped to its app sign-in policy. */
export function buildFirstPartyApps(b: TBuild, policies: TDefaultPolicies): void {
  const { appPolicies } = b.org.data;
  const first = (name: string, label: string, policy: string) => {
    const app = seedApp(b, {
      name,
      label,
      signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { token_endpoint_auth_method: 'none' } },
      settings: { oauthClient: { application_type: 'browser', redirect_uris: [`${b.org.url}/${name}/callback`] } },
    });
    appPolicies.set(app.id, policy);
  };
  first('saasure', 'Okta Admin Console', policies.adminConsole);
  first('okta_enduser', 'Okta Dashboard', policies.dashboard);
  first('okta_browser_plugin', 'Okta Browser Plugin', policies.defaultAccess);
}

/**
 * The credentials a script uses: an OAuth service app (private_key_jwt, every `okta.*` scope
 * granted, Super Administrator role) and an SSWS token. The token's owner is a service account
 * (`svc-okta-api@<org>.test`); seeded orgs make it a real user, fresh orgs only name it.
 */
export function buildApiAccess(b: TBuild, policies: TDefaultPolicies): void {
  const { org } = b;
  const key = serviceKey(org.ids, org.name);
  const app = seedApp(b, {
    label: 'Okta Sim API client',
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { token_endpoint_auth_method: 'private_key_jwt' } },
    settings: {
      oauthClient: {
        application_type: 'service',
        grant_types: ['client_credentials'],
        response_types: ['token'],
        jwks: { keys: [key.publicJwk] },
      },
    },
  });
  org.data.appPolicies.set(app.id, policies.defaultAccess);
  const clientId: string = app.credentials.oauthClient.client_id;
  for (const scopeId of OKTA_SCOPES) {
    b.put(`grants:${app.id}`, 'oag', {
      status: 'ACTIVE',
      createdBy: { id: org.refs.orgId, type: 'User' },
      issuer: org.url,
      clientId,
      scopeId,
      source: 'ADMIN',
    });
  }
  const role = newAssignment({ org }, 'CLIENT', { type: 'SUPER_ADMIN' }, b.at());
  org.data.table(`clientRoles:${clientId}`).set(role.id, role);
  org.service = { appId: app.id, clientId, key };

  const ownerId = b.id('00u');
  const token = `00${base62(org.ids, 'api-token', 40)}`;
  const tokenId = b.id('00T');
  b.put('apiTokens', '00T', {
    id: tokenId,
    name: 'Okta Sim admin token',
    userId: ownerId,
    tokenWindow: 'P30D',
    network: { connection: 'ANYWHERE' },
    clientName: 'Okta API',
    expiresAt: new Date(b.ms + 30 * 86_400_000).toISOString(),
  });
  const login = `svc-okta-api@${org.name}.test`;
  org.admin = {
    token,
    tokenId,
    principal: { kind: 'ssws', id: ownerId, type: 'User', alternateId: login, displayName: 'Okta API Service' },
  };
}
