import { oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { forgetOwner, unassignGroup } from '../../store/memberships.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { alreadyExists, notFound, validation } from '../../okta/errors.ts';
import { compileFilter } from '../filter.ts';
import { pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { renderApp } from './app-render.ts';

export const groupTarget = (g: Json) => ({
  id: g.id,
  type: 'UserGroup',
  alternateId: 'unknown',
  displayName: g.profile.name,
});

export function groupJson(group: Json, base: string) {
  const self = `${base}/api/v1/groups/${group.id}`;
  return {
    ...group,
    _links: {
      logo: [
        { name: 'medium', href: `${base}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' },
        { name: 'large', href: `${base}/assets/img/logos/groups/okta-large.png`, type: 'image/png' },
      ],
      users: link(`${self}/users`),
      apps: link(`${self}/apps`),
    },
  };
}

export function findGroup(ctx: Ctx, id = ctx.params.groupId!): Json {
  const group = ctx.org.data.table('groups').get(id);
  if (!group) throw notFound(`${id} (UserGroup)`);
  return group;
}

/** Only groups Okta itself manages here can be edited; Everyone (BUILT_IN) and imported ones cannot. */
function editable(group: Json): Json {
  if (group.type !== 'OKTA_GROUP') throw validation('type', `type: A ${group.type} group cannot be modified`);
  return group;
}

function checkName(ctx: Ctx, name: unknown, except?: string) {
  if (typeof name !== 'string' || !name.trim()) throw validation('name', 'name: The field cannot be left blank');
  for (const g of ctx.org.data.table('groups').values()) {
    if (g.id !== except && g.type === 'OKTA_GROUP' && g.profile.name === name) throw alreadyExists('name');
  }
}

function listGroups(ctx: Ctx): Reply {
  const expression = ctx.query.get('search') ?? ctx.query.get('filter');
  const q = ctx.query.get('q')?.toLowerCase();
  const test = expression ? compileFilter(expression) : undefined;
  const keep = (g: Json) => (!test || test(g)) && (!q || String(g.profile.name).toLowerCase().startsWith(q));
  return pageOf(
    ctx,
    ctx.org.data.table('groups'),
    { default: 10_000, max: 10_000 },
    (g) => groupJson(g, ctx.base),
    keep,
  );
}

function createGroup(ctx: Ctx): Reply {
  const profile = ctx.body.profile ?? {};
  checkName(ctx, profile.name);
  const now = iso(ctx.now);
  const group = {
    id: oktaId(ctx.org.ids, '00g'),
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile: { name: profile.name, description: profile.description ?? null, ...profile },
  };
  ctx.org.data.table('groups').set(group.id, group);
  audit(ctx, 'group.lifecycle.create', groupTarget(group));
  return ok(groupJson(group, ctx.base));
}

function replaceGroup(ctx: Ctx): Reply {
  const group = editable(findGroup(ctx));
  const profile = ctx.body.profile ?? {};
  checkName(ctx, profile.name, group.id);
  Object.assign(group, { profile: { description: null, ...profile }, lastUpdated: iso(ctx.now) });
  audit(ctx, 'group.profile.update', groupTarget(group));
  return ok(groupJson(group, ctx.base));
}

function deleteGroup(ctx: Ctx): Reply {
  const group = editable(findGroup(ctx));
  const data = ctx.org.data;
  for (const appId of [...data.table(`groupApps:${group.id}`).keys()]) unassignGroup(data, appId, group.id);
  for (const userId of data.table(`members:${group.id}`).keys()) data.userGroups.get(userId)?.delete(group.id);
  for (const name of [`members:${group.id}`, `owners:${group.id}`, `groupApps:${group.id}`]) data.dropTable(name);
  data.table('groups').delete(group.id);
  forgetOwner(data, group.id);
  audit(ctx, 'group.lifecycle.delete', groupTarget(group));
  return noContent();
}

function groupApps(ctx: Ctx): Reply {
  const group = findGroup(ctx);
  const apps = ctx.org.data.table('apps');
  return pageOf(ctx, ctx.org.data.table<string>(`groupApps:${group.id}`), { default: 20, max: 200 }, (appId) =>
    renderApp(ctx, apps.get(appId)!),
  );
}

export const groupRoutes: Route[] = [
  route('GET', '/api/v1/groups', 'groups', listGroups),
  route('POST', '/api/v1/groups', 'groups', createGroup),
  route('GET', '/api/v1/groups/{groupId}', 'groups', (ctx) => ok(groupJson(findGroup(ctx), ctx.base))),
  route('PUT', '/api/v1/groups/{groupId}', 'groups', replaceGroup),
  route('DELETE', '/api/v1/groups/{groupId}', 'groups', deleteGroup),
  route('GET', '/api/v1/groups/{groupId}/apps', 'groups', groupApps),
];
