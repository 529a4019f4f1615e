import { appKeysTable } from '../../orgs/app-keys.ts';
import { clientSecret, oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { buildApp, SIGN_ON_MODES } from '../../okta/apps.ts';
import { iso } from '../../okta/time.ts';
import { unassignGroup } from '../../store/memberships.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, OktaError, validation } from '../../okta/errors.ts';
import { compileFilter } from '../filter.ts';
import { pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { appTarget, renderApp } from './app-render.ts';

export function findApp(ctx: Ctx, id = ctx.params.appId!): Json {
  const app = ctx.org.app(id);
  if (!app) throw notFound(`${id} (AppInstance)`);
  return app;
}

function validate(body: Json) {
  if (!body.label) throw validation('label', 'label: The field cannot be left blank');
  if (!SIGN_ON_MODES.includes(body.signOnMode))
    throw validation('signOnMode', `signOnMode: Must be one of ${SIGN_ON_MODES.join(', ')}`);
}

/** `filter` supports Okta's app filters: `status`, `name`, `user.id`, `group.id`. */
function appFilter(ctx: Ctx, expression: string) {
  const data = ctx.org.data;
  return compileFilter(expression, (row, path) => {
    const app = row as Json;
    if (path === 'user.id') return [...data.table(`appUsers:${app.id}`).keys()];
    if (path === 'group.id') return [...data.table(`appGroups:${app.id}`).keys()];
    return path.split('.').reduce<any>((v, k) => v?.[k], app);
  });
}

function listApps(ctx: Ctx): Reply {
  const q = ctx.query.get('q')?.toLowerCase();
  const expression = ctx.query.get('filter');
  const test = expression ? appFilter(ctx, expression) : undefined;
  const keep = (app: Json) =>
    (!test || test(app)) && (!q || [app.label, app.name].some((v) => String(v).toLowerCase().startsWith(q)));
  return pageOf(ctx, ctx.org.data.table('apps'), { default: 20, max: 200 }, (app) => renderApp(ctx, app), keep);
}

function createApp(ctx: Ctx): Reply {
  validate(ctx.body);
  const org = ctx.org;
  const id = oktaId(org.ids, '0oa');
  const app = buildApp(ctx.body, { id, now: iso(ctx.now), orgId: org.refs.orgId, secret: () => clientSecret(org.ids) });
  const clientId = app.credentials?.oauthClient?.client_id;
  if (clientId && clientId !== id && org.data.clientIds.has(clientId))
    throw validation('client_id', 'client_id: An object with this field already exists in the current organization');
  if (ctx.query.get('activate') === 'false') app.status = 'INACTIVE';
  org.putApp(app);
  // New apps use the org's default app sign-in policy until mapped to another.
  org.data.appPolicies.set(app.id, org.refs.defaultAccessPolicy);
  audit(ctx, 'application.lifecycle.create', appTarget(app));
  return ok(renderApp(ctx, app));
}

/** PUT replaces the app; fields Okta owns (id, name, status, timestamps) and an omitted secret are kept. */
function replaceApp(ctx: Ctx): Reply {
  const existing = findApp(ctx);
  validate(ctx.body);
  const {
    _links: _l,
    _embedded: _e,
    id: _i,
    orn: _o,
    created: _c,
    lastUpdated: _u,
    status: _s,
    name: _n,
    ...body
  } = ctx.body;
  const app: Json = {
    ...structuredClone(body),
    id: existing.id,
    orn: existing.orn,
    name: existing.name,
    status: existing.status,
    created: existing.created,
    lastUpdated: iso(ctx.now),
  };
  const oldOauth = existing.credentials?.oauthClient;
  if (
    oldOauth &&
    app.credentials?.oauthClient &&
    app.credentials.oauthClient.client_secret === undefined &&
    oldOauth.client_secret
  ) {
    app.credentials.oauthClient.client_secret = oldOauth.client_secret;
  }
  if (oldOauth && app.credentials?.oauthClient && !app.credentials.oauthClient.client_id)
    app.credentials.oauthClient.client_id = oldOauth.client_id;
  ctx.org.putApp(app);
  audit(ctx, 'application.lifecycle.update', appTarget(app));
  return ok(renderApp(ctx, app));
}

function deleteApp(ctx: Ctx): Reply {
  const app = findApp(ctx);
  if (app.status === 'ACTIVE')
    throw new OktaError(403, 'E0000056', 'Delete application forbidden.', [
      'status: The application must be deactivated before it can be deleted',
    ]);
  const data = ctx.org.data;
  for (const groupId of [...data.table(`appGroups:${app.id}`).keys()]) unassignGroup(data, app.id, groupId);
  for (const name of [
    `appUsers:${app.id}`,
    `appGroups:${app.id}`,
    `grants:${app.id}`,
    `secrets:${app.id}`,
    appKeysTable(app.id),
  ])
    data.dropTable(name);
  data.appPolicies.delete(app.id);
  ctx.org.deleteApp(app.id);
  audit(ctx, 'application.lifecycle.delete', appTarget(app));
  return noContent();
}

function lifecycle(status: 'ACTIVE' | 'INACTIVE') {
  return (ctx: Ctx): Reply => {
    const app = findApp(ctx);
    if (app.status !== status) Object.assign(app, { status, lastUpdated: iso(ctx.now) });
    audit(
      ctx,
      status === 'ACTIVE' ? 'application.lifecycle.activate' : 'application.lifecycle.deactivate',
      appTarget(app),
    );
    return ok({});
  };
}

/** `PUT /apps/{appId}/policies/{policyId}`: maps the app to an app sign-in (ACCESS_POLICY) policy. */
function assignPolicy(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const policy = ctx.org.data.table('policies').get(ctx.params.policyId!);
  if (!policy) throw notFound(`${ctx.params.policyId} (PolicyEntity)`);
  if (policy.type !== 'ACCESS_POLICY')
    throw validation('policyId', 'policyId: Only app sign-in policies can be assigned to apps');
  ctx.org.data.appPolicies.set(app.id, policy.id);
  audit(ctx, 'application.policy.sign_on.update', appTarget(app), {
    id: policy.id,
    type: 'PolicyEntity',
    alternateId: policy.name,
    displayName: policy.name,
  });
  return noContent();
}

export const appRoutes: Route[] = [
  route('GET', '/api/v1/apps', 'apps', listApps),
  route('POST', '/api/v1/apps', 'apps', createApp),
  route('GET', '/api/v1/apps/{appId}', 'apps', (ctx) => ok(renderApp(ctx, findApp(ctx)))),
  route('PUT', '/api/v1/apps/{appId}', 'apps', replaceApp),
  route('DELETE', '/api/v1/apps/{appId}', 'apps', deleteApp),
  route('POST', '/api/v1/apps/{appId}/lifecycle/activate', 'apps', lifecycle('ACTIVE')),
  route('POST', '/api/v1/apps/{appId}/lifecycle/deactivate', 'apps', lifecycle('INACTIVE')),
  route('PUT', '/api/v1/apps/{appId}/policies/{policyId}', 'apps', assignPolicy),
];
