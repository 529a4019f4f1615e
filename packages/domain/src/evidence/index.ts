/** @butterfly/domain/evidence: the evidence area's use-cases and types, for the apps, API and jobs. */
export { getEvidenceKey } from './get-evidence-key.ts';
export { prepareEvidenceExport } from './prepare-evidence-export.ts';
export { describeEvidenceExport, EVIDENCE_FORMATS, type EvidenceFormat } from './describe-evidence-export.ts';
export { collectPeriodEvidence } from './collect-period-evidence.ts';
export { preparePeriodEvidenceExport } from './prepare-period-evidence-export.ts';
export { describePeriodEvidence, PERIOD_BUNDLE_FILES, periodBundleName } from './describe-period-evidence.ts';
export { PERIOD_MAX_DAYS, ZPeriodEvidenceInput, type TPeriodEvidenceInput } from './period.fns.ts';
export type * from './types.ts';
