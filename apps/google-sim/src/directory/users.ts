import { SCOPE } from '../auth/scopes.ts';
import { accountId } from '../model/ids.ts';
import { newUser } from '../model/user.ts';
import type { TObj, TUser } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { findUser } from '../store/world.ts';
import { notifyUserChange } from '../watch/notify.ts';
import { badRequest, duplicate, notFound, ownCustomer, required, type TDirCtx } from './context.ts';
import { directoryPage } from './paging.ts';
import { listOf, present } from './present.ts';

export const USER_READ = [SCOPE.user, SCOPE.userRead];
export const USER_WRITE = [SCOPE.user];

export const presentUser = (u: TUser): TObj => present('admin#directory#user', u);

function userOf(ctx: TDirCtx, key: string): TUser {
  const u = findUser(ctx.caller.customer, key);
  if (!u) throw notFound('userKey');
  return u;
}

const actor = (ctx: TDirCtx) => ({ email: ctx.caller.user.primaryEmail, profileId: ctx.caller.user.id });

/** `users.list`: by `customer` (or `domain`), sorted by email, up to 500 a page (default 100). */
export function listUsers(ctx: TDirCtx) {
  const q = ctx.url.searchParams;
  const domain = q.get('domain');
  if (!q.get('customer') && !domain) throw badRequest('Bad Request');
  if (q.get('customer')) ownCustomer(ctx, q.get('customer'));
  if (domain && !ctx.caller.customer.domains.some((d) => d.domainName === domain))
    throw badRequest('Domain not found.');
  if (q.get('query')) throw badRequest('Invalid Input: google-sim does not support users.list query');
  const users = [...ctx.caller.customer.users.values()]
    .filter((u) => !domain || u.primaryEmail.endsWith(`@${domain}`))
    .sort((a, b) => a.primaryEmail.localeCompare(b.primaryEmail));
  const { page, nextPageToken } = directoryPage(users, ctx.url, 100, 500, `users:${domain ?? ''}`);
  return listOf('admin#directory#users', 'users', page.map(presentUser), nextPageToken);
}

export const getUser = (ctx: TDirCtx) => presentUser(userOf(ctx, ctx.params[0]!));

const WRITABLE = [
  'name',
  'suspended',
  'archived',
  'orgUnitPath',
  'changePasswordAtNextLogin',
  'includeInGlobalAddressList',
];

function applyUserFields(ctx: TDirCtx, u: TUser, body: TObj) {
  for (const f of WRITABLE) {
    if (body[f] === undefined) continue;
    if (f === 'orgUnitPath') {
      const path = String(body[f]);
      if (path !== '/' && ![...ctx.caller.customer.orgUnits.values()].some((o) => o.orgUnitPath === path))
        throw badRequest('Invalid Input: OrgUnit');
    }
    if (f === 'name') {
      const n = body.name as TObj;
      const givenName = String(n.givenName ?? u.name.givenName);
      const familyName = String(n.familyName ?? u.name.familyName);
      u.name = { givenName, familyName, fullName: `${givenName} ${familyName}` };
    } else (u as TObj)[f] = body[f];
  }
}

/** `users.insert`: a new account in the caller's customer (password accepted, never stored). */
export function insertUser(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const email = required(ctx.body, 'primaryEmail').toLowerCase();
  if (!c.domains.some((d) => email.endsWith(`@${d.domainName}`))) throw badRequest('Invalid Input: primary_user_email');
  if (findUser(c, email)) throw duplicate('Entity already exists.');
  const name = (ctx.body.name ?? {}) as TObj;
  const u = newUser(accountId(), c.id, email, new Date(ctx.deps.clock()).toISOString());
  applyUserFields(ctx, u, {
    ...ctx.body,
    name: { givenName: name.givenName ?? '', familyName: name.familyName ?? '' },
  });
  c.users.set(u.id, u);
  recordActivity(ctx.deps, c, actor(ctx), 'USER_SETTINGS', 'CREATE_USER', { USER_EMAIL: email });
  notifyUserChange(ctx.deps, c, u, 'add');
  return presentUser(u);
}

/** `users.update`/`users.patch`: name, suspension, archiving, org unit. */
export function updateUser(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const u = userOf(ctx, ctx.params[0]!);
  const before = { suspended: u.suspended, archived: u.archived, orgUnitPath: u.orgUnitPath };
  applyUserFields(ctx, u, ctx.body);
  const p = { USER_EMAIL: u.primaryEmail };
  if (before.suspended !== u.suspended)
    recordActivity(ctx.deps, c, actor(ctx), 'USER_SETTINGS', u.suspended ? 'SUSPEND_USER' : 'UNSUSPEND_USER', p);
  if (before.archived !== u.archived)
    recordActivity(ctx.deps, c, actor(ctx), 'USER_SETTINGS', u.archived ? 'ARCHIVE_USER' : 'UNARCHIVE_USER', p);
  if (before.orgUnitPath !== u.orgUnitPath)
    recordActivity(ctx.deps, c, actor(ctx), 'USER_SETTINGS', 'MOVE_USER_TO_ORG_UNIT', {
      ...p,
      ORG_UNIT_NAME: before.orgUnitPath,
      NEW_VALUE: u.orgUnitPath,
    });
  notifyUserChange(ctx.deps, c, u, 'update');
  return presentUser(u);
}

/** `users.delete`: gone from lists and sign-in; memberships and role assignments go with it. */
export function deleteUser(ctx: TDirCtx) {
  const c = ctx.caller.customer;
  const u = userOf(ctx, ctx.params[0]!);
  c.users.delete(u.id);
  for (const members of c.members.values()) members.delete(u.id);
  for (const [id, a] of c.roleAssignments) if (a.assignedTo === u.id) c.roleAssignments.delete(id);
  recordActivity(ctx.deps, c, actor(ctx), 'USER_SETTINGS', 'DELETE_USER', { USER_EMAIL: u.primaryEmail });
  notifyUserChange(ctx.deps, c, u, 'delete');
  return undefined;
}
