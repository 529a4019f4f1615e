export type * from './types.ts';
export { ComplianceObjectTypes, scopeOf, type ComplianceObjectType } from './object-types.ts';
export { COMPLIANCE_RULES } from './rules/index.ts';
export { RULESET_VERSION, compareScans, countResults, runScan } from './engine.ts';
export { createMemorySnapshot } from './memory-snapshot.ts';
export { renderRuleTable, withRenderedRuleTable } from './render-rule-table.fns.ts';
export { failingObjects, judgedObjects, type JudgedObject } from './compliance.fns.ts';
export { OKTA_IDAAS_STIG, STIG_TEXTS, stigTextOf } from './stig-okta-idaas.ts';
export {
  ALL_RULES,
  ENTRA_RULESET_VERSION,
  GOOGLE_RULESET_VERSION,
  hasRuleset,
  rulesetFor,
  type RulesetProvider,
} from './rulesets.ts';
export { SCUBA_AAD_RULES } from './entra/scuba-aad.ts';
export { AAD_PREMIUM_P2_PLAN_ID } from './entra/scuba.fns.ts';
export { SCUBA_GWS_RULES } from './google/scuba-gws.ts';
export {
  effectiveSettings,
  type EffectiveSetting,
  type EffectiveSettings,
  type EntitySettings,
} from './google/effective-settings.fns.ts';
