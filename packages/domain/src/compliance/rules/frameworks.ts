import type { FrameworkMappings } from '../types.ts';

/** A STIG rule's mappings: its vulnerability id, the NIST 800-53 controls the STIG's CCIs name, SOC 2 and ISO 27001:2022. */
export const stig = (vuln: string, nist80053: string[], soc2: string[], iso27001: string[]): FrameworkMappings => ({
  stig: vuln,
  soc2,
  iso27001,
  nist80053,
});

/** Rules beyond the STIG (Okta's hardening advice, Butterfly's readiness): no STIG id, no NIST from it. */
export const beyondStig = (soc2: string[], iso27001: string[]): FrameworkMappings => ({
  soc2,
  iso27001,
  nist80053: [],
});
