import type { IdpClient } from '../idp/types.ts';
import {
  type DirectoryUser,
  type GroupMember,
  type RoleGroups,
  rolesByUser,
  toDirectoryUser,
  unreadNestedGroups,
} from './directory-sync.fns.ts';
import type { Role } from '../permissions/matrix.ts';

/** How deep nested groups under a role group are followed (Google allows deeper; five is plenty). */
const MAX_NESTING = 5;

export interface DirectoryRead {
  users: DirectoryUser[];
  roles: Map<string, Role>;
  /** The role groups the customer does not have (their roles go to nobody). */
  missingGroups: string[];
}

/**
 * Reads the customer's users and the members of the five role groups through the connector: one
 * listing of users and groups that reads only the role groups' members, then one pass per level of
 * nested groups (only the nested groups' members). The whole read finishes before anything is
 * written, so a read that fails midway changes nothing.
 */
export async function readDirectory(
  client: IdpClient,
  groups: RoleGroups,
  signal?: AbortSignal,
): Promise<DirectoryRead> {
  const wanted = new Set(Object.values(groups).map((g) => g.toLowerCase()));
  const users: DirectoryUser[] = [];
  const groupIdByEmail = new Map<string, string>();
  const members = new Map<string, GroupMember[]>();
  const take = (obj: { type: string; id: string; body: unknown }) => {
    if (obj.type === 'user') {
      const u = toDirectoryUser(obj.body);
      if (u) users.push(u);
    } else if (obj.type === 'group') {
      const email = (obj.body as { email?: unknown }).email;
      if (typeof email === 'string') groupIdByEmail.set(email.toLowerCase(), obj.id);
    } else if (obj.type === 'group.members') {
      const list = ((obj.body as { members?: unknown[] }).members ?? []) as Record<string, unknown>[];
      members.set(
        obj.id,
        list.filter((m) => typeof m.id === 'string').map((m) => ({ id: String(m.id), type: String(m.type ?? 'USER') })),
      );
    }
  };
  const groupEmail = (body: unknown) => String((body as { email?: unknown }).email ?? '').toLowerCase();
  for await (const obj of client.listObjects({
    types: ['user', 'group', 'group.members'],
    signal,
    skipChildren: (child, parent) => child !== 'group.members' || !wanted.has(groupEmail(parent.body)),
  }))
    take(obj);
  for (let depth = 0; depth < MAX_NESTING; depth++) {
    const nested = unreadNestedGroups(members);
    if (!nested.size) break;
    for await (const obj of client.listObjects({
      types: ['group.members'],
      signal,
      skipChildren: (child, parent) => child !== 'group.members' || !nested.has(parent.id),
    }))
      take(obj);
    // A nested group that is gone (or another customer's) has no members to read: never ask again.
    for (const id of nested) if (!members.has(id)) members.set(id, []);
  }
  const roles = rolesByUser(
    groups,
    groupIdByEmail,
    members,
    users.map((u) => u.googleId),
  );
  const missingGroups = Object.values(groups).filter((g) => !groupIdByEmail.has(g.toLowerCase()));
  return { users, roles, missingGroups };
}
