import { addResource } from '../../api/resources/resource-sets.ts';
import { newAssignment, rolesTable } from '../../api/resources/roles.ts';
import { el } from '../../okta/expression.ts';
import type { TBuild } from '../build.ts';
import { groupIds, type TGroups } from './groups.ts';
import type { TPeople } from './people.ts';
import type { TSecurityRefs } from './security.ts';

/** The DoD notice and consent banner (STIG OKTA-APP-000200), shown on the sign-in page. */
export const DOD_BANNER =
  'You are accessing a U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only. By using this IS (which includes any device attached to this IS), you consent to the following conditions: The USG routinely intercepts and monitors communications on this IS for purposes including, but not limited to, penetration testing, COMSEC monitoring, network operations and defense, personnel misconduct (PM), law enforcement (LE), and counterintelligence (CI) investigations.';

/**
 * Administration of a seeded org: standard admin roles for the staff (two super admins out of
 * seven admins), a custom help-desk role bound to a resource set and given to a group, the API
 * tokens (owned by service accounts, restricted to network zones), Admin Console sessions, and
 * the brand (sign-in page with the DoD banner, a customized activation email).
 */
export function seedAdministration(
  b: TBuild,
  people: TPeople,
  groups: TGroups,
  zones: TSecurityRefs,
  company: string,
): void {
  const { org } = b;
  const ctx = { org };
  const grant = (kind: 'USER' | 'GROUP', id: string, body: object) => {
    const assignment = newAssignment(ctx, kind, body, b.at(500));
    rolesTable(ctx, kind, id).set(assignment.id, assignment);
  };
  for (const [userId, type] of people.roles) grant('USER', userId, { type });
  grant('USER', people.serviceAccounts.api.id, { type: 'ORG_ADMIN' });
  grant('USER', people.serviceAccounts.scim.id, { type: 'USER_ADMIN' });

  const role = b.put(
    'iamRoles',
    'cr0',
    { label: 'Help Desk Lite', description: 'Unlock accounts and reset passwords of employees' },
    502,
  );
  for (const label of [
    'okta.users.read',
    'okta.users.credentials.resetPassword',
    'okta.users.lifecycle.unlock',
    'okta.groups.read',
  ]) {
    org.data.table(`permissions:${role.id}`).set(label, { label, created: b.at(502), lastUpdated: b.at(502) });
  }
  const set = b.put(
    'resourceSets',
    'iam',
    { label: 'Employee groups', description: 'Department groups (not admin groups)' },
    503,
  );
  for (const groupId of groupIds(groups, 'Engineering', 'Sales', 'Marketing', 'Customer Support', 'Operations')) {
    addResource(ctx, set.id, `orn:okta:directory:${org.refs.orgId}:groups:${groupId}`, b.at(503));
  }
  const [itSupport, admins] = groupIds(groups, 'IT Support', 'Okta Admins');
  grant('GROUP', itSupport!, { type: 'CUSTOM', role: role.id, 'resource-set': set.id });
  grant('GROUP', admins!, { type: 'REPORT_ADMIN' });

  const adminToken = org.data.table('apiTokens').get(org.admin.tokenId)!;
  Object.assign(adminToken, {
    name: 'Backup and compliance (service)',
    network: { connection: 'ZONE', include: [zones.corporate] },
  });
  b.put(
    'apiTokens',
    '00T',
    {
      name: 'SCIM provisioning',
      userId: people.serviceAccounts.scim.id,
      tokenWindow: 'P30D',
      network: { connection: 'ZONE', include: [zones.vpn] },
      clientName: 'Okta API',
      expiresAt: b.at(30 * 1440),
    },
    504,
  );
  org.data.singletons.set('adminConsole', { sessionIdleTimeoutMinutes: 15, sessionMaxLifetimeMinutes: 120 });
  Object.assign(org.data.singletons.get('org')!, { companyName: company });
  org.data.singletons.set('threatInsight', {
    action: 'block',
    excludeZones: [zones.corporate],
    created: b.at(505),
    lastUpdated: b.at(505),
  });

  const brand = [...org.data.table('brands').values()][0]!;
  Object.assign(brand, {
    name: company,
    removePoweredByOkta: true,
    customPrivacyPolicyUrl: `https://www.${org.name}.test/privacy`,
    agreeToCustomPrivacyPolicy: true,
  });
  const theme = [...org.data.table(`themes:${brand.id}`).values()][0]!;
  Object.assign(theme, {
    primaryColorHex: '#0b3d91',
    secondaryColorHex: '#f2f4f8',
    signInPageTouchPointVariant: 'BACKGROUND_SECONDARY_COLOR',
  });
  org.data.table('signInPages').set(brand.id, {
    pageContent: `<!DOCTYPE html><html><body><div id="dod-banner"><p>${DOD_BANNER}</p></div><div id="okta-login-container"></div></body></html>`,
    widgetVersion: '7',
    widgetCustomizations: {
      signInLabel: `Sign in to ${company}`,
      helpLabel: 'Help',
      helpUrl: `https://help.${org.name}.test`,
    },
    contentSecurityPolicySetting: { mode: 'enforced', reportUri: null, srcList: [] },
  });
  b.put(
    `emailCustomizations:${brand.id}:UserActivation`,
    'oel',
    {
      language: 'en',
      isDefault: true,
      subject: `Welcome to ${company} — activate your account`,
      body: `<html><body><p>Hello ${el('user.profile.firstName')},</p><p><a href="${el('activationLink')}">Activate your account</a></p></body></html>`,
    },
    506,
  );
  org.data.table(`templates:${brand.id}`).get('AccountLockout')!.settings = { recipients: 'ADMINS_ONLY' };
}
