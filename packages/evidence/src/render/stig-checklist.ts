import {
  type ResultStatus,
  type ScanRecord,
  type ScanResult,
  type Severity,
  type StigRuleText,
  stigTextOf,
} from '@butterfly/domain/compliance';
import { exceptionLines, mappingText, objectText, objectsOf, valueText } from './text.ts';
import { uuidV5 } from './uuid.ts';

/**
 * What a DISA STIG checklist (.ckl for STIG Viewer 2, .cklb for STIG Viewer 3) says about one scan:
 * one entry per STIG rule (by vulnerability id), its status, the finding details (the reason and the
 * evidence values, and the failing objects by name) and comments (provenance, exceptions). The
 * STIG's own texts (rule id, title, discussion, check, fix, CCIs) come from stig-okta-idaas.ts by the
 * SV rule id the result stored (decision 041); a scan made before has none, and its fields stay empty
 * as they were. Rules beyond the STIG (Okta hardening, Butterfly's readiness) are not STIG
 * vulnerabilities and stay out. Everything comes from the stored scan record,
 * so the checklist is byte-identical every time it is exported.
 */
export const STIG_TITLE = 'Okta Identity as a Service (IDaaS) Security Technical Implementation Guide';
export const STIG_ID = 'Okta_IDaaS_STIG';

export type CklStatus = 'NotAFinding' | 'Open' | 'Not_Applicable' | 'Not_Reviewed';
export const CKL_STATUS: Record<ResultStatus, CklStatus> = {
  PASS: 'NotAFinding',
  FAIL: 'Open',
  NOT_APPLICABLE: 'Not_Applicable',
  MANUAL: 'Not_Reviewed',
};
export const CKLB_STATUS: Record<ResultStatus, string> = {
  PASS: 'not_a_finding',
  FAIL: 'open',
  NOT_APPLICABLE: 'not_applicable',
  MANUAL: 'not_reviewed',
};
export const STIG_SEVERITY: Record<Severity, 'high' | 'medium' | 'low'> = {
  'CAT I': 'high',
  'CAT II': 'medium',
  'CAT III': 'low',
};

export interface ChecklistEntry {
  vulnId: string;
  /** The STIG's rule version (OKTA-APP-000020), which Butterfly uses as its rule id. */
  ruleVersion: string;
  result: ScanResult;
  /** The STIG's text for the rule, when the result names it (scans since decision 041). */
  stig?: StigRuleText;
  uuid: string;
  findingDetails: string;
  comments: string;
}

/** STIG version and release from the rule-set version (`…-stig-v1r2`). */
export function stigRelease(record: ScanRecord): { version: string; release: string } {
  const m = /stig-v(\d+)r(\d+)/i.exec(record.rulesetVersion);
  return { version: m?.[1] ?? '', release: m?.[2] ?? '' };
}

export const checklistUuid = (record: ScanRecord) => uuidV5(`checklist:${record.scanId}`);
export const stigUuid = (record: ScanRecord) => uuidV5(`checklist:${record.scanId}:stig:${STIG_ID}`);

/** The org's host name (acme.okta.com): the checklist's target. */
export function hostOf(record: ScanRecord): string {
  try {
    return new URL(record.orgUrl).host;
  } catch {
    return record.orgUrl;
  }
}

function findingDetails(r: ScanResult): string {
  const lines = r.evidence.map(
    (e) => `- ${e.name ? `${e.name}: ` : ''}${e.type} ${e.id} · ${e.path} = ${valueText(e.value)}`,
  );
  const { failing, passing } = objectsOf(r);
  return [
    r.reason,
    ...(failing.length ? ['', 'Failing objects:', ...failing.map((o) => `- ${objectText(o)}`)] : []),
    ...(passing.length
      ? [
          '',
          failing.length ? 'Also judged, and met the requirement:' : 'Objects judged:',
          ...passing.map((o) => `- ${objectText(o)}`),
        ]
      : []),
    ...(lines.length ? ['', 'Evidence:', ...lines] : []),
  ].join('\n');
}

function comments(record: ScanRecord, r: ScanResult): string {
  return [
    `Judged automatically by Butterfly (rule ${r.ruleId}, rule set ${record.rulesetVersion}, product ${record.productVersion}): ${r.result}.`,
    `Scan ${record.scanId} at ${record.scannedAt} of snapshot ${record.snapshotId} taken ${record.snapshotTakenAt}; started by ${record.startedBy}.`,
    `Connection ${record.connection.name} (${record.connection.id}), tenant ${record.tenant.name} (${record.tenant.id}).`,
    mappingText(r),
    ...exceptionLines(r),
  ].join('\n');
}

/** The scan's STIG rules in vulnerability-id order, each with its checklist texts. */
export function checklistEntries(record: ScanRecord): ChecklistEntry[] {
  return record.results
    .filter((r): r is ScanResult & { frameworks: { stig: string } } => Boolean(r.frameworks.stig))
    .map((r) => ({
      vulnId: r.frameworks.stig,
      ruleVersion: r.ruleId,
      result: r,
      ...(stigTextOf(r) ? { stig: stigTextOf(r) } : {}),
      uuid: uuidV5(`checklist:${record.scanId}:rule:${r.ruleId}`),
      findingDetails: findingDetails(r),
      comments: comments(record, r),
    }))
    .sort((a, b) => (a.vulnId < b.vulnId ? -1 : a.vulnId > b.vulnId ? 1 : 0));
}
