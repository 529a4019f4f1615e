import { SCOPE } from '../auth/scopes.ts';
import { numericId } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { findGroup, findUser } from '../store/world.ts';
import { badRequest, duplicate, notFound, ownCustomer, required, type TDirCtx } from './context.ts';
import { findOu } from './orgunits.ts';
import { directoryPage } from './paging.ts';
import { listOf, present } from './present.ts';

export const ROLE_READ = [SCOPE.roles, SCOPE.rolesRead];
export const ROLE_WRITE = [SCOPE.roles];

const actor = (ctx: TDirCtx) => ({ email: ctx.caller.user.primaryEmail, profileId: ctx.caller.user.id });
const showRole = (r: TObj) => present('admin#directory#role', r);
const showAssignment = (a: TObj) => present('admin#directory#roleAssignment', a);

function roleOf(ctx: TDirCtx): TObj {
  const r = ownCustomer(ctx, ctx.params[0]).roles.get(ctx.params[1]!);
  if (!r) throw notFound('roleId');
  return r;
}

/** `roles.list`: ≤100 a page, by roleId. */
export function listRoles(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const roles = [...c.roles.values()].sort((a, b) => String(a.roleId).localeCompare(String(b.roleId)));
  const { page, nextPageToken } = directoryPage(roles, ctx.url, 100, 100, 'roles');
  return listOf('admin#directory#roles', 'items', page.map(showRole), nextPageToken);
}

export const getRole = (ctx: TDirCtx) => showRole(roleOf(ctx));

function privileges(body: TObj) {
  const p = body.rolePrivileges;
  if (!Array.isArray(p) || p.length === 0) throw badRequest('Invalid Input: rolePrivileges');
  for (const x of p)
    if (typeof x?.privilegeName !== 'string' || typeof x?.serviceId !== 'string')
      throw badRequest('Invalid Input: rolePrivileges');
  return p.map((x: TObj) => ({ privilegeName: x.privilegeName, serviceId: x.serviceId }));
}

/** `roles.insert`: a custom role (names are unique). */
export function insertRole(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const roleName = required(ctx.body, 'roleName');
  if ([...c.roles.values()].some((r) => r.roleName === roleName)) throw duplicate('Role name already exists');
  const r: TObj = {
    roleId: numericId(16),
    roleName,
    roleDescription: typeof ctx.body.roleDescription === 'string' ? ctx.body.roleDescription : '',
    rolePrivileges: privileges(ctx.body),
    isSystemRole: false,
    isSuperAdminRole: false,
  };
  c.roles.set(r.roleId as string, r);
  recordActivity(ctx.deps, c, actor(ctx), 'DELEGATED_ADMIN_SETTINGS', 'CREATE_ROLE', { ROLE_NAME: roleName });
  return showRole(r);
}

export function updateRole(ctx: TDirCtx) {
  const r = roleOf(ctx);
  if (r.isSystemRole) throw badRequest('Cannot modify a system role');
  if (typeof ctx.body.roleName === 'string') r.roleName = ctx.body.roleName;
  if (typeof ctx.body.roleDescription === 'string') r.roleDescription = ctx.body.roleDescription;
  if (ctx.body.rolePrivileges !== undefined) r.rolePrivileges = privileges(ctx.body);
  recordActivity(ctx.deps, ctx.caller.customer, actor(ctx), 'DELEGATED_ADMIN_SETTINGS', 'UPDATE_ROLE', {
    ROLE_NAME: String(r.roleName),
  });
  return showRole(r);
}

export function deleteRole(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const r = roleOf(ctx);
  if (r.isSystemRole) throw badRequest('Cannot delete a system role');
  if ([...c.roleAssignments.values()].some((a) => a.roleId === r.roleId)) throw badRequest('Role is assigned');
  c.roles.delete(r.roleId as string);
  recordActivity(ctx.deps, c, actor(ctx), 'DELEGATED_ADMIN_SETTINGS', 'DELETE_ROLE', { ROLE_NAME: String(r.roleName) });
  return undefined;
}

/** `roleAssignments.list`: ≤200 a page; `roleId` or `userKey` narrows it. */
export function listRoleAssignments(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const q = ctx.url.searchParams;
  const roleId = q.get('roleId');
  const userKey = q.get('userKey');
  if (roleId && userKey) throw badRequest('Invalid Input: roleId and userKey are exclusive');
  const userId = userKey ? findUser(c, userKey)?.id : undefined;
  if (userKey && !userId) throw notFound('userKey');
  const items = [...c.roleAssignments.values()]
    .filter((a) => (!roleId || a.roleId === roleId) && (!userId || a.assignedTo === userId))
    .sort((a, b) => String(a.roleAssignmentId).localeCompare(String(b.roleAssignmentId)));
  const { page, nextPageToken } = directoryPage(items, ctx.url, 100, 200, `ra:${roleId}:${userId}`);
  return listOf('admin#directory#roleAssignments', 'items', page.map(showAssignment), nextPageToken);
}

export function getRoleAssignment(ctx: TDirCtx) {
  const a = ownCustomer(ctx, ctx.params[0]).roleAssignments.get(ctx.params[1]!);
  if (!a) throw notFound('roleAssignmentId');
  return showAssignment(a);
}

/** Keeps `isAdmin` true exactly for users holding the super-admin role. */
function syncSuperAdmin(ctx: TDirCtx, userId: string) {
  const c = ctx.caller.customer;
  const u = c.users.get(userId);
  if (!u) return;
  u.isAdmin = [...c.roleAssignments.values()].some(
    (a) => a.assignedTo === userId && c.roles.get(String(a.roleId))?.isSuperAdminRole,
  );
  u.isDelegatedAdmin = [...c.roleAssignments.values()].some(
    (a) => a.assignedTo === userId && !c.roles.get(String(a.roleId))?.isSuperAdminRole,
  );
}

/** `roleAssignments.insert`: a role to a user or group id, customer-wide or on an org unit. */
export function insertRoleAssignment(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const roleId = String(ctx.body.roleId ?? '');
  if (!c.roles.has(roleId)) throw badRequest('Invalid Input: roleId');
  const assignedTo = required(ctx.body, 'assignedTo');
  const user = c.users.get(assignedTo);
  const group = user ? undefined : findGroup(c, assignedTo);
  if (!user && !group) throw badRequest('Invalid Input: assignedTo');
  const scopeType = String(ctx.body.scopeType ?? 'CUSTOMER');
  if (scopeType !== 'CUSTOMER' && scopeType !== 'ORG_UNIT') throw badRequest('Invalid Input: scopeType');
  const orgUnitId = scopeType === 'ORG_UNIT' ? String(ctx.body.orgUnitId ?? '') : undefined;
  if (orgUnitId !== undefined && !findOu(c, orgUnitId.startsWith('id:') ? orgUnitId : `id:${orgUnitId}`))
    throw badRequest('Invalid Input: orgUnitId');
  const id = user?.id ?? (group!.id as string);
  const same = [...c.roleAssignments.values()].some(
    (a) =>
      a.roleId === roleId &&
      a.assignedTo === id &&
      a.scopeType === scopeType &&
      a.orgUnitId === orgUnitId?.replace(/^id:/, ''),
  );
  if (same) throw duplicate('Role assignment already exists for the role');
  const a: TObj = {
    roleAssignmentId: numericId(16),
    roleId,
    assignedTo: id,
    assigneeType: user ? 'user' : 'group',
    scopeType,
    ...(orgUnitId ? { orgUnitId: orgUnitId.replace(/^id:/, '') } : {}),
  };
  c.roleAssignments.set(a.roleAssignmentId as string, a);
  syncSuperAdmin(ctx, id);
  recordActivity(ctx.deps, c, actor(ctx), 'DELEGATED_ADMIN_SETTINGS', 'ASSIGN_ROLE', {
    ROLE_NAME: String(c.roles.get(roleId)!.roleName),
    USER_EMAIL: String(user?.primaryEmail ?? group!.email),
  });
  return showAssignment(a);
}

export function deleteRoleAssignment(ctx: TDirCtx) {
  const c = ownCustomer(ctx, ctx.params[0]);
  const a = c.roleAssignments.get(ctx.params[1]!);
  if (!a) throw notFound('roleAssignmentId');
  c.roleAssignments.delete(ctx.params[1]!);
  syncSuperAdmin(ctx, String(a.assignedTo));
  recordActivity(ctx.deps, c, actor(ctx), 'DELEGATED_ADMIN_SETTINGS', 'UNASSIGN_ROLE', {
    ROLE_NAME: String(c.roles.get(String(a.roleId))?.roleName ?? a.roleId),
    USER_EMAIL: String(
      c.users.get(String(a.assignedTo))?.primaryEmail ?? c.groups.get(String(a.assignedTo))?.email ?? a.assignedTo,
    ),
  });
  return undefined;
}
