import { READ_SCOPES, WRITE_SCOPES } from '../auth/scopes.ts';
import { accountId, shortId } from '../model/ids.ts';
import type { TUser } from '../model/types.ts';
import { emptyCustomer, type World } from '../store/world.ts';
import { directoryBuilder } from './directory.ts';
import { personAt } from './names.ts';
import { seedDemoPolicies, seedOtherPolicies } from './policies.ts';
import { BACKUP_SA, READ_ONLY_SA } from './service-accounts.ts';

const CREATED = '2024-09-02T09:00:00.000Z';

/** Fixed, so other apps, tests and docs can name them. Secrets are for a local simulator only. */
export const DEMO = {
  customerId: 'C01b7tf1y',
  domain: 'butterfly-demo.test',
  secondaryDomain: 'butterfly-labs.test',
  unverifiedDomain: 'unverified-butterfly.test',
  aliasDomain: 'butterfly-demo-alias.test',
  users: 200,
  superAdmins: 9,
  admin: 'admin@butterfly-demo.test',
  member: 'mia.member@butterfly-demo.test',
  suspended: 'sam.suspended@butterfly-demo.test',
  archived: 'arlo.archived@butterfly-demo.test',
  /** A delegated (not super) admin: admin APIs answer 403 for it. */
  helpdesk: 'hana.helpdesk@butterfly-demo.test',
  roleGroups: [
    'butterfly-super-admins@butterfly-demo.test',
    'butterfly-admins@butterfly-demo.test',
    'butterfly-backup-operators@butterfly-demo.test',
    'butterfly-auditors@butterfly-demo.test',
    'butterfly-read-only@butterfly-demo.test',
  ],
  backup: { email: BACKUP_SA.email, clientId: BACKUP_SA.clientId, keyId: BACKUP_SA.privateKeyId },
  readOnly: { email: READ_ONLY_SA.email, clientId: READ_ONLY_SA.clientId, keyId: READ_ONLY_SA.privateKeyId },
  signIn: {
    clientId: '104729384756-butterflysim.apps.googleusercontent.com',
    secret: 'GOCSPX-google-sim-signin-secret',
  },
  other: { customerId: 'C02ot4er9', domain: 'other-customer.test', admin: 'admin@other-customer.test' },
  consumers: {
    gmail: 'demo.consumer@gmail.test',
    /** A consumer account on the demo's own domain (an unmanaged conflicting account): no `hd`. */
    unmanaged: 'pat.unmanaged@butterfly-demo.test',
    unverified: 'unverified.consumer@gmail.test',
  },
} as const;

const SUPER_ADMINS: [string, string, string, string][] = [
  ['admin', 'Ada', 'Admin', '/'],
  ['it.ops', 'Ivo', 'Ops', '/IT'],
  ['break.glass', 'Bea', 'Glass', '/'],
  ['cto', 'Cyrus', 'Tech', '/Engineering'],
  ['ceo', 'Celia', 'Exec', '/'],
  ['cfo', 'Cole', 'Money', '/Finance'],
  ['head.of.it', 'Hedda', 'Lund', '/IT'],
  ['sec.lead', 'Selim', 'Guard', '/IT'],
  ['ops.lead', 'Olga', 'Runner', '/'],
];

const PEOPLE_OUS = [
  '/Engineering/Backend',
  '/Engineering/Frontend',
  '/Sales',
  '/Support',
  '/Finance',
  '/Contractors',
  '/Sales',
];

function seedDemoCustomer(world: World) {
  const c = emptyCustomer(DEMO.customerId, DEMO.domain, {
    alternateEmail: 'it-owner@butterfly-owner.test',
    customerCreationTime: CREATED,
    language: 'en',
    phoneNumber: '+15555550100',
    postalAddress: {
      organizationName: 'Butterfly Demo Inc.',
      countryCode: 'US',
      locality: 'Springfield',
      postalCode: '12345',
    },
  });
  world.customers.set(c.id, c);
  const b = directoryBuilder(c, CREATED);
  b.domain(DEMO.domain, true);
  b.domain(DEMO.secondaryDomain, false);
  b.domain(DEMO.unverifiedDomain, false, false);
  b.alias(DEMO.aliasDomain, DEMO.domain);
  for (const path of [
    '/Engineering',
    '/Engineering/Backend',
    '/Engineering/Frontend',
    '/Sales',
    '/Support',
    '/IT',
    '/Finance',
    '/Contractors',
    '/Suspended Users',
  ])
    b.orgUnit(path, `${path.slice(path.lastIndexOf('/') + 1)} staff`);
  b.systemRoles();
  b.role('Helpdesk Tier 2', 'Resets passwords and reads users in Support', [
    ['USERS_RETRIEVE', '00haapch16h1ysv'],
    ['USERS_UPDATE', '00haapch16h1ysv'],
  ]);

  const at = (local: string, domain: string = DEMO.domain) => `${local}@${domain}`;
  const supers = SUPER_ADMINS.map(([local, g, f, ou], i) =>
    b.user(at(local), g, f, {
      orgUnitPath: ou,
      isEnrolledIn2Sv: local !== 'break.glass',
      isEnforcedIn2Sv: i % 2 === 0 && local !== 'break.glass',
    }),
  );
  for (const u of supers) b.assign('_SEED_ADMIN_ROLE', u);
  const helpdesk = [
    b.user(DEMO.helpdesk, 'Hana', 'Helpdesk', {
      orgUnitPath: '/Support',
      isEnrolledIn2Sv: true,
      isEnforcedIn2Sv: true,
    }),
    b.user(at('hugo.helpdesk'), 'Hugo', 'Helpdesk', { orgUnitPath: '/Support', isEnrolledIn2Sv: true }),
    b.user(at('hilde.helpdesk'), 'Hilde', 'Helpdesk', { orgUnitPath: '/Support' }),
  ];
  for (const u of helpdesk) b.assign('Helpdesk Tier 2', u, '/Support');
  const member = b.user(DEMO.member, 'Mia', 'Member', {
    orgUnitPath: '/Engineering/Backend',
    isEnrolledIn2Sv: true,
    isEnforcedIn2Sv: true,
  });
  b.user(DEMO.suspended, 'Sam', 'Suspended', {
    orgUnitPath: '/Suspended Users',
    suspended: true,
    suspensionReason: 'ADMIN',
  } as Partial<TUser>);
  b.user(DEMO.archived, 'Arlo', 'Archived', { orgUnitPath: '/Sales', archived: true });

  const people: TUser[] = [];
  for (let i = 0; c.users.size < DEMO.users; i++) {
    const p = personAt(i);
    const ou = PEOPLE_OUS[i % PEOPLE_OUS.length]!;
    const enrolled = i % 10 < 7;
    const suspended = i % 17 === 5;
    people.push(
      b.user(at(p.local, i % 25 === 3 ? DEMO.secondaryDomain : DEMO.domain), p.givenName, p.familyName, {
        orgUnitPath: suspended && i % 2 === 0 ? '/Suspended Users' : ou,
        suspended,
        archived: !suspended && i % 41 === 7,
        isEnrolledIn2Sv: enrolled,
        isEnforcedIn2Sv: enrolled && ou !== '/Contractors',
        ...(suspended ? { suspensionReason: 'ADMIN' } : {}),
      } as Partial<TUser>),
    );
  }
  const byEmail = (local: string) => [...c.users.values()].find((u) => u.primaryEmail === at(local))!;

  b.group('super-admins', DEMO.roleGroups[0], 'Butterfly super admins', 'Butterfly role: super admin');
  b.group('admins', DEMO.roleGroups[1], 'Butterfly admins', 'Butterfly role: admin');
  b.group('backup-operators', DEMO.roleGroups[2], 'Butterfly backup operators', 'Butterfly role: backup operator');
  b.group('auditors', DEMO.roleGroups[3], 'Butterfly auditors', 'Butterfly role: auditor');
  b.group('read-only', DEMO.roleGroups[4], 'Butterfly read-only', 'Butterfly role: read-only', {
    allowExternalMembers: 'true',
  });
  b.group('all-staff', at('all-staff'), 'All staff', 'Everyone', { whoCanPostMessage: 'ALL_MANAGERS_CAN_POST' });
  b.group('engineering', at('engineering'), 'Engineering', 'Engineering (nested teams)');
  b.group('backend', at('backend'), 'Backend', 'Backend team');
  b.group('frontend', at('frontend'), 'Frontend', 'Frontend team');
  b.group('sales', at('sales'), 'Sales', 'Sales team', {
    whoCanJoin: 'ANYONE_CAN_JOIN',
    whoCanViewMembership: 'ALL_IN_DOMAIN_CAN_VIEW',
  });
  b.group('support', at('support'), 'Support', 'Support team');
  b.group('finance', at('finance'), 'Finance', 'Finance team', { whoCanViewGroup: 'ALL_MANAGERS_CAN_VIEW' });
  b.group('it-ops', at('it-ops'), 'IT operations', 'IT operations (admins)');
  b.group('contractors', at('contractors'), 'Contractors', 'External contractors', { allowExternalMembers: 'true' });

  b.member('super-admins', byEmail('admin'), 'OWNER');
  b.member('super-admins', byEmail('cto'));
  b.member('admins', byEmail('head.of.it'), 'OWNER');
  b.member('admins', byEmail('it.ops'));
  b.member('backup-operators', member);
  b.member('auditors', byEmail('sec.lead'));
  b.member('read-only', 'support');
  for (const u of c.users.values()) b.member('all-staff', u, u.isAdmin ? 'MANAGER' : 'MEMBER');
  b.member('engineering', 'backend');
  b.member('engineering', 'frontend');
  b.member('engineering', byEmail('cto'), 'OWNER');
  b.member('it-ops', byEmail('it.ops'), 'OWNER');
  b.member('it-ops', byEmail('head.of.it'));
  b.member('it-ops', byEmail('sec.lead'));
  people.forEach((u, i) => {
    const team = {
      '/Engineering/Backend': 'backend',
      '/Engineering/Frontend': 'frontend',
      '/Sales': 'sales',
      '/Support': 'support',
      '/Finance': 'finance',
      '/Contractors': 'contractors',
    }[PEOPLE_OUS[i % PEOPLE_OUS.length]!];
    if (team) b.member(team, u, i < 14 ? 'MANAGER' : 'MEMBER');
    if (i % 30 === 1) b.member('backup-operators', u);
    if (i % 45 === 2) b.member('auditors', u);
  });
  c.members.get(b.groupIds.contractors!)!.set('external-contractor', {
    id: accountId(c.id, 'external', 'contractor@partner.test'),
    email: 'contractor@partner.test',
    role: 'MEMBER',
    type: 'USER',
    status: 'ACTIVE',
    delivery_settings: 'ALL_MAIL',
  });
  b.assign('_GROUPS_ADMIN_ROLE', 'it-ops');
  b.assign('_GROUPS_READER_ROLE', 'auditors');

  const profile = `inboundSamlSsoProfiles/${shortId(12, c.id, 'saml')}`;
  c.samlProfiles.set(profile, {
    name: profile,
    customer: `customers/${c.id}`,
    displayName: 'Legacy Okta IdP',
    idpConfig: {
      entityId: 'http://www.okta.com/exk1legacy',
      singleSignOnServiceUri: 'https://legacy-idp.butterfly-demo.test/app/sso/saml',
      logoutRedirectUri: 'https://legacy-idp.butterfly-demo.test/logout',
      changePasswordUri: 'https://legacy-idp.butterfly-demo.test/password',
    },
    spConfig: {
      entityId: `https://accounts.google.com/samlrp/${shortId(12, c.id, 'sp')}`,
      assertionConsumerServiceUri: `https://accounts.google.com/samlrp/acs?rpid=${shortId(12, c.id, 'sp')}`,
    },
  });
  const assign = (key: string, target: Record<string, unknown>, ssoMode: string) => {
    const name = `inboundSsoAssignments/${shortId(12, c.id, 'ssoassign', key)}`;
    c.ssoAssignments.set(name, {
      name,
      customer: `customers/${c.id}`,
      ...target,
      ssoMode,
      ...(ssoMode === 'SAML_SSO'
        ? { samlSsoInfo: { inboundSamlSsoProfile: profile }, signInBehavior: { redirectCondition: 'NEVER' } }
        : {}),
    });
  };
  const ouRef = (path: string) => `orgUnits/${b.ouIds[path]!.replace(/^id:/, '')}`;
  assign('root', { targetOrgUnit: ouRef('/') }, 'SSO_OFF');
  assign('it', { targetOrgUnit: ouRef('/IT') }, 'SAML_SSO');
  assign('contractors', { targetOrgUnit: ouRef('/Contractors') }, 'SAML_SSO');
  assign('sales', { targetGroup: `groups/${b.groupIds.sales}`, rank: 1 }, 'SSO_OFF');

  seedDemoPolicies(c, b.ouIds, b.groupIds);
  c.delegations[BACKUP_SA.clientId] = [...READ_SCOPES, ...WRITE_SCOPES];
  c.delegations[READ_ONLY_SA.clientId] = [...READ_SCOPES];
  c.groupsReaders.push(BACKUP_SA.email);
}

function seedOtherCustomer(world: World) {
  const c = emptyCustomer(DEMO.other.customerId, DEMO.other.domain, { customerCreationTime: CREATED, language: 'en' });
  world.customers.set(c.id, c);
  const b = directoryBuilder(c, CREATED);
  b.domain(DEMO.other.domain, true);
  b.orgUnit('/Staff');
  b.systemRoles();
  const admin = b.user(DEMO.other.admin, 'Otto', 'Other', { isEnrolledIn2Sv: true, isEnforcedIn2Sv: true });
  b.assign('_SEED_ADMIN_ROLE', admin);
  const second = b.user(`owner@${DEMO.other.domain}`, 'Orla', 'Other', {
    isEnrolledIn2Sv: true,
    isEnforcedIn2Sv: true,
  });
  b.assign('_SEED_ADMIN_ROLE', second);
  b.group('admins', `butterfly-admins@${DEMO.other.domain}`, 'Butterfly admins', 'Butterfly role: admin');
  b.member('admins', admin);
  for (let i = 0; i < 4; i++) {
    const p = personAt(i + 3);
    b.member('admins', b.user(`${p.local}@${DEMO.other.domain}`, p.givenName, p.familyName, { orgUnitPath: '/Staff' }));
  }
  seedOtherPolicies(c, b.ouIds['/']!);
}

/**
 * The demo world: the demo customer (200 users, SCuBA failures), a second customer (no delegation
 * to Butterfly), consumer accounts, Butterfly's two service accounts and its sign-in client.
 */
export function seedWorld(world: World, signInRedirectUris: string[]) {
  world.serviceAccounts.set(BACKUP_SA.clientId, BACKUP_SA);
  world.serviceAccounts.set(READ_ONLY_SA.clientId, READ_ONLY_SA);
  world.oauthClients.set(DEMO.signIn.clientId, { ...DEMO.signIn, redirectUris: signInRedirectUris });
  seedDemoCustomer(world);
  seedOtherCustomer(world);
  world.consumers.push(
    {
      sub: accountId('consumer', DEMO.consumers.gmail),
      email: DEMO.consumers.gmail,
      emailVerified: true,
      givenName: 'Dana',
      familyName: 'Consumer',
    },
    {
      sub: accountId('consumer', DEMO.consumers.unmanaged),
      email: DEMO.consumers.unmanaged,
      emailVerified: true,
      givenName: 'Pat',
      familyName: 'Unmanaged',
    },
    {
      sub: accountId('consumer', DEMO.consumers.unverified),
      email: DEMO.consumers.unverified,
      emailVerified: false,
      givenName: 'Uli',
      familyName: 'Unverified',
    },
  );
}
