import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { merge } from '../../okta/merge.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { allOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';

/**
 * Singleton settings: the org (`/api/v1/org`), the Admin Console's session settings, attack
 * protection and ThreatInsight; and the metadata of API tokens (`/api/v1/api-tokens`).
 */
function singleton(key: string, eventType: string, mode: 'merge' | 'replace', path: string, scope: string): Route {
  return route(mode === 'merge' ? 'POST' : 'PUT', path, scope, (ctx) => {
    const current = ctx.org.data.singletons.get(key)!;
    const { _links: _l, id: _i, created: _c, ...body } = ctx.body;
    const next =
      mode === 'merge'
        ? merge(current, body)
        : { ...body, ...pick(current, ['id', 'created', 'subdomain', 'status', 'expiresAt']) };
    if (current.lastUpdated !== undefined) next.lastUpdated = iso(ctx.now);
    ctx.org.data.singletons.set(key, next);
    audit(ctx, eventType, { id: current.id ?? key, type: 'Org', alternateId: ctx.org.name, displayName: ctx.org.name });
    return ok(render(ctx, key, next));
  });
}

const pick = (o: Json, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

function render(ctx: Ctx, key: string, value: Json) {
  if (key === 'org') {
    return {
      ...value,
      _links: {
        preferences: link(`${ctx.base}/api/v1/org/preferences`),
        uploadLogo: link(`${ctx.base}/api/v1/org/logo`, 'POST'),
        oktaCommunication: link(`${ctx.base}/api/v1/org/privacy/oktaCommunication`),
        logo: [],
        oktaSupport: link(`${ctx.base}/api/v1/org/privacy/oktaSupport`),
        contacts: link(`${ctx.base}/api/v1/org/contacts`),
      },
    };
  }
  if (key === 'threatInsight')
    return { ...value, _links: { self: link(`${ctx.base}/api/v1/threats/configuration`, 'GET', 'POST') } };
  return value;
}

const get = (key: string, path: string, scope: string) =>
  route('GET', path, scope, (ctx) => ok(render(ctx, key, ctx.org.data.singletons.get(key)!)));

/** Okta first-party app settings; only the Admin Console (`admin-console`) has any. */
function firstParty(ctx: Ctx): string {
  if (ctx.params.appName !== 'admin-console') throw notFound(`${ctx.params.appName} (FirstPartyAppSettings)`);
  return 'adminConsole';
}

function apiTokenJson(ctx: Ctx, t: Json) {
  return {
    ...t,
    _links: {
      self: link(`${ctx.base}/api/v1/api-tokens/${t.id}`, 'GET', 'DELETE'),
      user: link(`${ctx.base}/api/v1/users/${t.userId}`, 'GET'),
    },
  };
}

function apiToken(ctx: Ctx, id = ctx.params.apiTokenId!): Json {
  const t = ctx.org.data.table('apiTokens').get(id);
  if (!t) throw notFound(`${id} (ApiToken)`);
  return t;
}

/** Only the name and the network restriction of a token can change (`PUT`, "upsert"). */
function upsertToken(ctx: Ctx): Reply {
  const t = apiToken(ctx);
  const network = ctx.body.network;
  if (network && !['ANYWHERE', 'ZONE'].includes(network.connection))
    throw validation('network.connection', 'network.connection: Must be ANYWHERE or ZONE');
  Object.assign(t, { name: ctx.body.name ?? t.name, network: network ?? t.network, lastUpdated: iso(ctx.now) });
  audit(ctx, 'system.api_token.update', { id: t.id, type: 'Token', alternateId: t.name, displayName: t.name });
  return ok(apiTokenJson(ctx, t));
}

function revokeToken(ctx: Ctx): Reply {
  const t = apiToken(ctx);
  ctx.org.data.table('apiTokens').delete(t.id);
  audit(ctx, 'system.api_token.revoke', { id: t.id, type: 'Token', alternateId: t.name, displayName: t.name });
  return noContent();
}

export const orgSettingRoutes: Route[] = [
  get('org', '/api/v1/org', 'orgs'),
  singleton('org', 'system.org.update', 'merge', '/api/v1/org', 'orgs'),
  singleton('org', 'system.org.update', 'replace', '/api/v1/org', 'orgs'),
  route('GET', '/api/v1/first-party-app-settings/{appName}', 'apps', (ctx) =>
    ok(ctx.org.data.singletons.get(firstParty(ctx))),
  ),
  route('PUT', '/api/v1/first-party-app-settings/{appName}', 'apps', (ctx) => {
    const key = firstParty(ctx);
    const { sessionIdleTimeoutMinutes: idle, sessionMaxLifetimeMinutes: life } = ctx.body;
    if (!Number.isInteger(idle) || !Number.isInteger(life) || idle < 5 || idle > 120 || life < 5 || life > 43200) {
      throw validation(
        'sessionIdleTimeoutMinutes',
        'sessionIdleTimeoutMinutes: 5–120; sessionMaxLifetimeMinutes: 5–43200',
      );
    }
    ctx.org.data.singletons.set(key, { sessionIdleTimeoutMinutes: idle, sessionMaxLifetimeMinutes: life });
    audit(ctx, 'application.lifecycle.update', {
      id: 'admin-console',
      type: 'AppInstance',
      alternateId: 'Okta Admin Console',
      displayName: 'Okta Admin Console',
    });
    return ok(ctx.org.data.singletons.get(key));
  }),
  route('GET', '/attack-protection/api/v1/user-lockout-settings', 'orgs', (ctx) =>
    ok(ctx.org.data.singletons.get('userLockout')),
  ),
  route('PUT', '/attack-protection/api/v1/user-lockout-settings', 'orgs', (ctx) => {
    const value = {
      preventBruteForceLockoutFromUnknownDevices: Boolean(ctx.body.preventBruteForceLockoutFromUnknownDevices),
    };
    ctx.org.data.singletons.set('userLockout', value);
    audit(ctx, 'system.org.update', {
      id: ctx.org.refs.orgId,
      type: 'Org',
      alternateId: ctx.org.name,
      displayName: ctx.org.name,
    });
    return ok(value);
  }),
  get('threatInsight', '/api/v1/threats/configuration', 'threatInsights'),
  singleton(
    'threatInsight',
    'security.threat.configuration.update',
    'merge',
    '/api/v1/threats/configuration',
    'threatInsights',
  ),
  route('GET', '/api/v1/api-tokens', 'apiTokens', (ctx) =>
    allOf(
      ctx,
      [...ctx.org.data.table('apiTokens').values()].map((t) => apiTokenJson(ctx, t)),
    ),
  ),
  route('GET', '/api/v1/api-tokens/{apiTokenId}', 'apiTokens', (ctx) => ok(apiTokenJson(ctx, apiToken(ctx)))),
  route('PUT', '/api/v1/api-tokens/{apiTokenId}', 'apiTokens', upsertToken),
  route('DELETE', '/api/v1/api-tokens/{apiTokenId}', 'apiTokens', revokeToken),
];
