import { applyRules } from '../../store/group-rules.ts';
import { addMember } from '../../store/memberships.ts';
import type { TBuild } from '../build.ts';
import { DEPARTMENTS, TEAMS } from './names.ts';
import type { TPeople } from './people.ts';

export type TGroups = Map<string, string>;

/**
 * Groups of a seeded org and the rules that fill most of them: a group per department and per
 * engineering team (attribute rules), "All Engineering" built from the team groups
 * (`isMemberOfAnyGroup`, so nested through rules), Contractors and Managers, plus hand-managed
 * groups (admins, IT support, VPN users) and a draft rule left INACTIVE.
 */
export function seedGroups(b: TBuild, people: TPeople): TGroups {
  const groups: TGroups = new Map();
  const group = (name: string, description: string, minutes: number) => {
    const g = b.put(
      'groups',
      '00g',
      {
        lastMembershipUpdated: b.at(minutes),
        objectClass: ['okta:user_group'],
        type: 'OKTA_GROUP',
        profile: { name, description },
      },
      minutes,
    );
    groups.set(name, g.id);
    return g.id;
  };
  const rule = (name: string, expression: string, targets: string[], minutes: number, status = 'ACTIVE') =>
    b.put(
      'groupRules',
      '0pr',
      {
        type: 'group_rule',
        status,
        name,
        conditions: {
          people: { users: { exclude: [] }, groups: { exclude: [] } },
          expression: { value: expression, type: 'urn:okta:expression:1.0' },
        },
        actions: { assignUserToGroups: { groupIds: targets } },
      },
      minutes,
    );

  DEPARTMENTS.forEach((d, i) => {
    const id = group(d.name, `Everyone in ${d.name}`, 100 + i);
    rule(`Department: ${d.name}`, `user.department=="${d.name}"`, [id], 200 + i);
  });
  const teams = TEAMS.map((t, i) => {
    const id = group(`Engineering - ${t}`, `${t} engineering team`, 120 + i);
    rule(`Team: ${t}`, `user.department=="Engineering" && user.team=="${t}"`, [id], 220 + i);
    return id;
  });
  const allEngineering = group('All Engineering', 'Members of every engineering team', 130);
  rule('All Engineering', `isMemberOfAnyGroup(${teams.map((t) => `"${t}"`).join(', ')})`, [allEngineering], 230);
  rule('Contractors', 'user.employeeType=="Contractor"', [group('Contractors', 'External contractors', 131)], 231);
  rule(
    'Managers',
    'String.stringContains(user.title, "Manager") || String.stringContains(user.title, "Director")',
    [group('Managers', 'People managers', 132)],
    232,
  );
  rule('Interns (draft)', 'user.title=="Intern"', [group('Interns', 'Summer interns', 133)], 233, 'INACTIVE');

  const okAdmins = group('Okta Admins', 'Administrators of this Okta org', 140);
  const itSupport = group('IT Support', 'Help desk staff', 141);
  const vpnUsers = group('VPN Users', 'Allowed to use the corporate VPN', 142);
  const data = b.org.data;
  const at = b.ms + 150 * 60_000;
  for (const user of people.staff.values()) addMember(data, okAdmins, user.id, at);
  applyRules(data, at);

  // Hand-managed memberships: some support staff in IT Support, every 7th active user on the VPN.
  let n = 0;
  for (const user of data.users.values()) {
    n++;
    if (user.status !== 'ACTIVE') continue;
    if (user.profile.department === 'Customer Support' && n % 5 === 0) addMember(data, itSupport, user.id, at);
    if (n % 7 === 0) addMember(data, vpnUsers, user.id, at);
  }
  const owner = (groupName: string, login: string) => {
    const user = people.staff.get(login);
    const id = groups.get(groupName);
    if (user && id) data.table(`owners:${id}`).set(user.id, { id: user.id, type: 'USER', lastUpdated: at });
  };
  const [lead, omar, ivan, , raj] = [...people.staff.keys()];
  owner('Okta Admins', lead!);
  owner('Okta Admins', omar!);
  owner('IT Support', raj!);
  owner('VPN Users', ivan!);
  return groups;
}

export const groupIds = (groups: TGroups, ...names: string[]): string[] =>
  names.map((n) => groups.get(n)).filter((id): id is string => Boolean(id));
