import { accountId, numericId, shortId } from '../model/ids.ts';
import { newUser } from '../model/user.ts';
import type { TCustomer, TObj, TUser } from '../model/types.ts';
import { defaultGroupSettings } from '../model/group-settings.ts';
import { rootOuId } from '../directory/orgunits.ts';

/** Google's system roles the seed creates in every customer (ids fixed per customer). */
const SYSTEM_ROLES: [string, string, boolean][] = [
  ['_SEED_ADMIN_ROLE', 'Google Workspace Administrator Seed Role', true],
  ['_GROUPS_ADMIN_ROLE', 'Groups Administrator', false],
  ['_USER_MANAGEMENT_ADMIN_ROLE', 'User Management Administrator', false],
  ['_HELP_DESK_ADMIN_ROLE', 'Help Desk Administrator', false],
  ['_SERVICE_ADMIN_ROLE', 'Services Administrator', false],
  ['_GROUPS_READER_ROLE', 'Groups Reader', false],
];

/** Builds one customer's directory objects with ids derived from the customer id (same every start). */
export function directoryBuilder(c: TCustomer, created: string) {
  const ouIds: Record<string, string> = { '/': rootOuId(c) };
  const groupIds: Record<string, string> = {};
  const roleIds: Record<string, string> = {};
  let assignment = 0;

  return {
    ouIds,
    groupIds,
    roleIds,
    domain(domainName: string, isPrimary: boolean, verified = true) {
      c.domains.push({ domainName, isPrimary, verified, creationTime: String(Date.parse(created)) });
    },
    alias(domainAliasName: string, parentDomainName: string, verified = true) {
      c.domainAliases.push({ domainAliasName, parentDomainName, verified, creationTime: String(Date.parse(created)) });
    },
    orgUnit(path: string, description = '') {
      const parentPath = path.slice(0, path.lastIndexOf('/')) || '/';
      const id = `id:${shortId(13, c.id, 'ou', path)}`;
      ouIds[path] = id;
      c.orgUnits.set(id, {
        name: path.slice(path.lastIndexOf('/') + 1),
        description,
        orgUnitPath: path,
        orgUnitId: id,
        parentOrgUnitPath: parentPath,
        parentOrgUnitId: ouIds[parentPath],
      });
    },
    user(email: string, givenName: string, familyName: string, fields: Partial<TUser> = {}): TUser {
      const u = newUser(accountId(c.id, 'user', email), c.id, email, created, {
        name: { givenName, familyName, fullName: `${givenName} ${familyName}` },
        lastLoginTime: created,
        agreedToTerms: true,
        isMailboxSetup: true,
        ...fields,
      });
      c.users.set(u.id, u);
      return u;
    },
    group(key: string, email: string, name: string, description: string, settings: TObj = {}) {
      const id = shortId(15, c.id, 'group', email);
      groupIds[key] = id;
      const g: TObj = { id, email, name, description, adminCreated: true, nonEditableAliases: [] };
      c.groups.set(id, g);
      c.members.set(id, new Map());
      c.groupSettings.set(id, { ...defaultGroupSettings(g), ...settings });
      return id;
    },
    member(groupKey: string, who: TUser | string, role = 'MEMBER') {
      const members = c.members.get(groupIds[groupKey]!)!;
      if (typeof who === 'string') {
        const g = c.groups.get(groupIds[who]!)!;
        members.set(g.id as string, {
          id: g.id,
          email: g.email,
          role,
          type: 'GROUP',
          status: 'ACTIVE',
          delivery_settings: 'ALL_MAIL',
        });
      } else
        members.set(who.id, {
          id: who.id,
          email: who.primaryEmail,
          role,
          type: 'USER',
          status: who.suspended ? 'SUSPENDED' : 'ACTIVE',
          delivery_settings: 'ALL_MAIL',
        });
    },
    role(name: string, description: string, privileges: [string, string][], system = false, superAdmin = false) {
      const roleId = numericId(16, c.id, 'role', name);
      roleIds[name] = roleId;
      c.roles.set(roleId, {
        roleId,
        roleName: name,
        roleDescription: description,
        rolePrivileges: privileges.map(([privilegeName, serviceId]) => ({ privilegeName, serviceId })),
        isSystemRole: system,
        isSuperAdminRole: superAdmin,
      });
    },
    systemRoles() {
      for (const [name, description, superAdmin] of SYSTEM_ROLES)
        this.role(
          name,
          description,
          [superAdmin ? ['SUPER_ADMIN', '01ci93xb3tmzyin'] : [name.replace(/^_|_ROLE$/g, ''), '00haapch16h1ysv']],
          true,
          superAdmin,
        );
    },
    assign(roleName: string, to: TUser | string, orgUnitPath?: string) {
      const roleAssignmentId = numericId(16, c.id, 'assignment', assignment++);
      const isUser = typeof to !== 'string';
      c.roleAssignments.set(roleAssignmentId, {
        roleAssignmentId,
        roleId: roleIds[roleName],
        assignedTo: isUser ? to.id : groupIds[to],
        assigneeType: isUser ? 'user' : 'group',
        scopeType: orgUnitPath ? 'ORG_UNIT' : 'CUSTOMER',
        ...(orgUnitPath ? { orgUnitId: ouIds[orgUnitPath]!.replace(/^id:/, '') } : {}),
      });
      if (isUser) {
        if (c.roles.get(roleIds[roleName]!)?.isSuperAdminRole) to.isAdmin = true;
        else to.isDelegatedAdmin = true;
      }
    },
  };
}
