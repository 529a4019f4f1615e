import type { ScanRecord, ScanResult } from '@butterfly/domain/compliance';
import { exceptionLines, valueText } from './text.ts';

const HEADER = [
  'rule_id',
  'stig_vuln',
  'severity',
  'title',
  'result',
  'reason',
  'soc2',
  'iso27001',
  'nist_800_53',
  'hipaa',
  'pci_dss_4',
  'cis_v8',
  'evidence_type',
  'evidence_id',
  'evidence_path',
  'evidence_value',
  'exception',
];

/**
 * A spreadsheet opens a cell starting with = + - @ as a formula; a value from an org (a name, a
 * label) must not run as one. Such text gets a leading apostrophe; numbers stay numbers. results.json
 * keeps the exact values.
 */
function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

/** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled. */
function field(s: string): string {
  const v = defuse(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function rows(r: ScanResult): string[][] {
  const base = [
    r.ruleId,
    r.frameworks.stig ?? '',
    r.severity,
    r.title,
    r.result,
    r.reason,
    r.frameworks.soc2.join(' '),
    r.frameworks.iso27001.join(' '),
    r.frameworks.nist80053.join(' '),
    (r.frameworks.hipaa ?? []).join(' '),
    (r.frameworks.pciDss4 ?? []).join(' '),
    (r.frameworks.cisV8 ?? []).join(' '),
  ];
  // Last, so the columns before it keep their places: who accepted the failure, until when (decision 038).
  const accepted = exceptionLines(r).join('\n');
  if (r.evidence.length === 0) return [[...base, '', '', '', '', accepted]];
  return r.evidence.map((e) => [...base, e.type, e.id, e.path, valueText(e.value), accepted]);
}

/** One row per piece of evidence (a rule without evidence gets one row), in the scan's rule order. */
export function renderCsv(record: ScanRecord): string {
  const lines = [HEADER, ...record.results.flatMap(rows)].map((cols) => cols.map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
