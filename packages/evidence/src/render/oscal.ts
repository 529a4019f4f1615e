import type { ResultStatus, ScanRecord, ScanResult } from '@butterfly/domain/compliance';
import { exceptionLines, valueText } from './text.ts';
import { uuidV5 } from './uuid.ts';

/** The OSCAL release the document declares and was validated against (see packages/evidence/schemas). */
export const OSCAL_VERSION = '1.1.2';
/** Namespace of Butterfly's own props (OSCAL wants a URI for names outside its own vocabulary). */
export const OSCAL_NS = 'urn:butterfly:compliance';

type Prop = { name: string; value: string; ns?: string; class?: string };
/** OSCAL's StringDatatype: non-empty, no line breaks, no leading or trailing whitespace. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim() || '-';
const prop = (name: string, value: string, cls?: string): Prop => ({
  name,
  ns: OSCAL_NS,
  value: oneLine(value),
  ...(cls ? { class: cls } : {}),
});
const nonEmpty = <T>(xs: T[]) => (xs.length ? xs : undefined);

/** NIST SP 800-53 ids as OSCAL control ids: `AC-11` → `ac-11`, `IA-2(1)` → `ia-2.1`. */
export const oscalControlId = (nist: string) => nist.toLowerCase().replace(/\((\d+)\)/g, '.$1');

const STATE: Partial<Record<ResultStatus, 'satisfied' | 'not-satisfied'>> = {
  PASS: 'satisfied',
  FAIL: 'not-satisfied',
};

/**
 * oscal-assessment-results.json: the scan as an OSCAL 1.1 `assessment-results` document. One result
 * (the scan: start and end at the scan time) reviewing the NIST 800-53 controls the rules map to; per
 * rule an observation (automated TEST, collected at the snapshot time, the evidence values as
 * relevant evidence) and, for judged rules (Pass or Fail), a finding whose target is the rule with
 * state satisfied / not-satisfied. Manual and Not applicable rules have their observation only: OSCAL
 * has no finding state for "not judged". UUIDs come from the scan and rule ids, times from the scan
 * record, so the file is byte-identical on every export.
 */
export function renderOscal(record: ScanRecord): string {
  const id = (name: string) => uuidV5(`oscal:${record.scanId}:${name}`);
  const planUuid = id('assessment-plan');
  const controls = [...new Set(record.results.flatMap((r) => r.frameworks.nist80053.map(oscalControlId)))].sort();
  const observations = record.results.map((r) => observation(record, r, id(`observation:${r.ruleId}`)));
  const findings = record.results
    .filter((r) => STATE[r.result])
    .map((r) => finding(r, id(`finding:${r.ruleId}`), id(`observation:${r.ruleId}`)));
  const doc = {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `Compliance scan of ${record.orgUrl} (${record.connection.name})`,
        'last-modified': record.scannedAt,
        version: record.rulesetVersion,
        'oscal-version': OSCAL_VERSION,
        props: [
          prop('tenant', `${record.tenant.name} (${record.tenant.id})`),
          prop('connection', `${record.connection.name} (${record.connection.id})`),
          prop('org-url', record.orgUrl),
          prop('scan-id', record.scanId),
          prop('snapshot-id', record.snapshotId),
          prop('snapshot-taken-at', record.snapshotTakenAt),
          prop('started-by', record.startedBy),
          prop('product-version', record.productVersion),
        ],
      },
      'import-ap': {
        href: `#${planUuid}`,
        remarks:
          'Butterfly runs a fixed rule set rather than a separate assessment plan; the back-matter resource names it.',
      },
      results: [
        {
          uuid: id('result'),
          title: `Butterfly compliance scan ${record.scanId}`,
          description: `Rule set ${record.rulesetVersion} (DISA Okta IDaaS STIG, Okta hardening, Butterfly readiness) evaluated against snapshot ${record.snapshotId} taken ${record.snapshotTakenAt}. ${countsText(record)}`,
          start: record.scannedAt,
          end: record.scannedAt,
          props: [
            prop('pass', String(record.counts.PASS)),
            prop('fail', String(record.counts.FAIL)),
            prop('manual', String(record.counts.MANUAL)),
            prop('not-applicable', String(record.counts.NOT_APPLICABLE)),
          ],
          'reviewed-controls': {
            'control-selections': [
              controls.length
                ? {
                    description: "NIST SP 800-53 controls the scan's rules map to.",
                    'include-controls': controls.map((c) => ({ 'control-id': c })),
                  }
                : { description: 'No rule of this scan maps to a NIST SP 800-53 control.' },
            ],
          },
          observations: nonEmpty(observations),
          findings: nonEmpty(findings),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: planUuid,
            title: `Butterfly rule set ${record.rulesetVersion}`,
            description:
              'The rules this scan evaluated, each with its STIG vulnerability id, severity and framework mappings (results.json in the same bundle holds them per rule).',
          },
        ],
      },
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function countsText(r: ScanRecord) {
  return `${r.counts.PASS} passed, ${r.counts.FAIL} failed, ${r.counts.MANUAL} manual, ${r.counts.NOT_APPLICABLE} not applicable.`;
}

function ruleProps(r: ScanResult): Prop[] {
  const f = r.frameworks;
  return [
    prop('rule-id', r.ruleId),
    prop('result', r.result),
    prop('severity', r.severity),
    ...(f.stig ? [prop('stig-vuln-id', f.stig)] : []),
    ...f.soc2.map((c) => prop('soc2', c)),
    ...f.iso27001.map((c) => prop('iso27001', c)),
    ...f.nist80053.map((c) => prop('nist-800-53', oscalControlId(c))),
  ];
}

function observation(record: ScanRecord, r: ScanResult, uuid: string) {
  return {
    uuid,
    title: `${r.ruleId}: ${r.title}`,
    description: r.reason,
    props: ruleProps(r),
    methods: ['TEST'],
    types: ['control-objective'],
    'relevant-evidence': nonEmpty(
      r.evidence.map((e) => ({
        description: `${e.name ? `${e.name}: ` : ''}${e.type} ${e.id} · ${e.path} = ${valueText(e.value)}`,
      })),
    ),
    collected: record.snapshotTakenAt,
  };
}

function finding(r: ScanResult, uuid: string, observationUuid: string) {
  const accepted = exceptionLines(r);
  return {
    uuid,
    title: `${r.ruleId}: ${r.title}`,
    description: r.reason,
    ...(accepted.length ? { remarks: accepted.join('\n') } : {}),
    props: ruleProps(r).slice(0, 3),
    target: {
      type: 'objective-id',
      'target-id': r.ruleId,
      title: r.title,
      status: { state: STATE[r.result], reason: r.result === 'PASS' ? 'pass' : 'fail' },
    },
    'related-observations': [{ 'observation-uuid': observationUuid }],
  };
}
