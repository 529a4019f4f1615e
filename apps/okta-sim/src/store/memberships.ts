import type { Json } from '../model/types.ts';
import type { OrgData } from './org-data.ts';

/**
 * Group memberships and the app assignments they imply, kept consistent in one place.
 *
 * Tables: `members:<groupId>` (user id → {id, at}), `appGroups:<appId>` (group id → assignment),
 * `groupApps:<groupId>` (app id → app id), `appUsers:<appId>` (user id → assignment). As in Okta, a
 * group assigned to an app makes each member an app user with scope GROUP; removing the last
 * group that grants the app removes that app user. The BUILT_IN Everyone group has no stored
 * members: every user is one (see isEveryone).
 *
 * Memory: a seeded org has hundreds of thousands of memberships and group-granted app users, all
 * made at the same moment, so those entries share one frozen value per timestamp (the user id is
 * the table key). Writers replace such a value, never mutate it.
 */
const shared = new Map<number, { member: TMember; grant: TAppUser; iso: string }>();
function sharedAt(at: number) {
  let found = shared.get(at);
  if (!found) {
    found = {
      member: Object.freeze({ at }),
      grant: Object.freeze({ scope: 'GROUP' as const, created: at, lastUpdated: at }),
      iso: new Date(at).toISOString(),
    };
    if (shared.size > 1000) shared.clear();
    shared.set(at, found);
  }
  return found;
}
export interface TMember {
  readonly at: number;
}

export interface TAppUser {
  scope: 'USER' | 'GROUP';
  created: number;
  lastUpdated: number;
  /** App-specific profile and credentials (USER assignments may set them). */
  profile?: Json;
  credentials?: Json;
}

export const isEveryone = (data: OrgData, groupId: string) => data.table('groups').get(groupId)?.type === 'BUILT_IN';

export function addMember(data: OrgData, groupId: string, userId: string, at: number): boolean {
  const members = data.table<TMember>(`members:${groupId}`);
  if (isEveryone(data, groupId) || members.has(userId)) return false;
  members.set(userId, sharedAt(at).member);
  const groups = data.userGroups.get(userId) ?? new Set<string>();
  data.userGroups.set(userId, groups);
  groups.add(groupId);
  for (const appId of data.table<string>(`groupApps:${groupId}`).keys()) grantByGroup(data, appId, userId, at);
  touchGroup(data, groupId, at);
  return true;
}

export function removeMember(data: OrgData, groupId: string, userId: string, at: number): boolean {
  if (!data.table<TMember>(`members:${groupId}`).delete(userId)) return false;
  data.userGroups.get(userId)?.delete(groupId);
  for (const appId of data.table<string>(`groupApps:${groupId}`).keys()) revokeIfUngranted(data, appId, userId);
  touchGroup(data, groupId, at);
  return true;
}

export function assignGroup(data: OrgData, appId: string, groupId: string, assignment: Json, at: number): void {
  data.table(`appGroups:${appId}`).set(groupId, assignment);
  data.table<string>(`groupApps:${groupId}`).set(appId, appId);
  const users = isEveryone(data, groupId) ? data.users.keys() : data.table<TMember>(`members:${groupId}`).keys();
  for (const userId of users) grantByGroup(data, appId, userId, at);
}

export function unassignGroup(data: OrgData, appId: string, groupId: string): boolean {
  if (!data.table(`appGroups:${appId}`).delete(groupId)) return false;
  data.table<string>(`groupApps:${groupId}`).delete(appId);
  const users = isEveryone(data, groupId) ? data.users.keys() : data.table<TMember>(`members:${groupId}`).keys();
  for (const userId of [...users]) revokeIfUngranted(data, appId, userId);
  return true;
}

/** Ids of the groups a user belongs to, Everyone included. */
export function groupsOf(data: OrgData, userId: string, everyone: string): string[] {
  return [everyone, ...(data.userGroups.get(userId) ?? [])];
}

/** A new user joins Everyone's apps (Everyone has no stored members to iterate later). */
export function onUserCreated(data: OrgData, userId: string, everyone: string, at: number): void {
  for (const appId of data.table<string>(`groupApps:${everyone}`).keys()) grantByGroup(data, appId, userId, at);
}

/** A deleted user leaves every group and app, and owns no group any more. */
export function forgetUser(data: OrgData, userId: string, at: number): void {
  for (const groupId of [...(data.userGroups.get(userId) ?? [])]) removeMember(data, groupId, userId, at);
  data.userGroups.delete(userId);
  for (const [, table] of data.tablesWith('appUsers:')) table.delete(userId);
  forgetOwner(data, userId);
}

/** A deleted user or group is no group's owner (owners are users or groups). */
export function forgetOwner(data: OrgData, id: string): void {
  for (const [, table] of data.tablesWith('owners:')) table.delete(id);
}

function grantByGroup(data: OrgData, appId: string, userId: string, at: number) {
  const appUsers = data.table<TAppUser>(`appUsers:${appId}`);
  if (!appUsers.has(userId)) appUsers.set(userId, sharedAt(at).grant);
}

function revokeIfUngranted(data: OrgData, appId: string, userId: string) {
  const appUsers = data.table<TAppUser>(`appUsers:${appId}`);
  if (appUsers.get(userId)?.scope !== 'GROUP') return;
  const groups = data.table(`appGroups:${appId}`);
  const stillGranted =
    [...(data.userGroups.get(userId) ?? [])].some((g) => groups.has(g)) ||
    [...groups.keys()].some((g) => isEveryone(data, g));
  if (!stillGranted) appUsers.delete(userId);
}

function touchGroup(data: OrgData, groupId: string, at: number) {
  const group = data.table('groups').get(groupId);
  if (group) group.lastMembershipUpdated = sharedAt(at).iso;
}
