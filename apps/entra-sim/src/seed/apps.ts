import { seededGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';

const APPS = [
  'HR Portal',
  'Expense Tracker',
  'Wiki',
  'CI Runner',
  'Payroll Sync',
  'Legacy CRM',
  'Marketing Analytics',
  'Support Desk',
  'Data Warehouse Loader',
  'Mobile App',
  'Intranet',
  'Partner Portal',
];

/** Microsoft Graph's own service principal, and a dozen line-of-business apps with their SPs. */
export function seedApps(t: Tenant, users: TObj[]) {
  const graphSp = seededGuid(t.id, 'sp', 'graph');
  t.add('servicePrincipals', {
    id: graphSp,
    appId: '00000003-0000-0000-c000-000000000000',
    displayName: 'Microsoft Graph',
    accountEnabled: true,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    servicePrincipalType: 'Application',
    servicePrincipalNames: ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'],
    deletedDateTime: null,
    tags: [],
  });
  APPS.forEach((name, i) => {
    const id = seededGuid(t.id, 'app', i);
    const appId = seededGuid(t.id, 'appid', i);
    const spId = seededGuid(t.id, 'sp', i);
    t.add('applications', {
      id,
      appId,
      displayName: name,
      createdDateTime: `2023-11-0${(i % 9) + 1}T12:00:00Z`,
      deletedDateTime: null,
      signInAudience: i === 11 ? 'AzureADMultipleOrgs' : 'AzureADMyOrg',
      web: {
        redirectUris: [`https://${name.toLowerCase().replace(/\s+/g, '-')}.example.test/signin-oidc`],
        logoutUrl: null,
      },
      // Secrets: names and hints only; Graph never returns the value.
      passwordCredentials:
        i % 3 === 0
          ? [
              {
                keyId: seededGuid(t.id, 'pwd', i),
                displayName: 'prod',
                hint: 'Q~x',
                secretText: null,
                startDateTime: '2024-01-01T00:00:00Z',
                endDateTime: i === 0 ? '2026-01-01T00:00:00Z' : '2026-12-31T00:00:00Z',
              },
            ]
          : [],
      keyCredentials: [],
      requiredResourceAccess: [],
    });
    t.add('servicePrincipals', {
      id: spId,
      appId,
      displayName: name,
      accountEnabled: i !== 5,
      appOwnerOrganizationId: t.id,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [appId],
      deletedDateTime: null,
      tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    });
    if (users[i]) t.links(`applications/${id}/owners`).push(users[i]!.id);
    if (i === 3)
      t.add(`applications/${id}/federatedIdentityCredentials`, {
        id: seededGuid(t.id, 'fic', i),
        name: 'github-main',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:example/ci:ref:refs/heads/main',
        audiences: ['api://AzureADTokenExchange'],
        description: null,
      });
    if (i < 4)
      t.add('oauth2PermissionGrants', {
        id: seededGuid(t.id, 'grant', i),
        clientId: spId,
        consentType: 'AllPrincipals',
        principalId: null,
        resourceId: graphSp,
        scope: i === 1 ? 'User.Read Mail.ReadWrite' : 'User.Read',
      });
    if (i < 6)
      t.add(`servicePrincipals/${graphSp}/appRoleAssignedTo`, {
        id: seededGuid(t.id, 'ara', i),
        appRoleId: seededGuid('role', i % 3),
        principalId: spId,
        principalDisplayName: name,
        principalType: 'ServicePrincipal',
        resourceId: graphSp,
        resourceDisplayName: 'Microsoft Graph',
        createdDateTime: '2024-01-01T00:00:00Z',
        deletedDateTime: null,
      });
  });
}
