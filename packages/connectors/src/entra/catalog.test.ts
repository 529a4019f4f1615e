import { describe, expect, it } from 'vitest';
import { ENTRA_CATALOG, READ_PERMISSIONS } from './catalog.ts';
import { entraTypeInfo, entraTypesLeftOut } from './catalog.fns.ts';

/** Paths of shared/spec/entra.md §C's table (and its sub-resources), each of which the catalog must read. */
const SPEC_PATHS = [
  '/identity/conditionalAccess/policies',
  '/identity/conditionalAccess/namedLocations',
  '/identity/conditionalAccess/authenticationContextClassReferences',
  '/policies/authenticationMethodsPolicy',
  '/policies/authenticationStrengthPolicies',
  '/policies/crossTenantAccessPolicy',
  '/policies/crossTenantAccessPolicy/default',
  '/policies/crossTenantAccessPolicy/partners',
  '/policies/identitySecurityDefaultsEnforcementPolicy',
  '/policies/authorizationPolicy',
  '/policies/adminConsentRequestPolicy',
  '/policies/permissionGrantPolicies',
  '/policies/defaultAppManagementPolicy',
  '/policies/appManagementPolicies',
  '/policies/tokenLifetimePolicies',
  '/policies/tokenIssuancePolicies',
  '/policies/claimsMappingPolicies',
  '/policies/homeRealmDiscoveryPolicies',
  '/applications',
  '/applications/{id}/federatedIdentityCredentials',
  '/servicePrincipals',
  '/servicePrincipals/{id}/appRoleAssignedTo',
  '/oauth2PermissionGrants',
  '/roleManagement/directory/roleDefinitions',
  '/roleManagement/directory/roleAssignments',
  '/roleManagement/directory/roleEligibilityScheduleInstances',
  '/roleManagement/directory/roleAssignmentScheduleInstances',
  '/policies/roleManagementPolicies',
  '/policies/roleManagementPolicyAssignments',
  '/groups',
  '/groups/{id}/members',
  '/groups/{id}/owners',
  '/directory/administrativeUnits',
  '/domains',
  '/organization',
  '/settings',
  '/subscribedSkus',
];

describe('Entra catalog', () => {
  it('reads every path of the spec', () => {
    const listed = new Set(ENTRA_CATALOG.map((d) => d.list));
    expect(SPEC_PATHS.filter((p) => !listed.has(p))).toEqual([]);
  });

  it('names only catalog types in references and parents, and only the read consent set as permissions', () => {
    const types = new Set(ENTRA_CATALOG.map((d) => d.type));
    expect(types.size).toBe(ENTRA_CATALOG.length);
    const refTypes = ENTRA_CATALOG.flatMap((d) => (d.refs ?? []).flatMap((r) => [r.type].flat()));
    expect(refTypes.filter((t) => !types.has(t))).toEqual([]);
    expect(ENTRA_CATALOG.filter((d) => d.parent && !types.has(d.parent))).toEqual([]);
    for (const d of ENTRA_CATALOG) expect(READ_PERMISSIONS).toContain(d.permission);
  });

  it('describes each type for the domain: CA policy references, secrets, restore facts', () => {
    const info = new Map(ENTRA_CATALOG.map((d) => [d.type, entraTypeInfo(d)]));
    const ca = info.get('conditionalAccessPolicy')!;
    expect(new Set(ca.references.flatMap((r) => [r.type].flat()))).toEqual(
      new Set([
        'user',
        'group',
        'directoryRole',
        'application',
        'servicePrincipal',
        'namedLocation',
        'authenticationContext',
        'authenticationStrength',
      ]),
    );
    expect(info.get('application')!.secretFields).toEqual(['passwordCredentials[].secretText', 'keyCredentials[].key']);
    expect(info.get('group.members')).toMatchObject({ parent: 'group', singleton: true, scope: 'Group.Read.All' });
    expect(info.get('subscribedSku')!.restore).toMatchObject({
      create: false,
      update: false,
      reason: expect.any(String),
    });
    expect(info.get('authorizationPolicy')).toMatchObject({
      singleton: true,
      restore: { create: false, update: true },
    });
    expect(ENTRA_CATALOG.filter((d) => !d.restore).map((d) => d.type)).toEqual([]);
  });

  it('knows which types each permission leaves out, children with their parents', () => {
    expect(entraTypesLeftOut('Group.Read.All')).toEqual(['group', 'group.members', 'group.owners']);
    expect(entraTypesLeftOut('Application.Read.All')).toEqual([
      'application',
      'application.federatedIdentityCredential',
      'servicePrincipal',
      'servicePrincipal.appRoleAssignedTo',
    ]);
  });

  it('has delta reads where Graph has them', () => {
    expect(
      ENTRA_CATALOG.filter((d) => d.delta)
        .map((d) => d.type)
        .sort(),
    ).toEqual(
      [
        'administrativeUnit',
        'application',
        'directoryRole',
        'group',
        'oauth2PermissionGrant',
        'servicePrincipal',
        'user',
      ].sort(),
    );
  });
});
