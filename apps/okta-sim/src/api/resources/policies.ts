import { oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import {
  catchAllRule,
  POLICY_TYPES,
  policyDefaults,
  policyLinks,
  policyPrefix,
  reprioritize,
} from '../../okta/policies.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { allOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { renderApp } from './app-render.ts';

export const policyTarget = (p: Json) => ({
  id: p.id,
  type: 'PolicyEntity',
  alternateId: 'unknown',
  displayName: p.name,
});
export const renderPolicy = (ctx: Ctx, p: Json) => ({ ...p, _links: policyLinks(p, ctx.base) });

export function findPolicy(ctx: Ctx, id = ctx.params.policyId!): Json {
  const policy = ctx.org.data.table('policies').get(id);
  if (!policy) throw notFound(`${id} (PolicyEntity)`);
  return policy;
}

const ofType = (ctx: Ctx, type: string) => [...ctx.org.data.table('policies').values()].filter((p) => p.type === type);

/**
 * `GET /api/v1/policies?type=…` (type required), in priority order. Policies are few per type, so
 * the list is answered whole (Okta documents no default page size here).
 */
function listPolicies(ctx: Ctx): Reply {
  const type = ctx.query.get('type');
  if (!type) throw validation('type', 'type: The parameter is required');
  if (!POLICY_TYPES.includes(type)) throw validation('type', `type: Must be one of ${POLICY_TYPES.join(', ')}`);
  const status = ctx.query.get('status');
  const q = ctx.query.get('q')?.toLowerCase();
  const rows = ofType(ctx, type)
    .filter((p) => (!status || p.status === status) && (!q || String(p.name).toLowerCase().startsWith(q)))
    .sort((a, b) => a.priority - b.priority);
  return allOf(
    ctx,
    rows.map((p) => renderPolicy(ctx, p)),
  );
}

function validate(body: Json) {
  if (!POLICY_TYPES.includes(body.type)) throw validation('type', `type: Must be one of ${POLICY_TYPES.join(', ')}`);
  if (!body.name) throw validation('name', 'name: The field cannot be left blank');
}

function createPolicy(ctx: Ctx): Reply {
  validate(ctx.body);
  const { _links: _l, id: _i, system: _s, ...body } = ctx.body;
  const now = iso(ctx.now);
  const policy: Json = {
    ...policyDefaults(body),
    id: oktaId(ctx.org.ids, policyPrefix(body.type)),
    system: false,
    created: now,
    lastUpdated: now,
  };
  if (ctx.query.get('activate') === 'false') policy.status = 'INACTIVE';
  ctx.org.data.table('policies').set(policy.id, policy);
  reprioritize(ofType(ctx, policy.type), { id: policy.id, priority: body.priority });
  audit(ctx, 'policy.lifecycle.create', policyTarget(policy));
  // Okta gives every new app sign-in policy its catch-all rule.
  if (policy.type === 'ACCESS_POLICY') catchAllRule(ctx.org, policy, now);
  return ok(renderPolicy(ctx, policy));
}

function replacePolicy(ctx: Ctx): Reply {
  const existing = findPolicy(ctx);
  const { _links: _l, id: _i, created: _c, lastUpdated: _u, system: _s, type: _t, ...body } = ctx.body;
  if (!body.name) throw validation('name', 'name: The field cannot be left blank');
  const policy = {
    ...body,
    id: existing.id,
    type: existing.type,
    system: existing.system,
    status: body.status ?? existing.status,
    priority: body.priority ?? existing.priority,
    created: existing.created,
    lastUpdated: iso(ctx.now),
  };
  ctx.org.data.table('policies').set(policy.id, policy);
  if (!policy.system) reprioritize(ofType(ctx, policy.type), { id: policy.id, priority: body.priority });
  audit(ctx, 'policy.lifecycle.update', policyTarget(policy));
  return ok(renderPolicy(ctx, policy));
}

function deletePolicy(ctx: Ctx): Reply {
  const policy = findPolicy(ctx);
  if (policy.system) throw validation('system', 'system: The default policy cannot be deleted');
  const data = ctx.org.data;
  for (const [appId, policyId] of data.appPolicies)
    if (policyId === policy.id) data.appPolicies.set(appId, ctx.org.refs.defaultAccessPolicy);
  data.table('policies').delete(policy.id);
  data.dropTable(`rules:${policy.id}`);
  reprioritize(ofType(ctx, policy.type));
  audit(ctx, 'policy.lifecycle.delete', policyTarget(policy));
  return noContent();
}

function lifecycle(status: 'ACTIVE' | 'INACTIVE') {
  return (ctx: Ctx): Reply => {
    const policy = findPolicy(ctx);
    if (policy.system && status === 'INACTIVE')
      throw validation('system', 'system: The default policy cannot be deactivated');
    Object.assign(policy, { status, lastUpdated: iso(ctx.now) });
    audit(ctx, status === 'ACTIVE' ? 'policy.lifecycle.activate' : 'policy.lifecycle.deactivate', policyTarget(policy));
    return noContent();
  };
}

const mappedApps = (ctx: Ctx, policy: Json) =>
  [...ctx.org.data.appPolicies]
    .filter(([, p]) => p === policy.id)
    .map(([appId]) => ctx.org.app(appId))
    .filter((a): a is Json => Boolean(a));

export const policyRoutes: Route[] = [
  route('GET', '/api/v1/policies', 'policies', listPolicies),
  route('POST', '/api/v1/policies', 'policies', createPolicy),
  route('GET', '/api/v1/policies/{policyId}', 'policies', (ctx) => ok(renderPolicy(ctx, findPolicy(ctx)))),
  route('PUT', '/api/v1/policies/{policyId}', 'policies', replacePolicy),
  route('DELETE', '/api/v1/policies/{policyId}', 'policies', deletePolicy),
  route('POST', '/api/v1/policies/{policyId}/lifecycle/activate', 'policies', lifecycle('ACTIVE')),
  route('POST', '/api/v1/policies/{policyId}/lifecycle/deactivate', 'policies', lifecycle('INACTIVE')),
  route('GET', '/api/v1/policies/{policyId}/app', 'policies', (ctx) =>
    allOf(
      ctx,
      mappedApps(ctx, findPolicy(ctx)).map((a) => renderApp(ctx, a)),
    ),
  ),
  route('GET', '/api/v1/policies/{policyId}/mappings', 'policies', (ctx) => {
    const policy = findPolicy(ctx);
    const self = `${ctx.base}/api/v1/policies/${policy.id}`;
    return allOf(
      ctx,
      mappedApps(ctx, policy).map((app) => ({
        id: app.id,
        _links: {
          application: link(`${ctx.base}/api/v1/apps/${app.id}`),
          self: link(`${self}/mappings/${app.id}`),
          policy: link(self),
        },
      })),
    );
  }),
];
