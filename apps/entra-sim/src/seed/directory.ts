import { seededGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';
import { DEPARTMENTS, person, TITLES } from './names.ts';

const CREATED = '2024-03-01T09:00:00Z';

/** Domains: the initial onmicrosoft one, a verified custom domain, and an unverified one. */
export function seedDomains(t: Tenant, customDomain: string) {
  const domain = (id: string, more: Partial<TObj>): TObj => ({
    id,
    authenticationType: 'Managed',
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: false,
    isInitial: false,
    isRoot: true,
    isVerified: true,
    supportedServices: ['Email', 'OfficeCommunicationsOnline'],
    passwordValidityPeriodInDays: 2147483647,
    passwordNotificationWindowInDays: 14,
    state: null,
    ...more,
  });
  t.add('domains', domain(t.domain, { isInitial: true }));
  // MS.AAD.6.1 fails here: a verified managed domain whose passwords expire.
  t.add('domains', domain(customDomain, { isDefault: true, passwordValidityPeriodInDays: 90 }));
  t.add('domains', domain(`unverified-${customDomain}`, { isVerified: false, supportedServices: [] }));
}

export function seedOrganization(t: Tenant, customDomain: string) {
  t.add('organization', {
    id: t.id,
    displayName: t.displayName,
    tenantType: 'AAD',
    countryLetterCode: 'DE',
    preferredLanguage: 'en',
    createdDateTime: CREATED,
    onPremisesSyncEnabled: true,
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: false,
        isInitial: true,
        name: t.domain,
        type: 'Managed',
      },
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: false,
        name: customDomain,
        type: 'Managed',
      },
    ],
    assignedPlans: [
      {
        assignedDateTime: CREATED,
        capabilityStatus: 'Enabled',
        service: 'AADPremiumService',
        servicePlanId: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
      },
    ],
    technicalNotificationMails: [`it@${customDomain}`],
  });
}

/** Entra ID P2 (the `AAD_PREMIUM_P2` service plan is what P2-only checks look for) and Microsoft 365 E3. */
export function seedSkus(t: Tenant, users: number, p2 = true) {
  const sku = (skuId: string, skuPartNumber: string, plans: [string, string][], enabled: number): TObj => ({
    id: `${t.id}_${skuId}`,
    accountId: t.id,
    accountName: t.displayName,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: Math.min(users, enabled),
    skuId,
    skuPartNumber,
    prepaidUnits: { enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: plans.map(([servicePlanId, servicePlanName]) => ({
      servicePlanId,
      servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
  });
  t.add(
    'subscribedSkus',
    sku(
      '05e9a617-0261-4cee-bb44-138d3ef5d965',
      'SPE_E3',
      [['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM']],
      users + 50,
    ),
  );
  if (p2)
    t.add(
      'subscribedSkus',
      sku(
        '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
        'AAD_PREMIUM_P2',
        [['eec0eb4f-6444-4f95-aba0-50c24d67f998', 'AAD_PREMIUM_P2']],
        users + 50,
      ),
    );
}

/**
 * `count` members and a few guests. User 0 is the admin; every 17th is disabled; every 23rd came
 * from on-premises (onPremisesImmutableId set), and so is user 1, a privileged one (MS.AAD.7.3).
 * User 2's `mail` is on the unverified domain: a nOAuth-style account whose email must not link.
 */
export function seedUsers(t: Tenant, customDomain: string, count: number): TObj[] {
  const users: TObj[] = [];
  for (let i = 0; i < count; i++) {
    const p = i === 0 ? { given: 'Avery', surname: 'Admin', alias: 'admin' } : person(i);
    const guest = i > 0 && i % 29 === 0;
    const upn = guest ? `${p.alias}_partner.test#EXT#@${t.domain}` : `${p.alias}@${customDomain}`;
    const mail = i === 2 ? `${p.alias}@unverified-${customDomain}` : guest ? `${p.alias}@partner.test` : upn;
    users.push(
      t.add('users', {
        id: seededGuid(t.id, 'user', i),
        displayName: `${p.given} ${p.surname}`,
        givenName: p.given,
        surname: p.surname,
        userPrincipalName: upn,
        mail,
        mailNickname: p.alias,
        accountEnabled: i % 17 !== 16,
        userType: guest ? 'Guest' : 'Member',
        department: DEPARTMENTS[i % DEPARTMENTS.length],
        jobTitle: TITLES[i % TITLES.length],
        createdDateTime: CREATED,
        onPremisesImmutableId: i === 1 || i % 23 === 22 ? Buffer.from(`imm-${i}`).toString('base64') : null,
        onPremisesSyncEnabled: i === 1 || i % 23 === 22 ? true : null,
        businessPhones: [],
        preferredLanguage: 'en-US',
      }),
    );
  }
  return users;
}

/** Security groups per department (members by department), and Microsoft 365 groups. */
export function seedGroups(t: Tenant, users: TObj[]) {
  DEPARTMENTS.forEach((dept, i) => {
    const id = seededGuid(t.id, 'group', i);
    t.add('groups', {
      id,
      displayName: `SG-${dept}`,
      description: `Everyone in ${dept}`,
      mailEnabled: false,
      mailNickname: `sg-${dept.toLowerCase()}`,
      securityEnabled: true,
      groupTypes: [],
      createdDateTime: CREATED,
      deletedDateTime: null,
      visibility: null,
    });
    t.links(`groups/${id}/members`).push(...users.filter((u) => u.department === dept).map((u) => u.id));
    t.links(`groups/${id}/owners`).push(users[0]!.id);
  });
  ['All Company', 'Project Phoenix', 'Sales EMEA', 'Engineering Leads', 'Social Club'].forEach((name, i) => {
    const id = seededGuid(t.id, 'm365group', i);
    const nick = name.toLowerCase().replace(/\s+/g, '-');
    t.add('groups', {
      id,
      displayName: name,
      description: `${name} (Microsoft 365)`,
      mail: `${nick}@${t.domain}`,
      mailEnabled: true,
      mailNickname: nick,
      securityEnabled: false,
      groupTypes: ['Unified'],
      visibility: i === 1 ? 'Private' : 'Public',
      createdDateTime: CREATED,
      deletedDateTime: null,
    });
    t.links(`groups/${id}/members`).push(...users.filter((_, j) => j % (i + 2) === 0).map((u) => u.id));
    t.links(`groups/${id}/owners`).push(users[(i + 3) % users.length]!.id);
  });
  t.add('directory/administrativeUnits', {
    id: seededGuid(t.id, 'au', 0),
    displayName: 'EU Staff',
    description: 'Users in the EU',
    visibility: null,
    membershipType: null,
  });
  t.add('directory/administrativeUnits', {
    id: seededGuid(t.id, 'au', 1),
    displayName: 'Contractors',
    description: null,
    visibility: 'HiddenMembership',
    membershipType: null,
  });
}
