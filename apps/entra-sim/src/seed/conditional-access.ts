import { seededGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';
import { GLOBAL_ADMIN } from './roles.ts';

const AT = '2024-05-01T10:00:00Z';

const conditions = (more: Record<string, unknown> = {}) => ({
  users: {
    includeUsers: ['All'],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [],
    includeRoles: [],
    excludeRoles: [],
    includeGuestsOrExternalUsers: null,
    excludeGuestsOrExternalUsers: null,
  },
  applications: {
    includeApplications: ['All'],
    excludeApplications: [],
    includeUserActions: [],
    includeAuthenticationContextClassReferences: [],
    applicationFilter: null,
  },
  clientAppTypes: ['all'],
  platforms: null,
  locations: null,
  userRiskLevels: [],
  signInRiskLevels: [],
  servicePrincipalRiskLevels: [],
  devices: null,
  clientApplications: null,
  authenticationFlows: null,
  ...more,
});

function ca(
  t: Tenant,
  i: number,
  displayName: string,
  state: string,
  cond: Record<string, unknown>,
  grant: Record<string, unknown> | null,
): TObj {
  return t.add('identity/conditionalAccess/policies', {
    id: seededGuid(t.id, 'ca', i),
    templateId: null,
    displayName,
    createdDateTime: AT,
    modifiedDateTime: null,
    state,
    sessionControls: null,
    conditions: cond,
    grantControls: grant && {
      operator: 'OR',
      builtInControls: [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
      ...grant,
    },
  });
}

/**
 * CA policies. Passing on purpose: MFA for all (MS.AAD.3.2). Failing on purpose: no enabled
 * legacy-auth block (1.1: it exists but is disabled), high-risk sign-ins only report-only (2.3), no
 * high-risk user block (2.1), no phishing-resistant strength for all (3.1), no device-code block (3.9).
 */
export function seedConditionalAccess(t: Tenant, breakGlassId: string) {
  const exclude = { excludeUsers: [breakGlassId] };
  const base = (more: Record<string, unknown> = {}) =>
    conditions({ users: { ...conditions().users, ...exclude }, ...more });
  ca(t, 0, 'Require MFA for all users', 'enabled', base(), { builtInControls: ['mfa'] });
  ca(t, 1, 'Block legacy authentication', 'disabled', base({ clientAppTypes: ['exchangeActiveSync', 'other'] }), {
    builtInControls: ['block'],
  });
  ca(t, 2, 'Block high-risk sign-ins', 'enabledForReportingButNotEnforced', base({ signInRiskLevels: ['high'] }), {
    builtInControls: ['block'],
  });
  ca(
    t,
    3,
    'Admins use MFA',
    'enabled',
    conditions({ users: { ...conditions().users, includeUsers: [], includeRoles: [GLOBAL_ADMIN] } }),
    { builtInControls: ['mfa'] },
  );
  ca(
    t,
    4,
    'Trusted locations only for finance app',
    'enabled',
    base({ locations: { includeLocations: ['All'], excludeLocations: [seededGuid(t.id, 'loc', 0)] } }),
    { builtInControls: ['block'] },
  );
  t.add('identity/conditionalAccess/namedLocations', {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: seededGuid(t.id, 'loc', 0),
    displayName: 'Head office',
    createdDateTime: AT,
    modifiedDateTime: AT,
    isTrusted: true,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
  });
  t.add('identity/conditionalAccess/namedLocations', {
    '@odata.type': '#microsoft.graph.countryNamedLocation',
    id: seededGuid(t.id, 'loc', 1),
    displayName: 'Blocked countries',
    createdDateTime: AT,
    modifiedDateTime: AT,
    countriesAndRegions: ['KP', 'IR'],
    includeUnknownCountriesAndRegions: true,
    countryLookupMethod: 'clientIpAddress',
  });
  t.add('identity/conditionalAccess/authenticationContextClassReferences', {
    id: 'c1',
    displayName: 'Sensitive actions',
    description: 'Step-up for sensitive actions',
    isAvailable: true,
  });
}
