import type { Role } from '../permissions/matrix.ts';
import { ROLES } from '../permissions/matrix.ts';

/** The column of `directory_syncs` that names each role's Google group (decision 064). */
export const ROLE_GROUP_COLUMNS = {
  super_admin: 'super_admin_group',
  admin: 'admin_group',
  backup_operator: 'backup_operator_group',
  auditor: 'auditor_group',
  read_only: 'read_only_group',
} as const satisfies Record<Role, string>;

/** The default group of each role, on the connection's primary domain. */
export const DEFAULT_GROUP_LOCAL_PARTS = {
  super_admin: 'butterfly-super-admins',
  admin: 'butterfly-admins',
  backup_operator: 'butterfly-backup-operators',
  auditor: 'butterfly-auditors',
  read_only: 'butterfly-read-only',
} as const satisfies Record<Role, string>;

export type RoleGroups = Record<Role, string>;
type GroupColumns = { [K in (typeof ROLE_GROUP_COLUMNS)[Role]]: string | null };

/** Each role's group: the one the tenant named, or the default on the primary domain. */
export function roleGroupsOf(row: Partial<GroupColumns> | undefined, primaryDomain: string): RoleGroups {
  return Object.fromEntries(
    ROLES.map((r) => [r, row?.[ROLE_GROUP_COLUMNS[r]] ?? `${DEFAULT_GROUP_LOCAL_PARTS[r]}@${primaryDomain}`]),
  ) as RoleGroups;
}

/** A Google user as the sync sees it. */
export interface DirectoryUser {
  googleId: string;
  email: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  /** Not suspended and not archived. */
  active: boolean;
}

/** A member of a Google group: a user, a nested group, or the whole customer. */
export interface GroupMember {
  id: string;
  type: string;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** A Directory API user body; undefined when it has no id or primary email (nothing to key on). */
export function toDirectoryUser(body: unknown): DirectoryUser | undefined {
  const b = (body ?? {}) as Record<string, unknown>;
  const name = (b.name ?? {}) as Record<string, unknown>;
  const googleId = str(b.id);
  const email = str(b.primaryEmail)?.toLowerCase();
  if (!googleId || !email) return undefined;
  return {
    googleId,
    email,
    givenName: str(name.givenName),
    familyName: str(name.familyName),
    displayName: str(name.fullName),
    active: b.suspended !== true && b.archived !== true,
  };
}

/**
 * Each user's role: the highest role whose group holds the user, directly or through nested groups
 * (a `CUSTOMER` member stands for every user). A user in none of the five groups has no role: the
 * sync does not give such a user access. `members` holds the members of every group read, by group id.
 */
export function rolesByUser(
  groups: RoleGroups,
  groupIdByEmail: ReadonlyMap<string, string>,
  members: ReadonlyMap<string, readonly GroupMember[]>,
  allUserIds: readonly string[],
): Map<string, Role> {
  const out = new Map<string, Role>();
  // ROLES is ordered highest first: the first role to claim a user wins.
  for (const role of ROLES) {
    const root = groupIdByEmail.get(groups[role].toLowerCase());
    if (!root) continue;
    for (const id of usersUnder(root, members, allUserIds)) if (!out.has(id)) out.set(id, role);
  }
  return out;
}

function usersUnder(root: string, members: ReadonlyMap<string, readonly GroupMember[]>, all: readonly string[]) {
  const users = new Set<string>();
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    for (const m of members.get(queue.shift()!) ?? []) {
      const type = m.type.toUpperCase();
      if (type === 'USER') users.add(m.id);
      else if (type === 'CUSTOMER') for (const id of all) users.add(id);
      else if (type === 'GROUP' && !seen.has(m.id)) {
        seen.add(m.id);
        queue.push(m.id);
      }
    }
  }
  return users;
}

/** Nested groups named under the groups read so far whose own members are not read yet. */
export function unreadNestedGroups(members: ReadonlyMap<string, readonly GroupMember[]>): Set<string> {
  const out = new Set<string>();
  for (const list of members.values())
    for (const m of list) if (m.type.toUpperCase() === 'GROUP' && !members.has(m.id)) out.add(m.id);
  return out;
}

/** What the sync knows of a member before its transaction (a hint: the transaction reads it again). */
export interface MemberHint {
  email: string;
  user_name: string;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  role: string;
  active: boolean;
  directory_connection_id: string | null;
}

/**
 * Whether a Google user surely needs no write: nobody to create (no member, no role), or the member
 * this connection manages is already as the directory says. Anything else takes a transaction, which
 * decides on the locked row; this only spares a large directory's unchanged users a round trip each.
 */
export function surelyUnchanged(
  user: DirectoryUser,
  role: Role | null,
  m: MemberHint | undefined,
  connectionId: string,
) {
  const wanted = user.active && role !== null;
  if (!m) return !wanted;
  if (!wanted) return !m.active;
  return (
    m.directory_connection_id === connectionId &&
    m.active &&
    m.role === role &&
    m.email === user.email &&
    m.user_name === user.email &&
    m.given_name === user.givenName &&
    m.family_name === user.familyName &&
    m.display_name === user.displayName
  );
}
