import { runScan } from '../engine.ts';
import { SCUBA_GWS_RULES } from '../google/scuba-gws.ts';
import { createMemorySnapshot } from '../memory-snapshot.ts';
import type { ScanResult, SnapshotObject } from '../types.ts';

/**
 * A Google Workspace customer shaped as the Google connector stores it (catalog keys, Directory and
 * Cloud Identity JSON), compliant with every GWS rule (decision 065): org units /, /Engineering,
 * /Engineering/Backend, /Sales; the group it-ops; three super admins.
 */
export type Customer = Record<string, SnapshotObject[]>;
export const OU = { root: 'r00t', eng: '0eng', backend: '0bck', sales: '0sal' } as const;
export const IT_OPS = 'g-itops';

const DAY = 86_400;
let seq = 0;

export function policy(
  type: string,
  value: unknown,
  target: { orgUnit?: string; group?: string; sortOrder?: number } = { orgUnit: OU.root },
  kind: 'ADMIN' | 'SYSTEM' = 'ADMIN',
): SnapshotObject {
  const id = `pol${String(++seq).padStart(4, '0')}`;
  return {
    id,
    body: {
      name: `policies/${id}`,
      customer: 'customers/C0test',
      type: kind,
      setting: { type: `settings/${type}`, value },
      policyQuery: {
        ...(target.group ? { group: `groups/${target.group}` } : { orgUnit: `orgUnits/${target.orgUnit ?? OU.root}` }),
        sortOrder: target.sortOrder ?? 1,
      },
    },
  };
}

const user = (id: string, orgUnitPath: string, isAdmin: boolean, extra: Record<string, unknown> = {}) => ({
  id,
  body: { id, primaryEmail: `${id}@corp.example`, isAdmin, suspended: false, orgUnitPath, ...extra },
});

export function compliantCustomer(): Customer {
  return {
    orgUnit: [
      { id: OU.root, body: { orgUnitId: `id:${OU.root}`, orgUnitPath: '/', name: 'corp' } },
      { id: OU.eng, body: { orgUnitId: `id:${OU.eng}`, orgUnitPath: '/Engineering', parentOrgUnitPath: '/' } },
      {
        id: OU.backend,
        body: { orgUnitId: `id:${OU.backend}`, orgUnitPath: '/Engineering/Backend', parentOrgUnitPath: '/Engineering' },
      },
      { id: OU.sales, body: { orgUnitId: `id:${OU.sales}`, orgUnitPath: '/Sales', parentOrgUnitPath: '/' } },
    ],
    group: [{ id: IT_OPS, body: { id: IT_OPS, email: 'it-ops@corp.example' } }],
    'group.members': [{ id: IT_OPS, body: { members: [{ id: 'u-admin2', type: 'USER' }] } }],
    user: [
      user('u-admin1', '/', true),
      user('u-admin2', '/Engineering', true),
      user('u-admin3', '/', true),
      user('u-former', '/', true, { suspended: true }),
      user('u-staff', '/Sales', false),
    ],
    inboundSsoAssignment: [{ id: 'sso-root', body: { targetOrgUnit: `orgUnits/${OU.root}`, ssoMode: 'SSO_OFF' } }],
    policy: [
      policy('security.two_step_verification_enrollment', { allowEnrollment: true }),
      policy('security.two_step_verification_enforcement', { enforcedFrom: '2025-01-01T00:00:00Z' }),
      policy('security.two_step_verification_enforcement_factor', { allowedSignInFactorSet: 'PASSKEY_ONLY' }),
      policy('security.two_step_verification_grace_period', { enrollmentGracePeriod: `${7 * DAY}s` }),
      policy('security.two_step_verification_device_trust', { allowTrustingDevice: false }),
      policy('security.session_controls', { webSessionDuration: `${12 * 3600}s` }),
      policy('security.password', {
        allowedStrength: 'STRONG',
        minimumLength: 16,
        enforceRequirementsAtLogin: true,
        allowReuse: false,
        expirationDuration: '0s',
      }),
      policy('provisioning.conflicting_accounts_management', { option: 'REPLACE_CONFLICTING_ACCOUNT' }),
      policy('security.super_admin_account_recovery', { enableAccountRecovery: false }),
      policy('security.user_account_recovery', { enableAccountRecovery: false }, undefined, 'SYSTEM'),
      policy('api_controls.google_services', {
        services: [
          { serviceId: 'gmail', scopesGroup: 'RESTRICTED' },
          { serviceId: 'drive', scopesGroup: 'RESTRICTED' },
        ],
      }),
      policy('api_controls.internal_apps', { trustInternalApps: false }),
      policy('api_controls.unconfigured_third_party_apps', { accessLevel: 'BLOCK_ALL_SCOPES' }),
      policy('security.less_secure_apps', { allowLessSecureApps: false }, undefined, 'SYSTEM'),
      policy('workspace_marketplace.apps_access_options', {
        accessLevel: 'ALLOW_LISTED_APPS',
        allowAllInternalApps: false,
      }),
      policy('gmail.user_takeout', { takeoutStatus: 'DISABLED' }),
      policy('drive_and_docs.user_takeout', { takeoutStatus: 'DISABLED' }),
      policy(
        'rule.system_defined_alerts',
        { displayName: 'Suspicious login', state: 'ACTIVE' },
        { sortOrder: 1 },
        'SYSTEM',
      ),
      policy(
        'rule.system_defined_alerts',
        { displayName: 'Leaked password', state: 'ACTIVE' },
        { sortOrder: 2 },
        'SYSTEM',
      ),
      policy('data_regions.data_at_rest_region', { region: 'US' }),
      policy('gmail.mail_delegation', { enableMailDelegation: false }),
    ],
  };
}

/** One GWS rule over a customer, through the engine (so missing data is handled as in a scan). */
export async function runGwsRule(id: string, customer: Customer, scopesMissing?: string[]): Promise<ScanResult> {
  const rule = SCUBA_GWS_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const snapshot = createMemorySnapshot(customer, { takenAt: new Date('2026-12-07T12:00:00Z'), scopesMissing });
  const [r] = await runScan([rule], snapshot);
  return r!;
}

/** The customer with one more policy (an override on an org unit or group). */
export const withPolicy = (c: Customer, p: SnapshotObject): Customer => ({ ...c, policy: [...c.policy!, p] });

/** The customer with the root policy of `type` given another value (merged). */
export function withRootValue(c: Customer, type: string, value: Record<string, unknown>): Customer {
  return {
    ...c,
    policy: c.policy!.map((p) => {
      const b = p.body as {
        setting: { type: string; value: Record<string, unknown> };
        policyQuery: { orgUnit?: string };
      };
      return b.setting.type === `settings/${type}` && b.policyQuery.orgUnit === `orgUnits/${OU.root}`
        ? { ...p, body: { ...b, setting: { ...b.setting, value: { ...b.setting.value, ...value } } } }
        : p;
    }),
  };
}
