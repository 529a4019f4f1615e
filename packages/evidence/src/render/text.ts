import type { Json, ResultStatus, ScanResult } from '@butterfly/domain/compliance';

/** Evidence values as one line of text: strings as they are, everything else as JSON. */
export const valueText = (v: Json) => (typeof v === 'string' ? v : JSON.stringify(v));

export const RESULT_LABEL: Record<ResultStatus, string> = {
  PASS: 'Pass',
  FAIL: 'Fail',
  MANUAL: 'Manual',
  NOT_APPLICABLE: 'Not applicable',
};

/**
 * The compliance exceptions covering a result (decision 038), one line each: "Accepted until … by …
 * approved by …", scope, id and rationale. A result they cover only in part says so first: its
 * failure is not accepted as a whole. Empty when none: the result stands on its own.
 */
export function exceptionLines(r: ScanResult): string[] {
  if (!r.exceptions?.length) return [];
  const lines = r.exceptions.map(
    (e) => `Accepted until ${e.expiresAt} by ${e.requestedBy} approved by ${e.approvedBy} (${e.scope ? `${e.scope.objectType} ${e.scope.objectId}` : 'whole rule'}; exception ${e.id}): ${e.rationale}`,
  );
  return r.accepted ? lines : ['Not accepted as a whole: the exceptions below cover only some of the objects the rule names.', ...lines];
}

/** "SOC 2 CC6.1 · ISO 27001 A.8.5 · NIST AC-11" for a result's framework mappings. */
export function mappingText(r: ScanResult): string {
  const f = r.frameworks;
  return [
    f.stig ? `STIG ${f.stig}` : '',
    f.soc2.length ? `SOC 2 ${f.soc2.join(', ')}` : '',
    f.iso27001.length ? `ISO 27001 ${f.iso27001.join(', ')}` : '',
    f.nist80053.length ? `NIST 800-53 ${f.nist80053.join(', ')}` : '',
    f.hipaa?.length ? `HIPAA ${f.hipaa.join(', ')}` : '',
    f.pciDss4?.length ? `PCI DSS ${f.pciDss4.join(', ')}` : '',
    f.cisV8?.length ? `CIS ${f.cisV8.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
