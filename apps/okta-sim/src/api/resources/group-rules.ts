import type { Json } from '../../model/types.ts';
import { applyRules, compileRule } from '../../store/group-rules.ts';
import type { Ctx } from '../context.ts';
import { crudRoutes, type TCrud } from '../crud.ts';
import { validation } from '../../okta/errors.ts';
import type { Route } from '../router.ts';

function validate(body: Json, ctx: Ctx) {
  if (!body.name) throw validation('name', 'name: The field cannot be left blank');
  const expression = body.conditions?.expression?.value;
  try {
    compileRule(expression ?? '');
  } catch {
    throw validation('conditions.expression.value', `conditions.expression.value: Invalid expression: ${expression}`);
  }
  const groupIds: unknown = body.actions?.assignUserToGroups?.groupIds;
  if (!Array.isArray(groupIds) || !groupIds.length)
    throw validation(
      'actions.assignUserToGroups.groupIds',
      'actions.assignUserToGroups.groupIds: At least one group is required',
    );
  const groups = ctx.org.data.table('groups');
  for (const id of groupIds)
    if (groups.get(id)?.type !== 'OKTA_GROUP') throw validation('groupIds', `groupIds: ${id} is not an Okta group`);
}

/**
 * Group rules (`/api/v1/groups/rules`): created INACTIVE as Okta does, changed only while inactive,
 * and applied to every user when activated. Paged 50 by default, 200 at most.
 */
const groupRules: TCrud = {
  table: 'groupRules',
  path: '/api/v1/groups/rules',
  idParam: 'groupRuleId',
  prefix: '0pr',
  scope: 'groups',
  page: { default: 50, max: 200 },
  lifecycle: true,
  lifecycleReply: 'empty',
  log: {
    type: 'GroupRule',
    events: {
      create: 'group.rule.create',
      update: 'group.rule.update',
      delete: 'group.rule.delete',
      activate: 'group.rule.activate',
      deactivate: 'group.rule.deactivate',
    },
  },
  validate,
  defaults: (body) => ({ type: 'group_rule', ...body, status: 'INACTIVE' }),
  replace: (_existing, body) => ({ type: 'group_rule', ...body }),
  beforeReplace: (existing) => {
    if (existing.status === 'ACTIVE')
      throw validation('status', 'status: An ACTIVE group rule cannot be updated; deactivate it first');
  },
  match: (rule, ctx) => {
    const search = ctx.query.get('search')?.toLowerCase();
    return !search || String(rule.name).toLowerCase().includes(search);
  },
  afterLifecycle: (rule, ctx) => {
    if (rule.status === 'ACTIVE') applyRules(ctx.org.data, ctx.now);
  },
  links: (rule, ctx) => {
    const links: Record<string, unknown> = {};
    if (ctx.query.get('expand') === 'groupIdToGroupNameMap') {
      const groups = ctx.org.data.table('groups');
      const names = Object.fromEntries(
        (rule.actions?.assignUserToGroups?.groupIds ?? []).map((id: string) => [id, groups.get(id)?.profile.name]),
      );
      links.groupIdToGroupNameMap = names;
    }
    return links;
  },
};

/** `expand=groupIdToGroupNameMap` goes in `_embedded`, not `_links`; moved there per response. */
export const groupRuleRoutes: Route[] = crudRoutes(groupRules).map((r) => ({
  ...r,
  handler: async (ctx: Ctx) => {
    const reply = await r.handler(ctx);
    const move = (rule: Json) => {
      const { groupIdToGroupNameMap, ...links } = rule._links ?? {};
      const { _links: _dropped, ...rest } = rule;
      return {
        ...rest,
        ...(groupIdToGroupNameMap ? { _embedded: { groupIdToGroupNameMap } } : {}),
        ...(Object.keys(links).length ? { _links: links } : {}),
      };
    };
    if (Array.isArray(reply.body)) reply.body = reply.body.map(move);
    else if (reply.body && typeof reply.body === 'object') reply.body = move(reply.body as Json);
    return reply;
  },
}));
