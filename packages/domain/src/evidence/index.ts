/** @butterfly/domain/evidence: the evidence area's use-cases and types, for the apps, API and jobs. */
export { getEvidenceKey } from './get-evidence-key.ts';
export { prepareEvidenceExport } from './prepare-evidence-export.ts';
export { describeEvidenceExport, EVIDENCE_FORMATS, type EvidenceFormat } from './describe-evidence-export.ts';
