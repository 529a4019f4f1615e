import { runScan } from '../engine.ts';
import { SCUBA_AAD_RULES } from '../entra/scuba-aad.ts';
import { PRIVILEGED_ROLES, ROLE } from '../entra/scuba.fns.ts';
import { createMemorySnapshot } from '../memory-snapshot.ts';
import type { ScanResult, SnapshotObject } from '../types.ts';

/**
 * A small Entra tenant shaped like Graph's answers (bodies as the Entra connector stores them) in
 * which every SCuBA MS.AAD rule passes; tests break one thing at a time.
 */
export const BG = '11111111-0000-4000-8000-000000000001';
export const U2 = '11111111-0000-4000-8000-000000000002';
export const U3 = '11111111-0000-4000-8000-000000000003';
export const PHISH_STRENGTH = '00000000-0000-0000-0000-000000000004';
const P2_SKU = {
  skuId: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
  skuPartNumber: 'AAD_PREMIUM_P2',
  capabilityStatus: 'Enabled',
  servicePlans: [{ servicePlanId: 'eec0eb4f-6444-4f95-aba0-50c24d67f998', servicePlanName: 'AAD_PREMIUM_P2' }],
};
const E3_SKU = {
  skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  skuPartNumber: 'SPE_E3',
  capabilityStatus: 'Enabled',
  servicePlans: [{ servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d', servicePlanName: 'AAD_PREMIUM' }],
};

type Body = Record<string, any>;

export function caPolicy(
  id: string,
  displayName: string,
  more: { conditions?: Body; grant?: Body; state?: string } = {},
): SnapshotObject {
  return {
    id,
    body: {
      id,
      displayName,
      state: more.state ?? 'enabled',
      conditions: {
        users: {
          includeUsers: ['All'],
          excludeUsers: [BG],
          includeGroups: [],
          excludeGroups: [],
          includeRoles: [],
          excludeRoles: [],
          includeGuestsOrExternalUsers: null,
          excludeGuestsOrExternalUsers: null,
        },
        applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
        clientAppTypes: ['all'],
        userRiskLevels: [],
        signInRiskLevels: [],
        authenticationFlows: null,
        ...more.conditions,
      },
      grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: null, ...more.grant },
    },
  };
}

const users = (more: Body = {}) => ({
  includeUsers: ['All'],
  excludeUsers: [BG],
  includeGroups: [],
  excludeGroups: [],
  includeRoles: [],
  excludeRoles: [],
  ...more,
});

const method = (id: string, state: string, more: Body = {}): SnapshotObject => ({
  id,
  body: { '@odata.type': `#microsoft.graph.${id}AuthenticationMethodConfiguration`, id, state, ...more },
});

const notify = (id: string, recipients: string[]) => ({
  '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyNotificationRule',
  id,
  notificationRecipients: recipients,
});

export function compliantTenant(): Record<string, SnapshotObject[]> {
  const feature = { state: 'enabled', includeTarget: { targetType: 'group', id: 'all_users' } };
  return {
    conditionalAccessPolicy: [
      caPolicy('ca-legacy', 'Block legacy authentication', {
        conditions: { clientAppTypes: ['exchangeActiveSync', 'other'] },
        grant: { builtInControls: ['block'] },
      }),
      caPolicy('ca-userrisk', 'Block high-risk users', {
        conditions: { userRiskLevels: ['high'] },
        grant: { builtInControls: ['block'] },
      }),
      caPolicy('ca-signinrisk', 'Block high-risk sign-ins', {
        conditions: { signInRiskLevels: ['high'] },
        grant: { builtInControls: ['block'] },
      }),
      caPolicy('ca-phish', 'Phishing-resistant MFA for all', {
        grant: {
          authenticationStrength: {
            id: PHISH_STRENGTH,
            displayName: 'Phishing-resistant MFA',
            allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
          },
        },
      }),
      caPolicy('ca-mfa', 'MFA for all', { grant: { builtInControls: ['mfa'] } }),
      caPolicy('ca-admins', 'Phishing-resistant MFA for admins', {
        conditions: { users: users({ includeUsers: [], includeRoles: [...PRIVILEGED_ROLES] }) },
        // Only the id, as Graph may answer: the strength is looked up.
        grant: { authenticationStrength: { id: PHISH_STRENGTH } },
      }),
      caPolicy('ca-device', 'Managed devices', {
        grant: { builtInControls: ['compliantDevice', 'domainJoinedDevice'] },
      }),
      caPolicy('ca-register', 'Register security info from managed devices', {
        conditions: {
          applications: {
            includeApplications: [],
            excludeApplications: [],
            includeUserActions: ['urn:user:registersecurityinfo'],
          },
        },
        grant: { builtInControls: ['compliantDevice', 'domainJoinedDevice'] },
      }),
      caPolicy('ca-devicecode', 'Block device code flow', {
        conditions: { authenticationFlows: { transferMethods: 'deviceCodeFlow' } },
        grant: { builtInControls: ['block'] },
      }),
    ],
    authenticationStrength: [
      {
        id: PHISH_STRENGTH,
        body: {
          id: PHISH_STRENGTH,
          displayName: 'Phishing-resistant MFA',
          allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
        },
      },
    ],
    authenticationMethodsPolicy: [
      { id: 'default', body: { id: 'authenticationMethodsPolicy', policyMigrationState: 'migrationComplete' } },
    ],
    authenticationMethodConfiguration: [
      method('MicrosoftAuthenticator', 'enabled', {
        featureSettings: {
          displayAppInformationRequiredState: feature,
          displayLocationInformationRequiredState: feature,
        },
      }),
      method('Sms', 'disabled'),
      method('Voice', 'disabled'),
      method('Email', 'disabled'),
      method('Fido2', 'enabled'),
    ],
    authorizationPolicy: [
      {
        id: 'default',
        body: {
          id: 'authorizationPolicy',
          allowInvitesFrom: 'adminsAndGuestInviters',
          guestUserRoleId: '2af84b1e-32c8-42b7-82bc-daa82404023b',
          defaultUserRolePermissions: { allowedToCreateApps: false, permissionGrantPoliciesAssigned: [] },
        },
      },
    ],
    directorySetting: [
      {
        id: 'set-1',
        body: {
          id: 'set-1',
          displayName: 'Consent Policy Settings',
          templateId: 'dffd5d46-495d-40a9-8e21-954ff55e198a',
          values: [{ name: 'EnableAdminConsentRequests', value: 'true' }],
        },
      },
    ],
    adminConsentRequestPolicy: [{ id: 'default', body: { id: 'adminConsentRequestPolicy', isEnabled: true } }],
    defaultAppManagementPolicy: [
      {
        id: 'default',
        body: {
          id: '00000000-0000-0000-0000-000000000000',
          isEnabled: true,
          applicationRestrictions: {
            passwordCredentials: [
              {
                restrictionType: 'passwordAddition',
                state: 'enabled',
                maxLifetime: null,
                restrictForAppsCreatedAfterDateTime: '2019-01-01T00:00:00Z',
              },
              {
                restrictionType: 'passwordLifetime',
                state: 'enabled',
                maxLifetime: 'P180D',
                restrictForAppsCreatedAfterDateTime: '2019-01-01T00:00:00Z',
              },
            ],
            keyCredentials: [
              {
                restrictionType: 'asymmetricKeyLifetime',
                state: 'enabled',
                maxLifetime: 'P365D',
                restrictForAppsCreatedAfterDateTime: '2019-01-01T00:00:00Z',
              },
            ],
          },
        },
      },
    ],
    domain: [
      {
        id: 'corp.onmicrosoft.com',
        body: {
          id: 'corp.onmicrosoft.com',
          isVerified: true,
          authenticationType: 'Managed',
          passwordValidityPeriodInDays: 2147483647,
        },
      },
      {
        id: 'corp.example',
        body: {
          id: 'corp.example',
          isVerified: true,
          authenticationType: 'Managed',
          passwordValidityPeriodInDays: null,
        },
      },
      {
        id: 'fed.example',
        body: {
          id: 'fed.example',
          isVerified: true,
          authenticationType: 'Federated',
          passwordValidityPeriodInDays: 90,
        },
      },
      {
        id: 'new.example',
        body: { id: 'new.example', isVerified: false, authenticationType: 'Managed', passwordValidityPeriodInDays: 90 },
      },
    ],
    subscribedSku: [
      { id: `t_${E3_SKU.skuId}`, body: E3_SKU },
      { id: `t_${P2_SKU.skuId}`, body: P2_SKU },
    ],
    user: [BG, U2, U3].map((id) => ({ id, body: { id, onPremisesImmutableId: null, accountEnabled: true } })),
    'group.members': [],
    roleDefinition: [
      {
        id: ROLE.globalAdministrator,
        body: {
          id: ROLE.globalAdministrator,
          templateId: ROLE.globalAdministrator,
          displayName: 'Global Administrator',
        },
      },
      {
        id: ROLE.userAdministrator,
        body: { id: ROLE.userAdministrator, templateId: ROLE.userAdministrator, displayName: 'User Administrator' },
      },
    ],
    roleAssignment: [
      {
        id: 'ra-1',
        body: { id: 'ra-1', principalId: BG, roleDefinitionId: ROLE.globalAdministrator, directoryScopeId: '/' },
      },
      {
        id: 'ra-2',
        body: { id: 'ra-2', principalId: U2, roleDefinitionId: ROLE.globalAdministrator, directoryScopeId: '/' },
      },
    ],
    roleAssignmentScheduleInstance: [
      // The break-glass account may hold Global Administrator permanently; U2's is time-bound.
      {
        id: 'rasi-1',
        body: { id: 'rasi-1', principalId: BG, roleDefinitionId: ROLE.globalAdministrator, endDateTime: null },
      },
      {
        id: 'rasi-2',
        body: {
          id: 'rasi-2',
          principalId: U2,
          roleDefinitionId: ROLE.globalAdministrator,
          endDateTime: '2027-01-01T00:00:00Z',
        },
      },
    ],
    roleEligibilityScheduleInstance: [
      {
        id: 'resi-1',
        body: {
          id: 'resi-1',
          principalId: U3,
          roleDefinitionId: ROLE.userAdministrator,
          endDateTime: '2027-01-01T00:00:00Z',
        },
      },
    ],
    roleManagementPolicyAssignment: [
      {
        id: 'a-ga',
        body: {
          id: 'a-ga',
          policyId: 'p-ga',
          scopeId: '/',
          scopeType: 'Directory',
          roleDefinitionId: ROLE.globalAdministrator,
        },
      },
      {
        id: 'a-ua',
        body: {
          id: 'a-ua',
          policyId: 'p-ua',
          scopeId: '/',
          scopeType: 'Directory',
          roleDefinitionId: ROLE.userAdministrator,
        },
      },
    ],
    roleManagementPolicy: ['p-ga', 'p-ua'].map((id) => ({
      id,
      body: {
        id,
        scopeId: '/',
        scopeType: 'Directory',
        rules: [
          {
            '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
            id: 'Approval_EndUser_Assignment',
            setting: { isApprovalRequired: true },
          },
          notify('Notification_Admin_Admin_Assignment', ['soc@corp.example']),
          notify('Notification_Admin_Admin_Eligibility', ['soc@corp.example']),
          notify('Notification_Admin_EndUser_Assignment', ['soc@corp.example']),
        ],
      },
    })),
  };
}

/** One rule over a tenant (through the engine, so missing data is handled as in a scan), break-glass BG declared unless told. */
export async function runEntraRule(
  id: string,
  tenant: Record<string, SnapshotObject[]>,
  opts: { breakGlass?: string[] | null } = {},
): Promise<ScanResult> {
  const rule = SCUBA_AAD_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const snapshot = createMemorySnapshot(tenant, { takenAt: new Date('2026-12-07T12:00:00Z') });
  const bg = opts.breakGlass === null ? undefined : { userIds: opts.breakGlass ?? [BG] };
  const [r] = await runScan([rule], snapshot, undefined, bg);
  return r!;
}

/** The body of the object `id` of `type`, to change in place. */
export function bodyOf(tenant: Record<string, SnapshotObject[]>, type: string, id: string): Body {
  const o = tenant[type]?.find((x) => x.id === id);
  if (!o) throw new Error(`no ${type} ${id}`);
  return o.body as Body;
}
