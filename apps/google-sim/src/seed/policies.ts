import { shortId } from '../model/ids.ts';
import { policyResource, type TTarget } from '../model/policy.ts';
import type { TCustomer, TObj } from '../model/types.ts';

const DAY = 86_400;

/** Adds one seeded policy (its name is fixed by customer, type and target). */
export function addPolicy(
  c: TCustomer,
  type: string,
  value: TObj,
  target: TTarget,
  kind: 'ADMIN' | 'SYSTEM' = 'ADMIN',
) {
  const p = policyResource(
    c,
    `policies/${shortId(22, c.id, 'policy', type, JSON.stringify(target))}`,
    `settings/${type}`,
    value,
    target,
    kind,
  );
  c.policies.set(p.name as string, p);
}

/**
 * The demo customer's settings. Deliberate GWS.COMMONCONTROLS failures at the root OU (see the
 * README table): 1.1/1.3 (factors ALL), 1.4 (14-day grace), 1.5 (trust device), 4.1 (14-day web
 * session), 5.2 (length 8), 5.4 (not enforced at login), 7.1, 8.1, 10.1 (Drive unrestricted),
 * 10.3, 10.4, 11.1, 12.1 (Takeout on for Drive), 13.1 (one alert off), 15.1, GMAIL.1.1. The
 * Engineering OU overrides 4.1 and 1.1 (passes there); Contractors has 2SV not enforced (1.2 fails
 * there only); a group policy (sortOrder 2) allows trusting devices for the admins group.
 */
export function seedDemoPolicies(c: TCustomer, ou: Record<string, string>, groups: Record<string, string>) {
  const root = { orgUnitId: ou['/']! };
  const sys = (type: string, value: TObj) => addPolicy(c, type, value, root, 'SYSTEM');
  const set = (type: string, value: TObj, target: TTarget = root) => addPolicy(c, type, value, target);

  set('security.two_step_verification_enrollment', { allowEnrollment: true });
  set('security.two_step_verification_enforcement', { enforcedFrom: '2025-03-01T00:00:00Z' });
  set('security.two_step_verification_enforcement', { enforcedFrom: null }, { orgUnitId: ou['/Contractors']! });
  set('security.two_step_verification_enforcement_factor', { allowedSignInFactorSet: 'ALL' });
  set(
    'security.two_step_verification_enforcement_factor',
    { allowedSignInFactorSet: 'PASSKEY_ONLY' },
    { orgUnitId: ou['/Engineering']! },
  );
  set('security.two_step_verification_grace_period', { enrollmentGracePeriod: `${14 * DAY}s` });
  set('security.two_step_verification_device_trust', { allowTrustingDevice: true });
  set(
    'security.two_step_verification_device_trust',
    { allowTrustingDevice: false },
    { orgUnitId: ou['/Engineering']! },
  );
  set(
    'security.two_step_verification_device_trust',
    { allowTrustingDevice: true },
    { groupId: groups['it-ops']!, sortOrder: 2 },
  );
  sys('security.two_step_verification_sign_in_code', { backupCodeExceptionPeriod: '0s' });
  set('security.session_controls', { webSessionDuration: `${14 * DAY}s` });
  set('security.session_controls', { webSessionDuration: `${12 * 3600}s` }, { orgUnitId: ou['/Engineering']! });
  set('security.password', {
    allowedStrength: 'STRONG',
    minimumLength: 8,
    maximumLength: 100,
    enforceRequirementsAtLogin: false,
    allowReuse: false,
    expirationDuration: '0s',
  });
  set('security.super_admin_account_recovery', { enableAccountRecovery: true });
  sys('security.user_account_recovery', { enableAccountRecovery: false });
  sys('security.less_secure_apps', { allowLessSecureApps: false });
  set('security.login_challenges', { enableEmployeeIdChallenge: false });
  set('provisioning.conflicting_accounts_management', { option: 'INVITE_CONFLICTING_ACCOUNT' });
  set('api_controls.unconfigured_third_party_apps', { accessLevel: 'ALLOW_ALL_SCOPES' });
  set('api_controls.internal_apps', { trustInternalApps: true });
  set('api_controls.google_services', {
    services: [
      { serviceId: 'gmail', scopesGroup: 'RESTRICTED' },
      { serviceId: 'drive', scopesGroup: 'UNRESTRICTED' },
      { serviceId: 'calendar', scopesGroup: 'RESTRICTED' },
    ],
  });
  set('workspace_marketplace.apps_access_options', { accessLevel: 'ALLOW_ALL', allowAllInternalApps: true });
  sys('gmail.user_takeout', { takeoutStatus: 'DISABLED' });
  set('drive_and_docs.user_takeout', { takeoutStatus: 'ENABLED' });
  sys('calendar.user_takeout', { takeoutStatus: 'DISABLED' });
  for (const [name, state] of [
    ['Suspicious login', 'ACTIVE'],
    ['User suspended due to suspicious activity', 'ACTIVE'],
    ['Suspicious programmatic login', 'INACTIVE'],
    ['Government-backed attacks', 'ACTIVE'],
  ] as const)
    addPolicy(
      c,
      'rule.system_defined_alerts',
      { displayName: name, state },
      { orgUnitId: ou['/']!, sortOrder: name.length },
      'SYSTEM',
    );
  set('data_regions.data_at_rest_region', { region: 'ANY_REGION' });
  set('gmail.mail_delegation', { enableMailDelegation: true });
  set('gmail.mail_delegation', { enableMailDelegation: false }, { orgUnitId: ou['/Finance']! });
  sys('drive_and_docs.external_sharing', { externalSharingMode: 'ALLOWED', warnForExternalSharing: true });
  sys('sites.service_status', { serviceState: 'ENABLED' });
}

/** The other customer's settings: compliant ones, so nothing there can be mistaken for the demo's. */
export function seedOtherPolicies(c: TCustomer, rootOuId: string) {
  const root = { orgUnitId: rootOuId };
  addPolicy(c, 'security.two_step_verification_enforcement', { enforcedFrom: '2024-01-01T00:00:00Z' }, root);
  addPolicy(c, 'security.two_step_verification_enforcement_factor', { allowedSignInFactorSet: 'PASSKEY_ONLY' }, root);
  addPolicy(
    c,
    'security.password',
    {
      allowedStrength: 'STRONG',
      minimumLength: 16,
      enforceRequirementsAtLogin: true,
      allowReuse: false,
      expirationDuration: '0s',
    },
    root,
  );
}
