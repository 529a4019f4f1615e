import { SCOPE } from '../auth/scopes.ts';
import { shortId } from '../model/ids.ts';
import type { TCustomer, TObj } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { findGroup, findUser } from '../store/world.ts';
import { defaultGroupSettings } from '../model/group-settings.ts';
import { badRequest, duplicate, notFound, ownCustomer, required, type TDirCtx } from './context.ts';
import { directoryPage } from './paging.ts';
import { listOf, present } from './present.ts';

export const GROUP_READ = [SCOPE.group, SCOPE.groupRead];
export const GROUP_WRITE = [SCOPE.group];
export const MEMBER_READ = [SCOPE.group, SCOPE.groupRead, SCOPE.member, SCOPE.memberRead];
export const MEMBER_WRITE = [SCOPE.group, SCOPE.member];

const actor = (ctx: TDirCtx) => ({ email: ctx.caller.user.primaryEmail, profileId: ctx.caller.user.id });

function presentGroup(c: TCustomer, g: TObj): TObj {
  return present('admin#directory#group', {
    ...g,
    directMembersCount: String(c.members.get(g.id as string)?.size ?? 0),
  });
}

function groupOf(ctx: TDirCtx, key: string): TObj {
  const g = findGroup(ctx.caller.customer, key);
  if (!g) throw notFound('groupKey');
  return g;
}

/** `groups.list` by customer, domain or `userKey` (the groups a user is a direct member of); ≤200 a page. */
export function listGroups(ctx: TDirCtx) {
  const q = ctx.url.searchParams;
  const c = ctx.caller.customer;
  const domain = q.get('domain');
  const userKey = q.get('userKey');
  if (!q.get('customer') && !domain && !userKey) throw badRequest('Bad Request');
  if (q.get('customer')) ownCustomer(ctx, q.get('customer'));
  const memberId = userKey ? (findUser(c, userKey)?.id ?? findGroup(c, userKey)?.id) : undefined;
  if (userKey && !memberId) throw notFound('userKey');
  const groups = [...c.groups.values()]
    .filter((g) => !domain || String(g.email).endsWith(`@${domain}`))
    .filter((g) => !memberId || c.members.get(g.id as string)?.has(memberId as string))
    .sort((a, b) => String(a.email).localeCompare(String(b.email)));
  const { page, nextPageToken } = directoryPage(groups, ctx.url, 200, 200, `groups:${domain}:${memberId}`);
  return listOf(
    'admin#directory#groups',
    'groups',
    page.map((g) => presentGroup(c, g)),
    nextPageToken,
  );
}

export const getGroup = (ctx: TDirCtx) => presentGroup(ctx.caller.customer, groupOf(ctx, ctx.params[0]!));

/** `groups.insert`: a new id (a restore recreates a group under a new id, spec C). */
export function insertGroup(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const email = required(ctx.body, 'email').toLowerCase();
  if (!c.domains.some((d) => email.endsWith(`@${d.domainName}`))) throw badRequest('Invalid Input: email');
  if (findGroup(c, email) || findUser(c, email)) throw duplicate('Entity already exists.');
  const g: TObj = {
    id: shortId(15),
    email,
    name: typeof ctx.body.name === 'string' ? ctx.body.name : email.split('@')[0],
    description: typeof ctx.body.description === 'string' ? ctx.body.description : '',
    adminCreated: true,
    nonEditableAliases: [],
  };
  c.groups.set(g.id as string, g);
  c.members.set(g.id as string, new Map());
  c.groupSettings.set(g.id as string, defaultGroupSettings(g));
  recordActivity(ctx.deps, c, actor(ctx), 'GROUP_SETTINGS', 'CREATE_GROUP', { GROUP_EMAIL: email });
  return presentGroup(c, g);
}

export function updateGroup(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const g = groupOf(ctx, ctx.params[0]!);
  for (const f of ['name', 'description'] as const)
    if (typeof ctx.body[f] === 'string' && ctx.body[f] !== g[f]) {
      recordActivity(ctx.deps, c, actor(ctx), 'GROUP_SETTINGS', 'CHANGE_GROUP_SETTING', {
        GROUP_EMAIL: String(g.email),
        SETTING_NAME: f,
        OLD_VALUE: String(g[f]),
        NEW_VALUE: String(ctx.body[f]),
      });
      g[f] = ctx.body[f];
    }
  return presentGroup(c, g);
}

export function deleteGroup(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const g = groupOf(ctx, ctx.params[0]!);
  const id = g.id as string;
  c.groups.delete(id);
  c.members.delete(id);
  c.groupSettings.delete(id);
  for (const members of c.members.values()) members.delete(id);
  for (const [aid, a] of c.roleAssignments) if (a.assignedTo === id) c.roleAssignments.delete(aid);
  for (const [name, p] of c.policies)
    if ((p.policyQuery as TObj | undefined)?.group === `groups/${id}`) c.policies.delete(name);
  recordActivity(ctx.deps, c, actor(ctx), 'GROUP_SETTINGS', 'DELETE_GROUP', { GROUP_EMAIL: String(g.email) });
  return undefined;
}

const ROLES = ['OWNER', 'MANAGER', 'MEMBER'];

/** `members.list`: ≤200 a page; `roles` filters by comma-separated roles. */
export function listMembers(ctx: TDirCtx) {
  const g = groupOf(ctx, ctx.params[0]!);
  const roles = ctx.url.searchParams
    .get('roles')
    ?.split(',')
    .map((r) => r.trim().toUpperCase());
  const members = [...(ctx.caller.customer.members.get(g.id as string)?.values() ?? [])]
    .filter((m) => !roles || roles.includes(String(m.role)))
    .sort((a, b) => String(a.email).localeCompare(String(b.email)));
  const { page, nextPageToken } = directoryPage(members, ctx.url, 200, 200, `members:${g.id}:${roles}`);
  return listOf(
    'admin#directory#members',
    'members',
    page.map((m) => present('admin#directory#member', m)),
    nextPageToken,
  );
}

function memberOf(ctx: TDirCtx) {
  const g = groupOf(ctx, ctx.params[0]!);
  const members = ctx.caller.customer.members.get(g.id as string)!;
  const key = ctx.params[1]!.toLowerCase();
  const m = members.get(ctx.params[1]!) ?? [...members.values()].find((x) => x.email === key);
  if (!m) throw notFound('memberKey');
  return { g, members, m };
}

export const getMember = (ctx: TDirCtx) => present('admin#directory#member', memberOf(ctx).m);

/** `members.insert`: a user or group of the customer by email or id, or an external address. */
export function insertMember(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const g = groupOf(ctx, ctx.params[0]!);
  const key = typeof ctx.body.id === 'string' ? ctx.body.id : required(ctx.body, 'email');
  const role = String(ctx.body.role ?? 'MEMBER').toUpperCase();
  if (!ROLES.includes(role)) throw badRequest('Invalid Input: role');
  const user = findUser(c, key);
  const group = user ? undefined : findGroup(c, key);
  if (group?.id === g.id) throw badRequest('Invalid Input: memberKey');
  if (!user && !group && !key.includes('@')) throw notFound('memberKey');
  const m: TObj = user
    ? { id: user.id, email: user.primaryEmail, role, type: 'USER', status: user.suspended ? 'SUSPENDED' : 'ACTIVE' }
    : group
      ? { id: group.id, email: group.email, role, type: 'GROUP', status: 'ACTIVE' }
      : { id: shortId(21), email: key.toLowerCase(), role, type: 'USER', status: 'ACTIVE' };
  const members = c.members.get(g.id as string)!;
  if (members.has(m.id as string) || [...members.values()].some((x) => x.email === m.email))
    throw duplicate('Member already exists.');
  m.delivery_settings = 'ALL_MAIL';
  members.set(m.id as string, m);
  recordActivity(ctx.deps, c, actor(ctx), 'GROUP_SETTINGS', 'ADD_GROUP_MEMBER', {
    GROUP_EMAIL: String(g.email),
    USER_EMAIL: String(m.email),
  });
  return present('admin#directory#member', m);
}

export function updateMember(ctx: TDirCtx) {
  const { g, m } = memberOf(ctx);
  if (ctx.body.role !== undefined) {
    const role = String(ctx.body.role).toUpperCase();
    if (!ROLES.includes(role)) throw badRequest('Invalid Input: role');
    if (role !== m.role)
      recordActivity(ctx.deps, ctx.caller.customer, actor(ctx), 'GROUP_SETTINGS', 'UPDATE_GROUP_MEMBER', {
        GROUP_EMAIL: String(g.email),
        USER_EMAIL: String(m.email),
        MEMBER_ROLE: role,
      });
    m.role = role;
  }
  return present('admin#directory#member', m);
}

export function deleteMember(ctx: TDirCtx) {
  const { g, members, m } = memberOf(ctx);
  members.delete(m.id as string);
  recordActivity(ctx.deps, ctx.caller.customer, actor(ctx), 'GROUP_SETTINGS', 'REMOVE_GROUP_MEMBER', {
    GROUP_EMAIL: String(g.email),
    USER_EMAIL: String(m.email),
  });
  return undefined;
}
