import { clientSecret, oktaId } from '../../model/ids.ts';
import { appKeysTable } from '../../orgs/app-keys.ts';
import { addSecret } from '../../orgs/clients.ts';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, created, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { allOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { appTarget } from './app-render.ts';
import { findApp } from './apps.ts';

const secretJson = (ctx: Ctx, app: Json, s: Json) => {
  const self = `${ctx.base}/api/v1/apps/${app.id}/credentials/secrets/${s.id}`;
  const op = s.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return { ...s, _links: { self: link(self, 'GET', 'DELETE'), [op]: link(`${self}/lifecycle/${op}`, 'POST') } };
};

function findSecret(ctx: Ctx, app: Json): Json {
  const s = ctx.org.data.table(`secrets:${app.id}`).get(ctx.params.secretId!);
  if (!s) throw notFound(`${ctx.params.secretId} (OAuth2ClientSecret)`);
  return s;
}

/** Okta accepts a supplied secret (14–100 printable characters), so a restore can bring the original back. */
function createSecret(ctx: Ctx): Reply {
  const app = findApp(ctx);
  if (!app.credentials?.oauthClient) throw validation('app', 'app: Only OAuth clients have client secrets');
  const table = ctx.org.data.table(`secrets:${app.id}`);
  if (table.size >= 2) throw validation('client_secret', "client_secret: You can't have more than two client secrets");
  const supplied: unknown = ctx.body.client_secret;
  if (supplied !== undefined && (typeof supplied !== 'string' || !/^[\x21-\x7e]{14,100}$/.test(supplied))) {
    throw validation('client_secret', 'client_secret: Must be 14 to 100 printable ASCII characters');
  }
  const entry = addSecret(
    ctx.org,
    app,
    (supplied as string | undefined) ?? clientSecret(ctx.org.ids),
    ctx.body.status ?? 'ACTIVE',
    iso(ctx.now),
  );
  ctx.org.putApp(app);
  audit(ctx, 'app.oauth2.client.secret.create', appTarget(app));
  return ok(secretJson(ctx, app, entry));
}

function secretLifecycle(status: string) {
  return (ctx: Ctx): Reply => {
    const app = findApp(ctx);
    const s = findSecret(ctx, app);
    Object.assign(s, { status, lastUpdated: iso(ctx.now) });
    audit(ctx, `app.oauth2.client.secret.${status === 'ACTIVE' ? 'activate' : 'deactivate'}`, appTarget(app));
    return ok(secretJson(ctx, app, s));
  };
}

function deleteSecret(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const s = findSecret(ctx, app);
  if (s.status === 'ACTIVE') throw validation('status', 'status: Deactivate the secret before deleting it');
  ctx.org.data.table(`secrets:${app.id}`).delete(s.id);
  audit(ctx, 'app.oauth2.client.secret.delete', appTarget(app));
  return noContent();
}

/** Scope grants: which `okta.*` scopes a service app may ask the org authorization server for. */
export function grantJson(base: string, appId: string, g: Json) {
  return {
    ...g,
    _embedded: { scope: { id: g.scopeId } },
    _links: {
      app: link(`${base}/api/v1/apps/${appId}`),
      self: link(`${base}/api/v1/apps/${appId}/grants/${g.id}`, 'GET', 'DELETE'),
      client: link(`${base}/oauth2/v1/clients/${g.clientId}`),
    },
  };
}

function createGrant(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const scopeId: unknown = ctx.body.scopeId;
  if (typeof scopeId !== 'string' || !/^okta\.\w+\.(read|manage)$/.test(scopeId))
    throw validation('scopeId', 'scopeId: Unknown scope');
  const now = iso(ctx.now);
  const p = ctx.principal;
  const grant = {
    id: oktaId(ctx.org.ids, 'oag'),
    status: 'ACTIVE',
    created: now,
    createdBy: { id: p.id, type: p.type === 'User' ? 'User' : 'Client' },
    lastUpdated: now,
    issuer: ctx.body.issuer ?? ctx.base,
    clientId: app.credentials?.oauthClient?.client_id ?? app.id,
    scopeId,
    source: 'ADMIN',
  };
  ctx.org.data.table(`grants:${app.id}`).set(grant.id, grant);
  audit(ctx, 'app.oauth2.as.consent.grant', appTarget(app));
  return created(grantJson(ctx.base, app.id, grant));
}

function findGrant(ctx: Ctx, app: Json): Json {
  const g = ctx.org.data.table(`grants:${app.id}`).get(ctx.params.grantId!);
  if (!g) throw notFound(`${ctx.params.grantId} (OAuth2ScopeConsentGrant)`);
  return g;
}

function findKey(ctx: Ctx, app: Json): Json {
  const k = ctx.org.data.table(appKeysTable(app.id)).get(ctx.params.keyId!);
  if (!k) throw notFound(`${ctx.params.keyId} (JsonWebKey)`);
  return k;
}

export const appCredentialRoutes: Route[] = [
  route('GET', '/api/v1/apps/{appId}/credentials/keys', 'apps', (ctx) => {
    const app = findApp(ctx);
    return allOf(ctx, [...ctx.org.data.table(appKeysTable(app.id)).values()]);
  }),
  route('GET', '/api/v1/apps/{appId}/credentials/keys/{keyId}', 'apps', (ctx) => {
    const app = findApp(ctx);
    return ok(findKey(ctx, app));
  }),
  route('GET', '/api/v1/apps/{appId}/credentials/secrets', 'apps', (ctx) => {
    const app = findApp(ctx);
    return allOf(
      ctx,
      [...ctx.org.data.table(`secrets:${app.id}`).values()].map((s) => secretJson(ctx, app, s)),
    );
  }),
  route('POST', '/api/v1/apps/{appId}/credentials/secrets', 'apps', createSecret),
  route('GET', '/api/v1/apps/{appId}/credentials/secrets/{secretId}', 'apps', (ctx) => {
    const app = findApp(ctx);
    return ok(secretJson(ctx, app, findSecret(ctx, app)));
  }),
  route(
    'POST',
    '/api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/activate',
    'apps',
    secretLifecycle('ACTIVE'),
  ),
  route(
    'POST',
    '/api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/deactivate',
    'apps',
    secretLifecycle('INACTIVE'),
  ),
  route('DELETE', '/api/v1/apps/{appId}/credentials/secrets/{secretId}', 'apps', deleteSecret),
  route('GET', '/api/v1/apps/{appId}/grants', 'appGrants', (ctx) => {
    const app = findApp(ctx);
    return allOf(
      ctx,
      [...ctx.org.data.table(`grants:${app.id}`).values()].map((g) => grantJson(ctx.base, app.id, g)),
    );
  }),
  route('POST', '/api/v1/apps/{appId}/grants', 'appGrants', createGrant),
  route('GET', '/api/v1/apps/{appId}/grants/{grantId}', 'appGrants', (ctx) => {
    const app = findApp(ctx);
    return ok(grantJson(ctx.base, app.id, findGrant(ctx, app)));
  }),
  route('DELETE', '/api/v1/apps/{appId}/grants/{grantId}', 'appGrants', (ctx) => {
    const app = findApp(ctx);
    const g = findGrant(ctx, app);
    ctx.org.data.table(`grants:${app.id}`).delete(g.id);
    audit(ctx, 'app.oauth2.as.consent.revoke', appTarget(app));
    return noContent();
  }),
];
