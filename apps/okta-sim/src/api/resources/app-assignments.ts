import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { userJson } from '../../okta/users.ts';
import { assignGroup, type TAppUser, unassignGroup } from '../../store/memberships.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { appTarget } from './app-render.ts';
import { findApp } from './apps.ts';
import { findGroup, groupJson, groupTarget } from './groups.ts';
import { findUser, userTarget } from './user-refs.ts';

/** `AppUser`: the assignment plus what Okta derives from the user (credentials.userName, status). */
function appUserJson(ctx: Ctx, app: Json, a: TAppUser, userId: string) {
  const user = ctx.org.data.users.get(userId)!;
  const base = ctx.base;
  return {
    id: userId,
    externalId: null,
    created: iso(a.created),
    lastUpdated: iso(a.lastUpdated),
    scope: a.scope,
    status: user.status === 'DEPROVISIONED' ? 'INACTIVE' : 'ACTIVE',
    statusChanged: iso(a.created),
    passwordChanged: null,
    syncState: 'DISABLED',
    credentials: { userName: user.profile.login, ...a.credentials },
    profile: { email: user.profile.email, ...a.profile },
    _links: { app: link(`${base}/api/v1/apps/${app.id}`), user: link(`${base}/api/v1/users/${userId}`) },
    ...(ctx.query.get('expand') === 'user' ? { _embedded: { user: userJson(user, base) } } : {}),
  };
}

function appGroupJson(ctx: Ctx, app: Json, a: Json) {
  const base = ctx.base;
  const group = ctx.org.data.table('groups').get(a.id);
  return {
    ...a,
    _links: {
      app: link(`${base}/api/v1/apps/${app.id}`),
      self: link(`${base}/api/v1/apps/${app.id}/groups/${a.id}`),
      group: link(`${base}/api/v1/groups/${a.id}`),
    },
    ...(ctx.query.get('expand') === 'group' && group ? { _embedded: { group: groupJson(group, base) } } : {}),
  };
}

function assignment(ctx: Ctx, app: Json): TAppUser {
  const found = ctx.org.data.table<TAppUser>(`appUsers:${app.id}`).get(ctx.params.userId!);
  if (!found) throw notFound(`${ctx.params.userId} (AppUser)`);
  return found;
}

/** `POST /apps/{appId}/users` assigns a user directly (scope USER), or turns a group grant into one. */
function assignUser(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const user = findUser(ctx, ctx.body.id);
  const table = ctx.org.data.table<TAppUser>(`appUsers:${app.id}`);
  const before = table.get(user.id);
  const a: TAppUser = {
    scope: 'USER',
    created: before?.created ?? ctx.now,
    lastUpdated: ctx.now,
    profile: ctx.body.profile,
    credentials: ctx.body.credentials,
  };
  table.set(user.id, a);
  audit(ctx, 'application.user_membership.add', userTarget(user), appTarget(app));
  return ok(appUserJson(ctx, app, a, user.id));
}

/** Group-granted entries are shared values (store/memberships.ts): an update replaces, never mutates. */
function updateUser(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const userId = ctx.params.userId!;
  const before = assignment(ctx, app);
  const a: TAppUser = {
    ...before,
    profile: { ...before.profile, ...ctx.body.profile },
    credentials: { ...before.credentials, ...ctx.body.credentials },
    lastUpdated: ctx.now,
  };
  ctx.org.data.table<TAppUser>(`appUsers:${app.id}`).set(userId, a);
  audit(ctx, 'application.user_membership.update', userTarget(ctx.org.data.users.get(userId)!), appTarget(app));
  return ok(appUserJson(ctx, app, a, userId));
}

function unassignUser(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const a = assignment(ctx, app);
  const userId = ctx.params.userId!;
  if (a.scope === 'GROUP')
    throw validation('scope', 'scope: A user assigned through a group cannot be unassigned individually');
  ctx.org.data.table(`appUsers:${app.id}`).delete(userId);
  audit(ctx, 'application.user_membership.remove', userTarget(ctx.org.data.users.get(userId)!), appTarget(app));
  return noContent();
}

function groupAssignment(ctx: Ctx, app: Json): Json {
  const found = ctx.org.data.table(`appGroups:${app.id}`).get(ctx.params.groupId!);
  if (!found) throw notFound(`${ctx.params.groupId} (ApplicationGroupAssignment)`);
  return found;
}

function assignAppGroup(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const group = findGroup(ctx);
  const existing = ctx.org.data.table(`appGroups:${app.id}`).get(group.id);
  const a = {
    id: group.id,
    lastUpdated: iso(ctx.now),
    priority: ctx.body.priority ?? existing?.priority ?? 0,
    profile: ctx.body.profile ?? {},
  };
  assignGroup(ctx.org.data, app.id, group.id, a, ctx.now);
  audit(
    ctx,
    existing ? 'group.application_assignment.update' : 'group.application_assignment.add',
    groupTarget(group),
    appTarget(app),
  );
  return ok(appGroupJson(ctx, app, a));
}

function unassignAppGroup(ctx: Ctx): Reply {
  const app = findApp(ctx);
  const group = findGroup(ctx);
  if (unassignGroup(ctx.org.data, app.id, group.id))
    audit(ctx, 'group.application_assignment.remove', groupTarget(group), appTarget(app));
  return noContent();
}

export const appAssignmentRoutes: Route[] = [
  route('GET', '/api/v1/apps/{appId}/users', 'apps', (ctx) => {
    const app = findApp(ctx);
    return pageOf(ctx, ctx.org.data.table<TAppUser>(`appUsers:${app.id}`), { default: 50, max: 500 }, (a, userId) =>
      appUserJson(ctx, app, a, userId),
    );
  }),
  route('POST', '/api/v1/apps/{appId}/users', 'apps', assignUser),
  route('GET', '/api/v1/apps/{appId}/users/{userId}', 'apps', (ctx) => {
    const app = findApp(ctx);
    return ok(appUserJson(ctx, app, assignment(ctx, app), ctx.params.userId!));
  }),
  route('POST', '/api/v1/apps/{appId}/users/{userId}', 'apps', updateUser),
  route('DELETE', '/api/v1/apps/{appId}/users/{userId}', 'apps', unassignUser),
  route('GET', '/api/v1/apps/{appId}/groups', 'apps', (ctx) => {
    const app = findApp(ctx);
    return pageOf(ctx, ctx.org.data.table(`appGroups:${app.id}`), { default: 20, max: 200 }, (a) =>
      appGroupJson(ctx, app, a),
    );
  }),
  route('GET', '/api/v1/apps/{appId}/groups/{groupId}', 'apps', (ctx) => {
    const app = findApp(ctx);
    return ok(appGroupJson(ctx, app, groupAssignment(ctx, app)));
  }),
  route('PUT', '/api/v1/apps/{appId}/groups/{groupId}', 'apps', assignAppGroup),
  route('DELETE', '/api/v1/apps/{appId}/groups/{groupId}', 'apps', unassignAppGroup),
];
