export type * from './types.ts';
export { ComplianceObjectTypes, scopeOf, type ComplianceObjectType } from './object-types.ts';
export { COMPLIANCE_RULES } from './rules/index.ts';
export { RULESET_VERSION, compareScans, countResults, runScan } from './engine.ts';
export { createMemorySnapshot } from './memory-snapshot.ts';
export { renderRuleTable, withRenderedRuleTable } from './render-rule-table.fns.ts';
export { failingObjects, judgedObjects, type JudgedObject } from './compliance.fns.ts';
export { OKTA_IDAAS_STIG, STIG_TEXTS, stigTextOf } from './stig-okta-idaas.ts';
