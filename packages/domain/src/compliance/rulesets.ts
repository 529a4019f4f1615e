import { DomainError } from '../errors.ts';
import { SCUBA_AAD_RULES } from './entra/scuba-aad.ts';
import { SCUBA_GWS_RULES } from './google/scuba-gws.ts';
import { RULESET_VERSION } from './engine.ts';
import { COMPLIANCE_RULES } from './rules/index.ts';
import type { ComplianceRule } from './types.ts';

/** The SCuBA MS.AAD rule set's version (decision 058): Okta scans keep RULESET_VERSION unchanged. */
export const ENTRA_RULESET_VERSION = '2026.12.3-scuba-aad-v1';

/** The SCuBA GWS.COMMONCONTROLS rule set's version (decision 065). */
export const GOOGLE_RULESET_VERSION = '2026.12.4-scuba-gws-v1';

export type RulesetProvider = 'okta' | 'entra' | 'google';

/** Whether connections of this provider are scanned at all (every provider Butterfly connects to has a set). */
export const hasRuleset = (provider: string): provider is RulesetProvider =>
  provider === 'okta' || provider === 'entra' || provider === 'google';

/**
 * The rules a connection is scanned with, by its provider: Okta connections get the Okta rule set
 * (DISA STIG, hardening, break-glass, readiness), Entra connections the SCuBA MS.AAD baseline, Google
 * Workspace connections SCuBA GWS.COMMONCONTROLS (decision 065). A
 * provider without one is VALIDATION (nothing scanned), never a silent Okta scan.
 */
export function rulesetFor(provider: string): { rules: readonly ComplianceRule[]; version: string } {
  if (provider === 'okta') return { rules: COMPLIANCE_RULES, version: RULESET_VERSION };
  if (provider === 'entra') return { rules: SCUBA_AAD_RULES, version: ENTRA_RULESET_VERSION };
  if (provider === 'google') return { rules: SCUBA_GWS_RULES, version: GOOGLE_RULESET_VERSION };
  throw new DomainError('VALIDATION', `No compliance rule set for provider ${provider} yet: nothing was scanned`);
}

/** Every rule of every provider (rule pages, exceptions): ids never collide (OKTA-…, MS.AAD.…, GWS.…). */
export const ALL_RULES: readonly ComplianceRule[] = [...COMPLIANCE_RULES, ...SCUBA_AAD_RULES, ...SCUBA_GWS_RULES];
