import type { ComplianceRule } from '../types.ts';
import { ADMIN_RULES } from './scuba-gws-admins.ts';
import { GOOGLE_FRAMEWORKS as F, settingRule, type SettingRuleDef } from './scuba-gws.fns.ts';
import { humanSeconds, is, seconds } from './gws.fns.ts';

/**
 * The CISA SCuBA Google Workspace baseline, GWS.COMMONCONTROLS (and GMAIL.1.1), the checks evaluable
 * from configuration (shared spec google.md §D, after ScubaGoggles' Rego), judged on a Google
 * connection's snapshot per org unit and group on effective settings (decision 065). SHALL policies
 * are CAT II, SHOULD policies CAT III.
 */
const ADMIN = 'Google Admin console';
const TSV = 'security.two_step_verification';
const PASSWORD = 'security.password';
const DAY = 86_400;

/** 2SV is enforced when `enforcedFrom` is a time at or before the snapshot. */
function notEnforced(read: (t: string, f: string) => unknown, takenAt: Date): string | null {
  const from = read(`${TSV}_enforcement`, 'enforcedFrom');
  if (typeof from !== 'string' || Number.isNaN(Date.parse(from)))
    return `${is('enforcedFrom', from ?? undefined)} (2SV not enforced)`;
  return Date.parse(from) > takenAt.getTime()
    ? `enforcedFrom is ${from}, after the snapshot (2SV not enforced yet)`
    : null;
}

const equals =
  (type: string, field: string, want: unknown) =>
  (read: (t: string, f: string) => unknown): string | null => {
    const v = read(type, field);
    return v === want ? null : `${is(field, v ?? undefined)} (required ${String(want)})`;
  };

const atLeast =
  (type: string, field: string, min: number) =>
  (read: (t: string, f: string) => unknown): string | null => {
    const v = read(type, field);
    return typeof v === 'number' && v >= min ? null : `${is(field, v ?? undefined)} (required ≥ ${min})`;
  };

const defs: SettingRuleDef[] = [
  {
    id: 'GWS.COMMONCONTROLS.1.1v1',
    title: 'Phishing-resistant MFA is required for all users',
    requirement: 'Phishing-resistant MFA SHALL be required for all users (passkeys or security keys only).',
    fields: [
      { type: `${TSV}_enrollment`, field: 'allowEnrollment' },
      { type: `${TSV}_enforcement`, field: 'enforcedFrom' },
      { type: `${TSV}_enforcement_factor`, field: 'allowedSignInFactorSet' },
    ],
    check:
      '2SV enrollment allowed, enforced (enforcedFrom set, not after the snapshot) and allowedSignInFactorSet = PASSKEY_ONLY',
    remediation: `${ADMIN} › Security › Authentication › 2-Step Verification: Allow users to turn on 2SV, Enforcement On, Methods "Only security key".`,
    frameworks: F.mfa,
    judge: (read, { takenAt }) => {
      const problems = [
        read(`${TSV}_enrollment`, 'allowEnrollment') === true
          ? null
          : is('allowEnrollment', read(`${TSV}_enrollment`, 'allowEnrollment')),
        notEnforced(read, takenAt),
        equals(`${TSV}_enforcement_factor`, 'allowedSignInFactorSet', 'PASSKEY_ONLY')(read),
      ].filter(Boolean);
      return problems.length ? problems.join(', ') : null;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.1.2v1',
    title: '2-Step Verification is enforced for all users',
    requirement: 'If phishing-resistant MFA is not yet tenable, an MFA method SHALL be required for all users.',
    fields: [{ type: `${TSV}_enforcement`, field: 'enforcedFrom' }],
    check: 'enforcedFrom is set and not after the snapshot',
    remediation: `${ADMIN} › Security › Authentication › 2-Step Verification › Enforcement: On (from a date in the past).`,
    frameworks: F.mfa,
    judge: (read, { takenAt }) => notEnforced(read, takenAt),
  },
  {
    id: 'GWS.COMMONCONTROLS.1.3v1',
    title: 'SMS and voice calls are not 2SV methods',
    requirement: 'SMS or voice call SHALL NOT be used for MFA.',
    fields: [{ type: `${TSV}_enforcement_factor`, field: 'allowedSignInFactorSet' }],
    check: 'allowedSignInFactorSet is set and is not ALL',
    remediation: `${ADMIN} › Security › Authentication › 2-Step Verification › Methods: "Any except verification codes via text, phone call" or "Only security key".`,
    frameworks: F.mfa,
    judge: (read) => {
      const v = read(`${TSV}_enforcement_factor`, 'allowedSignInFactorSet');
      return typeof v === 'string' && v !== 'ALL'
        ? null
        : `${is('allowedSignInFactorSet', v ?? undefined)} (SMS and voice allowed)`;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.1.4v1',
    title: 'New users enroll in 2SV within a week',
    requirement: 'The new-user enrollment period for 2SV SHALL be set to at most one week.',
    fields: [{ type: `${TSV}_grace_period`, field: 'enrollmentGracePeriod' }],
    check: 'enrollmentGracePeriod > 0s and ≤ 7 days (604800s)',
    remediation: `${ADMIN} › Security › Authentication › 2-Step Verification › New user enrollment period: 1 week (or less, not None).`,
    frameworks: F.mfa,
    judge: (read) => {
      const s = seconds(read(`${TSV}_grace_period`, 'enrollmentGracePeriod'));
      if (s !== undefined && s > 0 && s <= 7 * DAY) return null;
      return s === undefined
        ? `${is('enrollmentGracePeriod', read(`${TSV}_grace_period`, 'enrollmentGracePeriod') ?? undefined)} (required 1 s–7 days)`
        : `enrollmentGracePeriod is ${humanSeconds(s)} (required 1 s–7 days)`;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.1.5v1',
    title: 'Users cannot trust a device to skip 2SV',
    requirement: 'Allow users to trust the device SHALL be disabled.',
    fields: [{ type: `${TSV}_device_trust`, field: 'allowTrustingDevice' }],
    check: 'allowTrustingDevice = false',
    remediation: `${ADMIN} › Security › Authentication › 2-Step Verification: untick "Allow user to trust the device".`,
    frameworks: F.mfa,
    judge: equals(`${TSV}_device_trust`, 'allowTrustingDevice', false),
  },
  {
    id: 'GWS.COMMONCONTROLS.4.1v1',
    title: 'Users re-authenticate at least every 12 hours',
    requirement: 'Users SHALL be forced to re-authenticate after an established 12-hour web session.',
    fields: [{ type: 'security.session_controls', field: 'webSessionDuration' }],
    check: 'webSessionDuration ≤ 12 h (43200s)',
    remediation: `${ADMIN} › Security › Access and data control › Google session control › Web session duration: 12 hours or less.`,
    frameworks: F.session,
    judge: (read) => {
      const raw = read('security.session_controls', 'webSessionDuration');
      const s = seconds(raw);
      if (s !== undefined && s <= 12 * 3600) return null;
      return `webSessionDuration is ${s === undefined ? (raw === undefined ? 'not set' : String(raw)) : humanSeconds(s)} (required ≤ 12 h)`;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.5.1v1',
    title: 'Strong passwords are required',
    requirement: 'User password strength SHALL be enforced.',
    fields: [{ type: PASSWORD, field: 'allowedStrength' }],
    check: 'allowedStrength = STRONG',
    remediation: `${ADMIN} › Security › Authentication › Password management: Enforce strong password.`,
    frameworks: F.password,
    judge: equals(PASSWORD, 'allowedStrength', 'STRONG'),
  },
  {
    id: 'GWS.COMMONCONTROLS.5.2v1',
    title: 'Passwords are at least 12 characters',
    requirement: 'User password length SHALL be at least 12 characters.',
    fields: [{ type: PASSWORD, field: 'minimumLength' }],
    check: 'minimumLength ≥ 12',
    remediation: `${ADMIN} › Security › Authentication › Password management › Length: minimum 12 (16 recommended).`,
    frameworks: F.password,
    judge: atLeast(PASSWORD, 'minimumLength', 12),
  },
  {
    id: 'GWS.COMMONCONTROLS.5.3v1',
    title: 'Passwords are at least 16 characters',
    should: true,
    requirement: 'User password length SHOULD be at least 16 characters.',
    fields: [{ type: PASSWORD, field: 'minimumLength' }],
    check: 'minimumLength ≥ 16',
    remediation: `${ADMIN} › Security › Authentication › Password management › Length: minimum 16.`,
    frameworks: F.password,
    judge: atLeast(PASSWORD, 'minimumLength', 16),
  },
  {
    id: 'GWS.COMMONCONTROLS.5.4v1',
    title: 'The password policy applies at the next sign-in',
    requirement: 'Enforce password policy at next sign-in SHALL be enabled.',
    fields: [{ type: PASSWORD, field: 'enforceRequirementsAtLogin' }],
    check: 'enforceRequirementsAtLogin = true',
    remediation: `${ADMIN} › Security › Authentication › Password management: tick "Enforce password policy at next sign-in".`,
    frameworks: F.password,
    judge: equals(PASSWORD, 'enforceRequirementsAtLogin', true),
  },
  {
    id: 'GWS.COMMONCONTROLS.5.5v1',
    title: 'Passwords cannot be reused',
    requirement: 'User passwords SHALL NOT be reused.',
    fields: [{ type: PASSWORD, field: 'allowReuse' }],
    check: 'allowReuse = false',
    remediation: `${ADMIN} › Security › Authentication › Password management: untick "Allow password reuse".`,
    frameworks: F.password,
    judge: equals(PASSWORD, 'allowReuse', false),
  },
  {
    id: 'GWS.COMMONCONTROLS.5.6v1',
    title: 'Passwords do not expire',
    requirement: 'User passwords SHALL NOT expire.',
    fields: [{ type: PASSWORD, field: 'expirationDuration' }],
    check: 'expirationDuration = 0s (never)',
    remediation: `${ADMIN} › Security › Authentication › Password management › Expiration: Never expires.`,
    frameworks: F.password,
    judge: (read) =>
      seconds(read(PASSWORD, 'expirationDuration')) === 0
        ? null
        : `${is('expirationDuration', read(PASSWORD, 'expirationDuration') ?? undefined)} (required 0s, never)`,
  },
  {
    id: 'GWS.COMMONCONTROLS.7.1v1',
    title: 'Conflicting unmanaged accounts are replaced',
    requirement:
      'Account conflict management SHALL be configured to replace conflicting unmanaged accounts with managed ones.',
    fields: [{ type: 'provisioning.conflicting_accounts_management', field: 'option' }],
    check: 'option = REPLACE_CONFLICTING_ACCOUNT',
    remediation: `${ADMIN} › Account › Account settings › Conflicting accounts management: "Replace conflicting unmanaged accounts with managed ones".`,
    frameworks: F.accounts,
    judge: equals('provisioning.conflicting_accounts_management', 'option', 'REPLACE_CONFLICTING_ACCOUNT'),
  },
  {
    id: 'GWS.COMMONCONTROLS.8.1v1',
    title: 'Super admins cannot recover their own accounts',
    requirement: 'Account self-recovery for Super Admins SHALL be disabled.',
    fields: [{ type: 'security.super_admin_account_recovery', field: 'enableAccountRecovery' }],
    check: 'enableAccountRecovery = false',
    remediation: `${ADMIN} › Security › Authentication › Account recovery › Super admin account recovery: off.`,
    frameworks: F.privileged,
    judge: equals('security.super_admin_account_recovery', 'enableAccountRecovery', false),
  },
  {
    id: 'GWS.COMMONCONTROLS.8.2v1',
    title: 'Users cannot recover their own accounts',
    requirement: 'User account self-recovery SHALL be disabled.',
    fields: [{ type: 'security.user_account_recovery', field: 'enableAccountRecovery' }],
    check: 'enableAccountRecovery = false',
    remediation: `${ADMIN} › Security › Authentication › Account recovery › User account recovery: off.`,
    frameworks: F.accounts,
    judge: equals('security.user_account_recovery', 'enableAccountRecovery', false),
  },
  {
    id: 'GWS.COMMONCONTROLS.10.1v1',
    title: 'Third-party access to Google services is restricted',
    requirement: 'Agencies SHALL use the API controls to restrict access to Google services by third-party apps.',
    fields: [{ type: 'api_controls.google_services', field: 'services' }],
    check: 'Every service in services[] has scopesGroup = RESTRICTED',
    remediation: `${ADMIN} › Security › Access and data control › API controls › Google services: set every service to Restricted.`,
    frameworks: F.apps,
    judge: (read) => {
      const services = read('api_controls.google_services', 'services');
      if (!Array.isArray(services) || !services.length) return 'services is not set (no service restricted)';
      const open = services.filter((x) => (x as { scopesGroup?: unknown }).scopesGroup !== 'RESTRICTED');
      return open.length
        ? `${open.map((x) => `${String((x as { serviceId?: unknown }).serviceId)} is ${String((x as { scopesGroup?: unknown }).scopesGroup ?? 'not set')}`).join(', ')} (required RESTRICTED)`
        : null;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.10.3v1',
    title: 'Internal apps are not trusted automatically',
    requirement: 'Agencies SHALL NOT automatically trust internal apps (domain-owned apps) with Google data.',
    fields: [{ type: 'api_controls.internal_apps', field: 'trustInternalApps' }],
    check: 'trustInternalApps = false',
    remediation: `${ADMIN} › Security › Access and data control › API controls › Settings: untick "Trust internal, domain-owned apps".`,
    frameworks: F.apps,
    judge: equals('api_controls.internal_apps', 'trustInternalApps', false),
  },
  {
    id: 'GWS.COMMONCONTROLS.10.4v1',
    title: 'Unconfigured third-party apps are blocked',
    requirement: 'Agencies SHALL block access to unconfigured third-party apps.',
    fields: [{ type: 'api_controls.unconfigured_third_party_apps', field: 'accessLevel' }],
    check: 'accessLevel = BLOCK_ALL_SCOPES',
    remediation: `${ADMIN} › Security › Access and data control › API controls › Settings › Unconfigured third-party apps: "Don't allow users to access any third-party apps" (then trust Butterfly's client id, see the Google onboarding page).`,
    frameworks: F.apps,
    judge: equals('api_controls.unconfigured_third_party_apps', 'accessLevel', 'BLOCK_ALL_SCOPES'),
  },
  {
    id: 'GWS.COMMONCONTROLS.10.5v1',
    title: 'Less secure apps are blocked',
    requirement: 'Access to less secure apps SHALL be disabled.',
    fields: [{ type: 'security.less_secure_apps', field: 'allowLessSecureApps' }],
    check: 'allowLessSecureApps = false',
    remediation: `${ADMIN} › Security › Access and data control › Less secure apps: Disable access to less secure apps.`,
    frameworks: F.apps,
    judge: equals('security.less_secure_apps', 'allowLessSecureApps', false),
  },
  {
    id: 'GWS.COMMONCONTROLS.11.1v1',
    title: 'Only allow-listed Marketplace apps can be installed',
    requirement: 'Only approved Google Workspace Marketplace applications SHALL be allowed for installation.',
    fields: [
      { type: 'workspace_marketplace.apps_access_options', field: 'accessLevel' },
      { type: 'workspace_marketplace.apps_access_options', field: 'allowAllInternalApps' },
    ],
    check: 'accessLevel = ALLOW_LISTED_APPS with allowAllInternalApps = false, or accessLevel = ALLOW_NONE',
    remediation: `${ADMIN} › Apps › Google Workspace Marketplace apps › Settings: "Allow users to install and run only selected apps from the Marketplace", internal apps not all allowed.`,
    frameworks: F.apps,
    judge: (read) => {
      const T = 'workspace_marketplace.apps_access_options';
      const level = read(T, 'accessLevel');
      if (level === 'ALLOW_NONE') return null;
      if (level === 'ALLOW_LISTED_APPS')
        return read(T, 'allowAllInternalApps') === false
          ? null
          : `${is('allowAllInternalApps', read(T, 'allowAllInternalApps') ?? undefined)} (required false)`;
      return `${is('accessLevel', level ?? undefined)} (required ALLOW_LISTED_APPS or ALLOW_NONE)`;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.12.1v1',
    title: 'Google Takeout is off for every service',
    requirement: 'Google Takeout services SHALL be disabled.',
    fields: (types) =>
      types.filter((t) => t.endsWith('.user_takeout')).map((type) => ({ type, field: 'takeoutStatus' })),
    check: 'takeoutStatus = DISABLED in every <service>.user_takeout setting',
    remediation: `${ADMIN} › Data › Data import & export › Google Takeout › User access to Takeout for Google services: Off for every service.`,
    frameworks: F.data,
    judge: (read, { types }) => {
      const takeout = types.filter((t) => t.endsWith('.user_takeout'));
      if (!takeout.length) return 'no Takeout setting is set';
      const on = takeout.filter((t) => read(t, 'takeoutStatus') !== 'DISABLED');
      return on.length
        ? `${on.map((t) => `${t.split('.')[0]} ${String(read(t, 'takeoutStatus') ?? 'not set')}`).join(', ')} (required DISABLED)`
        : null;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.13.1v1',
    title: 'Required system-defined alerts are on',
    requirement: 'Required system-defined alerts SHALL be enabled, with alerts sent to the designated recipients.',
    fields: [{ type: 'rule.system_defined_alerts', field: '' }],
    rootOnly: true,
    check: 'Every rule.system_defined_alerts policy has state = ACTIVE',
    remediation: `${ADMIN} › Rules: turn on every system-defined alert (filter Type: System defined), sending to the security team.`,
    frameworks: F.monitoring,
    judge: (read) => {
      const alerts = read('rule.system_defined_alerts', '');
      if (!Array.isArray(alerts) || !alerts.length) return 'no system-defined alert is set';
      const off = alerts.filter((a) => (a as { state?: unknown }).state !== 'ACTIVE');
      return off.length
        ? `${off.map((a) => `"${String((a as { displayName?: unknown }).displayName)}" is ${String((a as { state?: unknown }).state)}`).join(', ')} (required ACTIVE)`
        : null;
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.15.1v1',
    title: 'Data at rest is stored in the United States',
    should: true,
    requirement: 'The data storage region SHOULD be set to the United States (Workspace editions with data regions).',
    fields: [{ type: 'data_regions.data_at_rest_region', field: 'region' }],
    check: 'region = US',
    remediation: `${ADMIN} › Data › Compliance › Data regions: United States.`,
    frameworks: F.data,
    judge: equals('data_regions.data_at_rest_region', 'region', 'US'),
  },
  {
    id: 'GWS.GMAIL.1.1v1',
    title: 'Mail delegation is off',
    should: true,
    requirement: "Mail delegation SHOULD be disabled (the baseline's optional Gmail check).",
    fields: [{ type: 'gmail.mail_delegation', field: 'enableMailDelegation' }],
    check: 'enableMailDelegation = false',
    remediation: `${ADMIN} › Apps › Google Workspace › Gmail › User settings › Mail delegation: untick "Let users delegate access to their mailbox".`,
    frameworks: F.data,
    judge: equals('gmail.mail_delegation', 'enableMailDelegation', false),
  },
];

/** The GWS rules Butterfly judges on Google Workspace connections. */
export const SCUBA_GWS_RULES: readonly ComplianceRule[] = [...defs.map(settingRule), ...ADMIN_RULES];
