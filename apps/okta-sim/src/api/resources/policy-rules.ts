import { oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { reprioritize, ruleDefaults, ruleLinks, rulePrefix } from '../../okta/policies.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { allOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { findPolicy, policyTarget } from './policies.ts';

const ruleTarget = (r: Json) => ({ id: r.id, type: 'PolicyRule', alternateId: 'unknown', displayName: r.name });
const rules = (ctx: Ctx, policyId: string) => ctx.org.data.table(`rules:${policyId}`);
const render = (ctx: Ctx, policyId: string) => (r: Json) => ({ ...r, _links: ruleLinks(r, policyId, ctx.base) });

function findRule(ctx: Ctx, policyId: string): Json {
  const rule = rules(ctx, policyId).get(ctx.params.ruleId!);
  if (!rule) throw notFound(`${ctx.params.ruleId} (PolicyRule)`);
  return rule;
}

/** Rules in priority order, the whole list (a policy has a handful). */
function listRules(ctx: Ctx): Reply {
  const policy = findPolicy(ctx);
  const sorted = [...rules(ctx, policy.id).values()].sort((a, b) => a.priority - b.priority);
  return allOf(ctx, sorted.map(render(ctx, policy.id)));
}

function createRule(ctx: Ctx): Reply {
  const policy = findPolicy(ctx);
  if (!ctx.body.name) throw validation('name', 'name: The field cannot be left blank');
  const { _links: _l, id: _i, system: _s, type: _t, ...body } = ctx.body;
  const now = iso(ctx.now);
  const rule: Json = {
    ...ruleDefaults(body, policy.type),
    id: oktaId(ctx.org.ids, rulePrefix(policy.type)),
    system: false,
    created: now,
    lastUpdated: now,
  };
  if (ctx.query.get('activate') === 'false') rule.status = 'INACTIVE';
  rules(ctx, policy.id).set(rule.id, rule);
  reprioritize([...rules(ctx, policy.id).values()], { id: rule.id, priority: body.priority });
  audit(ctx, 'policy.rule.add', ruleTarget(rule), policyTarget(policy));
  return ok(render(ctx, policy.id)(rule));
}

/** PUT replaces a rule; a new `priority` moves it and renumbers its siblings, as Okta does. */
function replaceRule(ctx: Ctx): Reply {
  const policy = findPolicy(ctx);
  const existing = findRule(ctx, policy.id);
  const { _links: _l, id: _i, created: _c, lastUpdated: _u, system: _s, type: _t, ...body } = ctx.body;
  if (!body.name) throw validation('name', 'name: The field cannot be left blank');
  const rule = {
    ...ruleDefaults(body, policy.type),
    id: existing.id,
    system: existing.system,
    status: body.status ?? existing.status,
    priority: body.priority ?? existing.priority,
    created: existing.created,
    lastUpdated: iso(ctx.now),
  };
  rules(ctx, policy.id).set(rule.id, rule);
  if (!rule.system) reprioritize([...rules(ctx, policy.id).values()], { id: rule.id, priority: body.priority });
  audit(ctx, 'policy.rule.update', ruleTarget(rule), policyTarget(policy));
  return ok(render(ctx, policy.id)(rule));
}

function deleteRule(ctx: Ctx): Reply {
  const policy = findPolicy(ctx);
  const rule = findRule(ctx, policy.id);
  if (rule.system) throw validation('system', 'system: The default rule cannot be deleted');
  rules(ctx, policy.id).delete(rule.id);
  reprioritize([...rules(ctx, policy.id).values()]);
  audit(ctx, 'policy.rule.delete', ruleTarget(rule), policyTarget(policy));
  return noContent();
}

function lifecycle(status: 'ACTIVE' | 'INACTIVE') {
  return (ctx: Ctx): Reply => {
    const policy = findPolicy(ctx);
    const rule = findRule(ctx, policy.id);
    if (rule.system && status === 'INACTIVE')
      throw validation('system', 'system: The default rule cannot be deactivated');
    Object.assign(rule, { status, lastUpdated: iso(ctx.now) });
    audit(
      ctx,
      status === 'ACTIVE' ? 'policy.rule.activate' : 'policy.rule.deactivate',
      ruleTarget(rule),
      policyTarget(policy),
    );
    return noContent();
  };
}

const item = '/api/v1/policies/{policyId}/rules/{ruleId}';
export const policyRuleRoutes: Route[] = [
  route('GET', '/api/v1/policies/{policyId}/rules', 'policies', listRules),
  route('POST', '/api/v1/policies/{policyId}/rules', 'policies', createRule),
  route('GET', item, 'policies', (ctx) => {
    const policy = findPolicy(ctx);
    return ok(render(ctx, policy.id)(findRule(ctx, policy.id)));
  }),
  route('PUT', item, 'policies', replaceRule),
  route('DELETE', item, 'policies', deleteRule),
  route('POST', `${item}/lifecycle/activate`, 'policies', lifecycle('ACTIVE')),
  route('POST', `${item}/lifecycle/deactivate`, 'policies', lifecycle('INACTIVE')),
];
