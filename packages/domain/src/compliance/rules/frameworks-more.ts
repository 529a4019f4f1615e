import type { FrameworkMappings } from '../types.ts';

/** The frameworks added in rule set 2026.12.2: HIPAA (45 CFR 164.312), PCI DSS 4.0 and CIS Controls v8. */
export type MoreMappings = Required<Pick<FrameworkMappings, 'hipaa' | 'pciDss4' | 'cisV8'>>;

const m = (hipaa: string[], pciDss4: string[], cisV8: string[]): MoreMappings => ({ hipaa, pciDss4, cisV8 });

// HIPAA 45 CFR 164.312 technical safeguards.
const ACCESS = '164.312(a)(1)'; // access control
const UNIQUE_ID = '164.312(a)(2)(i)'; // unique user identification
const EMERGENCY = '164.312(a)(2)(ii)'; // emergency access procedure
const LOGOFF = '164.312(a)(2)(iii)'; // automatic logoff
const AUDIT = '164.312(b)'; // audit controls
const AUTHN = '164.312(d)'; // person or entity authentication
// 164.308 administrative safeguards, contingency plan: data backup plan, testing and revision.
const BACKUP_PLAN = '164.308(a)(7)(ii)(A)';
const DR_TESTING = '164.308(a)(7)(ii)(D)';

/**
 * Every rule's HIPAA, PCI DSS 4.0 and CIS v8 controls, by rule id. An empty list means the framework
 * has no control the rule provides evidence for (a DoD banner is no HIPAA safeguard); the mapping test
 * keeps that list explicit, so a new rule cannot go unmapped by accident. Where a framework states a
 * threshold (PCI 8.3.4: ≤ 10 attempts; 8.3.6: 12 characters; CIS 5.3: 45 days), the rule's own
 * stricter STIG threshold satisfies it, so a PASS is evidence for the control.
 */
export const MORE_MAPPINGS: Record<string, MoreMappings> = {
  // Sessions
  'OKTA-APP-000020': m([LOGOFF], ['8.2.8'], ['4.3']),
  'OKTA-APP-001665': m([LOGOFF], [], []),
  'OKTA-APP-001710': m([LOGOFF], [], []),
  'OKTA-APP-000025': m([LOGOFF], ['8.2.8'], ['4.3']),
  // Lifecycle
  'OKTA-APP-000090': m([ACCESS], ['8.2.6'], ['5.3']),
  // Passwords
  'OKTA-APP-000170': m([AUTHN], ['8.3.4'], []),
  'OKTA-APP-000650': m([AUTHN], ['8.3.6'], ['5.2']),
  'OKTA-APP-000670': m([AUTHN], ['8.3.6'], []),
  'OKTA-APP-000680': m([AUTHN], ['8.3.6'], []),
  'OKTA-APP-000690': m([AUTHN], ['8.3.6'], []),
  'OKTA-APP-000700': m([AUTHN], ['8.3.6'], []),
  'OKTA-APP-000740': m([AUTHN], ['8.3.7'], []),
  'OKTA-APP-000745': m([AUTHN], ['8.3.9'], []),
  'OKTA-APP-002980': m([AUTHN], [], []),
  'OKTA-APP-003010': m([AUTHN], ['8.3.7'], []),
  // Multifactor authentication
  'OKTA-APP-000560': m([AUTHN], ['8.4.1'], ['6.5']),
  'OKTA-APP-000570': m([AUTHN], ['8.4.2', '8.4.3'], ['6.3', '6.4']),
  'OKTA-APP-000180': m([AUTHN], ['8.5.1'], ['6.3']),
  'OKTA-APP-000190': m([AUTHN], ['8.5.1'], ['6.5']),
  'OKTA-APP-001670': m([AUTHN], ['8.3.1'], []),
  'OKTA-APP-001700': m([AUTHN], ['8.3.2'], []),
  // Banner, logging, IdP trust
  'OKTA-APP-000200': m([], [], []),
  'OKTA-APP-001430': m([AUDIT], ['10.3.3'], ['8.2', '8.9']),
  'OKTA-APP-001920': m([AUTHN], [], []),
  // API tokens and networks
  'OKTA-APP-003240': m([ACCESS], ['8.6.3'], []),
  'OKTA-APP-003241': m([UNIQUE_ID], ['8.6.1'], ['5.5']),
  'OKTA-APP-003242': m([ACCESS], [], []),
  'OKTA-APP-003243': m([ACCESS], [], []),
  'OKTA-APP-003244': m([ACCESS], [], []),
  // Okta hardening advice
  'OKTA-HARDEN-ADMIN-MFA': m([AUTHN], ['8.4.1'], ['6.5']),
  'OKTA-HARDEN-SUPER-ADMIN-COUNT': m([ACCESS], ['7.2.2'], ['6.8']),
  'OKTA-HARDEN-SUPER-ADMIN-SHARE': m([ACCESS], ['7.2.2'], ['6.8']),
  'OKTA-HARDEN-ADMIN-SESSION-LIFETIME': m([ACCESS], [], []),
  'OKTA-HARDEN-ADMIN-ASN-BINDING': m([ACCESS], [], []),
  'OKTA-HARDEN-PROTECTED-ACTIONS': m([AUTHN], [], []),
  // Break-glass accounts (decision 037)
  'OKTA-BREAKGLASS-EXISTS': m([EMERGENCY], [], ['5.1']),
  'OKTA-BREAKGLASS-ENABLED': m([EMERGENCY], [], ['5.1']),
  'OKTA-BREAKGLASS-GROUPS': m([EMERGENCY], ['7.2.2'], ['5.4']),
  'OKTA-BREAKGLASS-SIGN-IN': m([EMERGENCY], ['8.2.6'], ['5.3']),
  // Butterfly readiness
  'BUTTERFLY-BACKUP-FRESHNESS': m([BACKUP_PLAN], [], ['11.2']),
  'BUTTERFLY-RESTORE-READINESS': m([DR_TESTING], [], ['11.5']),
};

/** Well-formed control ids per framework, for the mapping test. */
export const CONTROL_ID_FORMS = {
  hipaa: /^164\.3(08|12)\([a-e]\)(\(\d+\))?(\((i|ii|iii|iv|v|vi)\))?(\([A-F]\))?$/,
  pciDss4: /^(7|8|10)\.\d{1,2}\.\d{1,2}(\.\d{1,2})?$/,
  cisV8: /^([1-9]|1[0-8])\.\d{1,2}$/,
} as const;

/** A rule's mappings with the added frameworks from the table (an unlisted rule gets empty lists). */
export function withMoreMappings(id: string, f: FrameworkMappings): FrameworkMappings {
  return { ...f, ...(MORE_MAPPINGS[id] ?? { hipaa: [], pciDss4: [], cisV8: [] }) };
}
