import type { SimUser } from '../../model/types.ts';
import { iso } from '../../okta/time.ts';
import { userDisplayName, userJson } from '../../okta/users.ts';
import { addMember, isEveryone, removeMember, type TMember } from '../../store/memberships.ts';
import { type Ctx, created, noContent, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';
import { findGroup, groupTarget } from './groups.ts';
import { findUser, userTarget } from './user-refs.ts';

const MEMBER_LIMITS = { default: 1000, max: 1000 };

/** Members of a group; Everyone's are every user, paged straight from the users table. */
function listMembers(ctx: Ctx): Reply {
  const group = findGroup(ctx);
  const { users } = ctx.org.data;
  if (isEveryone(ctx.org.data, group.id)) return pageOf(ctx, users, MEMBER_LIMITS, (u) => userJson(u, ctx.base));
  const render = (_m: TMember, userId: string) => userJson(users.get(userId)!, ctx.base);
  return pageOf(ctx, ctx.org.data.table<TMember>(`members:${group.id}`), MEMBER_LIMITS, render);
}

function changeMember(add: boolean) {
  return (ctx: Ctx): Reply => {
    const group = findGroup(ctx);
    const user = findUser(ctx, ctx.params.userId!);
    if (group.type !== 'OKTA_GROUP')
      throw validation('type', `type: Members of a ${group.type} group are managed by Okta`);
    const data = ctx.org.data;
    const changed = add ? addMember(data, group.id, user.id, ctx.now) : removeMember(data, group.id, user.id, ctx.now);
    if (changed)
      audit(
        ctx,
        add ? 'group.user_membership.add' : 'group.user_membership.remove',
        userTarget(user),
        groupTarget(group),
      );
    return noContent();
  };
}

/** Group owners (`GroupOwner`): users or groups, with the display name Okta resolves for them. */
function ownerJson(ctx: Ctx, owner: { id: string; type: string; lastUpdated: number }) {
  const user: SimUser | undefined = owner.type === 'USER' ? ctx.org.data.users.get(owner.id) : undefined;
  const group = owner.type === 'GROUP' ? ctx.org.data.table('groups').get(owner.id) : undefined;
  return {
    id: owner.id,
    type: owner.type,
    resolved: true,
    originId: null,
    originType: 'OKTA_DIRECTORY',
    displayName: user ? userDisplayName(user) : (group?.profile.name ?? 'unknown'),
    lastUpdated: iso(owner.lastUpdated),
  };
}

type TOwner = { id: string; type: string; lastUpdated: number };

function listOwners(ctx: Ctx): Reply {
  const group = findGroup(ctx);
  return pageOf(ctx, ctx.org.data.table<TOwner>(`owners:${group.id}`), MEMBER_LIMITS, (o) => ownerJson(ctx, o));
}

function addOwner(ctx: Ctx): Reply {
  const group = findGroup(ctx);
  const { id, type = 'USER' } = ctx.body;
  if (type !== 'USER' && type !== 'GROUP') throw validation('type', 'type: Must be USER or GROUP');
  const exists = type === 'USER' ? ctx.org.data.users.has(id) : ctx.org.data.table('groups').has(id);
  if (!exists) throw notFound(`${id} (${type})`);
  const owner = { id, type, lastUpdated: ctx.now };
  ctx.org.data.table<TOwner>(`owners:${group.id}`).set(id, owner);
  audit(ctx, 'group.owner.add', groupTarget(group), {
    id,
    type: type === 'USER' ? 'User' : 'UserGroup',
    alternateId: id,
    displayName: ownerJson(ctx, owner).displayName,
  });
  return created(ownerJson(ctx, owner));
}

function removeOwner(ctx: Ctx): Reply {
  const group = findGroup(ctx);
  const owners = ctx.org.data.table<TOwner>(`owners:${group.id}`);
  const owner = owners.get(ctx.params.ownerId!);
  if (!owner) throw notFound(`${ctx.params.ownerId} (GroupOwner)`);
  owners.delete(owner.id);
  audit(ctx, 'group.owner.remove', groupTarget(group), {
    id: owner.id,
    type: owner.type === 'USER' ? 'User' : 'UserGroup',
    alternateId: owner.id,
    displayName: ownerJson(ctx, owner).displayName,
  });
  return noContent();
}

export const groupMemberRoutes: Route[] = [
  route('GET', '/api/v1/groups/{groupId}/users', 'groups', listMembers),
  route('PUT', '/api/v1/groups/{groupId}/users/{userId}', 'groups', changeMember(true)),
  route('DELETE', '/api/v1/groups/{groupId}/users/{userId}', 'groups', changeMember(false)),
  route('GET', '/api/v1/groups/{groupId}/owners', 'groups', listOwners),
  route('POST', '/api/v1/groups/{groupId}/owners', 'groups', addOwner),
  route('DELETE', '/api/v1/groups/{groupId}/owners/{ownerId}', 'groups', removeOwner),
];
