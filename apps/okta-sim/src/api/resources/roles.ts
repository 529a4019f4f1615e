import { oktaId } from '../../model/ids.ts';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { userDisplayName } from '../../okta/users.ts';
import type { SeqTable } from '../../store/seq-table.ts';
import { type Ctx, created, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { encodeCursor, parseAfter, parseLimit } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit, type TLogTarget } from '../syslog/events.ts';
import { findGroup, groupTarget } from './groups.ts';
import { findUser, userTarget } from './user-refs.ts';

/** Okta's standard admin roles and their labels. */
export const STANDARD_ROLES: Record<string, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  READ_ONLY_ADMIN: 'Read-only Administrator',
  MOBILE_ADMIN: 'Mobile Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
  REPORT_ADMIN: 'Report Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
};

type TKind = 'USER' | 'GROUP' | 'CLIENT';

/** The role assignment table of a user, group or OAuth client: `userRoles:<id>` etc. */
export const rolesTable = (ctx: Pick<Ctx, 'org'>, kind: TKind, id: string) =>
  ctx.org.data.table(`${kind === 'USER' ? 'user' : kind === 'GROUP' ? 'group' : 'client'}Roles:${id}`);

/** A role assignment (`StandardRole` / `CustomRole` in the OpenAPI file) as stored; see assignmentJson. */
export function newAssignment(ctx: Pick<Ctx, 'org'>, kind: TKind, body: Json, at: string): Json {
  if (body.type === 'CUSTOM') {
    const role = ctx.org.data.table('iamRoles').get(body.role);
    if (!role || !ctx.org.data.table('resourceSets').has(body['resource-set']))
      throw validation('role', 'role: A custom role assignment needs an existing role and resource-set');
    return {
      id: oktaId(ctx.org.ids, 'irb'),
      role: role.id,
      label: role.label,
      type: 'CUSTOM',
      status: 'ACTIVE',
      created: at,
      lastUpdated: at,
      assignmentType: kind,
      'resource-set': body['resource-set'],
    };
  }
  const label = STANDARD_ROLES[body.type];
  if (!label) throw validation('type', `type: Unknown role type ${body.type}`);
  return {
    id: oktaId(ctx.org.ids, 'ra1'),
    label,
    type: body.type,
    status: 'ACTIVE',
    created: at,
    lastUpdated: at,
    assignmentType: kind,
  };
}

function assignmentJson(ctx: Ctx, a: Json, assignee: string) {
  const links: Json = { assignee: link(assignee) };
  if (a.type === 'CUSTOM') {
    links.role = link(`${ctx.base}/api/v1/iam/roles/${a.role}`);
    links['resource-set'] = link(`${ctx.base}/api/v1/iam/resource-sets/${a['resource-set']}`);
    links.permissions = link(`${ctx.base}/api/v1/iam/roles/${a.role}/permissions`);
  }
  return { ...a, _links: links };
}

interface TAssignee {
  kind: TKind;
  param: string;
  base: string;
  resolve(ctx: Ctx): { id: string; href: string; target: TLogTarget };
  events: [string, string];
}

const ASSIGNEES: TAssignee[] = [
  {
    kind: 'USER',
    param: 'userId',
    base: '/api/v1/users/{userId}/roles',
    resolve: (ctx) => {
      const u = findUser(ctx, ctx.params.userId!);
      return { id: u.id, href: `${ctx.base}/api/v1/users/${u.id}`, target: userTarget(u) };
    },
    events: ['user.account.privilege.grant', 'user.account.privilege.revoke'],
  },
  {
    kind: 'GROUP',
    param: 'groupId',
    base: '/api/v1/groups/{groupId}/roles',
    resolve: (ctx) => {
      const g = findGroup(ctx);
      return { id: g.id, href: `${ctx.base}/api/v1/groups/${g.id}`, target: groupTarget(g) };
    },
    events: ['group.privilege.grant', 'group.privilege.revoke'],
  },
  {
    kind: 'CLIENT',
    param: 'clientId',
    base: '/oauth2/v1/clients/{clientId}/roles',
    resolve: (ctx) => {
      const appId = ctx.org.data.clientIds.get(ctx.params.clientId!);
      const app = appId && ctx.org.app(appId);
      if (!app) throw notFound(`${ctx.params.clientId} (Client)`);
      return {
        id: ctx.params.clientId!,
        href: `${ctx.base}/oauth2/v1/clients/${ctx.params.clientId}`,
        target: { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label },
      };
    },
    events: ['app.oauth2.client.privilege.grant', 'app.oauth2.client.privilege.revoke'],
  },
];

function assigneeRoutes(a: TAssignee): Route[] {
  const found = (ctx: Ctx, table: SeqTable<string, Json>) => {
    const r = table.get(ctx.params.roleAssignmentId!);
    if (!r) throw notFound(`${ctx.params.roleAssignmentId} (RoleAssignment)`);
    return r;
  };
  return [
    route('GET', a.base, 'roles', (ctx) => {
      const who = a.resolve(ctx);
      const direct = [...rolesTable(ctx, a.kind, who.id).values()].map((r) => assignmentJson(ctx, r, who.href));
      return ok(a.kind === 'USER' ? [...direct, ...inheritedRoles(ctx, who.id)] : direct);
    }),
    route('POST', a.base, 'roles', (ctx) => {
      const who = a.resolve(ctx);
      const table = rolesTable(ctx, a.kind, who.id);
      const assignment = newAssignment(ctx, a.kind, ctx.body, iso(ctx.now));
      const same = [...table.values()].find(
        (r) =>
          r.type === assignment.type && r.role === assignment.role && r['resource-set'] === assignment['resource-set'],
      );
      if (same) throw validation('type', 'type: The role is already assigned');
      table.set(assignment.id, assignment);
      audit(ctx, a.events[0], who.target);
      return created(assignmentJson(ctx, assignment, who.href));
    }),
    route('GET', `${a.base}/{roleAssignmentId}`, 'roles', (ctx) => {
      const who = a.resolve(ctx);
      return ok(assignmentJson(ctx, found(ctx, rolesTable(ctx, a.kind, who.id)), who.href));
    }),
    route('DELETE', `${a.base}/{roleAssignmentId}`, 'roles', (ctx) => {
      const who = a.resolve(ctx);
      const table = rolesTable(ctx, a.kind, who.id);
      table.delete(found(ctx, table).id);
      audit(ctx, a.events[1], who.target);
      return noContent();
    }),
  ];
}

/** Groups that hold admin roles (few): their members hold those roles too. */
function adminGroups(ctx: Ctx): Set<string> {
  const groups = new Set<string>();
  for (const id of ctx.org.data.table('groups').keys()) if (rolesTable(ctx, 'GROUP', id).size) groups.add(id);
  return groups;
}

/** A user's roles held through groups, as Okta lists them: `assignmentType: GROUP`, assignee the group. */
function inheritedRoles(ctx: Ctx, userId: string) {
  const groups = ctx.org.data.userGroups.get(userId) ?? new Set<string>();
  return [...adminGroups(ctx)]
    .filter((g) => groups.has(g))
    .flatMap((g) =>
      [...rolesTable(ctx, 'GROUP', g).values()].map((r) => assignmentJson(ctx, r, `${ctx.base}/api/v1/groups/${g}`)),
    );
}

/** `GET /api/v1/iam/assignees/users`: users holding a role, directly or through a group; `{value, _links.next}`. */
function usersWithRoles(ctx: Ctx): Reply {
  const limit = parseLimit(ctx, { default: 100, max: 100 });
  const groups = adminGroups(ctx);
  const holds = (id: string) =>
    rolesTable(ctx, 'USER', id).size > 0 || [...(ctx.org.data.userGroups.get(id) ?? [])].some((g) => groups.has(g));
  const page = ctx.org.data.users.page(parseAfter(ctx), limit, (u) => holds(u.id));
  const value = page.rows.map((u) => ({
    id: u.id,
    orn: `orn:okta:idp:${ctx.org.refs.orgId}:users:${u.id}`,
    displayName: userDisplayName(u),
    _links: { self: link(`${ctx.base}/api/v1/users/${u.id}`), roles: link(`${ctx.base}/api/v1/users/${u.id}/roles`) },
  }));
  const next = `${ctx.base}/api/v1/iam/assignees/users?after=${encodeCursor(page.last)}&limit=${limit}`;
  return ok({ value, _links: page.more ? { next: link(next) } : {} });
}

export const roleAssignmentRoutes: Route[] = [
  ...ASSIGNEES.flatMap(assigneeRoutes),
  route('GET', '/api/v1/iam/assignees/users', 'roles', usersWithRoles),
];
