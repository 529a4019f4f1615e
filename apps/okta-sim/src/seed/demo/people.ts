import { oktaId } from '../../model/ids.ts';
import type { SimUser, TOktaUserStatus } from '../../model/types.ts';
import type { TBuild } from '../build.ts';
import { userSchema } from '../defaults/directory.ts';
import { CITIES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, TEAMS } from './names.ts';
import { mixer, pick } from './random.ts';

export interface TStaff {
  login: string;
  firstName: string;
  lastName: string;
  department: string;
  title: string;
  role?: string;
}

/** The people every seeded org has: its admins (the first is the demo user) and two service accounts. */
export function staffOf(org: string, lead: { first: string; last: string; login: string }): TStaff[] {
  const at = (name: string) => `${name}@${org}.test`;
  return [
    {
      login: lead.login,
      firstName: lead.first,
      lastName: lead.last,
      department: 'IT',
      title: 'IT Director',
      role: 'SUPER_ADMIN',
    },
    {
      login: at('omar.ortiz'),
      firstName: 'Omar',
      lastName: 'Ortiz',
      department: 'IT',
      title: 'Security Engineer',
      role: 'SUPER_ADMIN',
    },
    {
      login: at('ivan.ito'),
      firstName: 'Ivan',
      lastName: 'Ito',
      department: 'IT',
      title: 'Systems Administrator',
      role: 'ORG_ADMIN',
    },
    {
      login: at('hana.hale'),
      firstName: 'Hana',
      lastName: 'Hale',
      department: 'IT',
      title: 'Application Administrator',
      role: 'APP_ADMIN',
    },
    {
      login: at('raj.rao'),
      firstName: 'Raj',
      lastName: 'Rao',
      department: 'Customer Support',
      title: 'Support Manager',
      role: 'HELP_DESK_ADMIN',
    },
    {
      login: at('mia.moss'),
      firstName: 'Mia',
      lastName: 'Moss',
      department: 'Finance',
      title: 'Internal Auditor',
      role: 'READ_ONLY_ADMIN',
    },
  ];
}

export interface TPeople {
  /** Staff by login. */
  staff: Map<string, SimUser>;
  /** Staff user id → the standard admin role they hold. */
  roles: Map<string, string>;
  contractorType: string;
  serviceType: string;
  serviceAccounts: { api: SimUser; scim: SimUser };
}

function addPerson(
  b: TBuild,
  user: Omit<SimUser, 'created' | 'lastUpdated' | 'activated' | 'statusChanged' | 'passwordChanged' | 'lastLogin'>,
  minute: number,
): SimUser {
  const t = b.ms + minute * 60_000;
  const active = user.status !== 'STAGED';
  return b.org.data.addUser({
    ...user,
    created: t,
    activated: active ? t : null,
    statusChanged: active ? t : null,
    lastLogin: null,
    lastUpdated: t,
    passwordChanged: user.passwordHash ? t : null,
  });
}

/** User types, the profile schema's custom attributes, staff and service accounts. */
export function seedStaff(b: TBuild, staff: TStaff[], hashes: { lead: string; staff: string }): TPeople {
  const { org } = b;
  const contractorType = b.put('userTypes', 'oty', {
    displayName: 'Contractor',
    name: 'contractor',
    description: 'External contractors',
    createdBy: org.refs.orgId,
    lastUpdatedBy: org.refs.orgId,
    default: false,
  }).id;
  const serviceType = b.put('userTypes', 'oty', {
    displayName: 'Service Account',
    name: 'serviceAccount',
    description: 'Non-human accounts that own API tokens and integrations',
    createdBy: org.refs.orgId,
    lastUpdatedBy: org.refs.orgId,
    default: false,
  }).id;
  const defaultSchema = org.data.singletons.get(`userSchema:${org.refs.userType}`)!;
  const custom = {
    department: {
      title: 'Department',
      type: 'string',
      mutability: 'READ_WRITE',
      scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_ONLY' }],
      master: { type: 'PROFILE_MASTER' },
    },
    title: {
      title: 'Title',
      type: 'string',
      mutability: 'READ_WRITE',
      scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_ONLY' }],
      master: { type: 'PROFILE_MASTER' },
    },
    team: {
      title: 'Team',
      type: 'string',
      mutability: 'READ_WRITE',
      scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_ONLY' }],
      master: { type: 'PROFILE_MASTER' },
    },
    employeeType: {
      title: 'Employee type',
      type: 'string',
      enum: ['Employee', 'Contractor', 'Service'],
      oneOf: [
        { const: 'Employee', title: 'Employee' },
        { const: 'Contractor', title: 'Contractor' },
        { const: 'Service', title: 'Service' },
      ],
      mutability: 'READ_WRITE',
      scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_ONLY' }],
      master: { type: 'PROFILE_MASTER' },
    },
    employeeNumber: {
      title: 'Employee number',
      type: 'string',
      mutability: 'READ_WRITE',
      scope: 'NONE',
      unique: 'UNIQUE_VALIDATED',
      permissions: [{ principal: 'SELF', action: 'HIDE' }],
      master: { type: 'PROFILE_MASTER' },
    },
    city: {
      title: 'City',
      type: 'string',
      mutability: 'READ_WRITE',
      scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_WRITE' }],
      master: { type: 'PROFILE_MASTER' },
    },
    countryCode: {
      title: 'Country code',
      type: 'string',
      mutability: 'READ_WRITE',
      scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_WRITE' }],
      master: { type: 'PROFILE_MASTER' },
    },
  };
  defaultSchema.definitions.custom.properties = custom;
  for (const [typeId, name, title] of [
    [contractorType, 'contractor', 'Contractor'],
    [serviceType, 'serviceAccount', 'Service Account'],
  ] as const) {
    const schema = userSchema(org.url, `osc${typeId.slice(3)}`, b.at(), name, title);
    schema.definitions.custom.properties = structuredClone(custom);
    org.data.singletons.set(`userSchema:${typeId}`, schema);
  }

  const people = new Map<string, SimUser>();
  const roles = new Map<string, string>();
  staff.forEach((s, i) => {
    const profile = {
      login: s.login,
      email: s.login,
      firstName: s.firstName,
      lastName: s.lastName,
      department: s.department,
      title: s.title,
      employeeType: 'Employee',
      employeeNumber: `E${1000 + i}`,
      city: 'San Francisco',
      countryCode: 'US',
    };
    const user = addPerson(
      b,
      {
        id: oktaId(org.ids, '00u'),
        status: 'ACTIVE',
        typeId: org.refs.userType,
        profile,
        passwordHash: i === 0 ? hashes.lead : hashes.staff,
      },
      10 + i,
    );
    people.set(s.login, user);
    if (s.role) roles.set(user.id, s.role);
  });
  const service = (id: string, login: string, title: string) =>
    addPerson(
      b,
      {
        id,
        status: 'ACTIVE',
        typeId: serviceType,
        profile: {
          login,
          email: `it-ops@${org.name}.test`,
          firstName: title,
          lastName: 'Service',
          department: 'IT',
          title: 'Service account',
          employeeType: 'Service',
        },
      },
      30,
    );
  const api = service(org.admin.principal.id, org.admin.principal.alternateId, 'Okta API');
  const scim = service(oktaId(org.ids, '00u'), `svc-scim@${org.name}.test`, 'SCIM Provisioning');
  return { staff: people, roles, contractorType, serviceType, serviceAccounts: { api, scim } };
}

const STATUS_SPREAD: [number, TOktaUserStatus][] = [
  [3, 'DEPROVISIONED'],
  [5, 'SUSPENDED'],
  [7, 'STAGED'],
  [8, 'PROVISIONED'],
  [9, 'LOCKED_OUT'],
  [10, 'PASSWORD_EXPIRED'],
];
const DEPARTMENT_WHEEL = DEPARTMENTS.flatMap((d) => Array.from({ length: d.weight }, () => d));

/**
 * `user1..userN@<org>.test`: realistic names, departments, titles, cities and a spread of
 * statuses (users 1–10 are always ACTIVE so a demo can sign in as them). Built straight into the
 * table with one shared password hash: 100k users in a few seconds.
 */
export function seedGeneratedUsers(b: TBuild, count: number, passwordHash: string, contractorType: string): void {
  const { org } = b;
  const mix = mixer(org.ids, org.name);
  for (let i = 1; i <= count; i++) {
    const dept = pick(DEPARTMENT_WHEEL, mix(i, 1));
    const roll = mix(i, 2) % 100;
    const status: TOktaUserStatus =
      i <= 10 ? 'ACTIVE' : (STATUS_SPREAD.find(([below]) => roll < below)?.[1] ?? 'ACTIVE');
    const contractor = mix(i, 3) % 100 < 8;
    const [city, countryCode] = pick(CITIES, mix(i, 4));
    const login = `user${i}@${org.name}.test`;
    const profile: SimUser['profile'] = {
      login,
      email: login,
      firstName: pick(FIRST_NAMES, mix(i, 5)),
      lastName: pick(LAST_NAMES, mix(i, 6)),
      department: dept.name,
      title: pick(dept.titles, mix(i, 7)),
      employeeType: contractor ? 'Contractor' : 'Employee',
      employeeNumber: `E${100_000 + i}`,
      city,
      countryCode,
    };
    if (dept.name === 'Engineering') profile.team = pick(TEAMS, mix(i, 8));
    const t = b.ms + 86_400_000 + i * 30_000;
    const active = status !== 'STAGED';
    org.data.addUser({
      id: oktaId(org.ids, '00u'),
      status,
      typeId: contractor ? contractorType : org.refs.userType,
      created: t,
      activated: active ? t : null,
      statusChanged: status === 'ACTIVE' ? (active ? t : null) : t + 3_600_000,
      lastLogin: status === 'ACTIVE' ? t + (mix(i, 9) % 1_000_000) * 1000 : null,
      lastUpdated: t + 3_600_000,
      passwordChanged: status === 'STAGED' || status === 'PROVISIONED' ? null : t,
      profile,
      ...(status === 'STAGED' || status === 'PROVISIONED' ? {} : { passwordHash }),
    });
  }
}
