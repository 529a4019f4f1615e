import type { ScanRecord } from '@butterfly/domain/compliance';
import {
  CKL_STATUS,
  STIG_ID,
  STIG_SEVERITY,
  STIG_TITLE,
  checklistEntries,
  hostOf,
  stigRelease,
  stigUuid,
} from './stig-checklist.ts';
import { el } from './xml.ts';

const I = (n: number) => '\t'.repeat(n);

/** One `<STIG_DATA>` pair, in the order STIG Viewer 2 writes them. */
const data = (attribute: string, value: string) =>
  `${I(4)}<STIG_DATA>${el('VULN_ATTRIBUTE', attribute)}${el('ATTRIBUTE_DATA', value)}</STIG_DATA>`;

/**
 * checklist.ckl: the scan as a DISA STIG Viewer 2 checklist (XML, CHECKLIST/ASSET/STIGS/iSTIG). One
 * VULN per STIG rule with its status (NotAFinding, Open, Not_Applicable, Not_Reviewed for Manual), the
 * reason, failing objects and evidence as FINDING_DETAILS and the provenance and exceptions as
 * COMMENTS. The STIG's own texts (SV rule id, SRG group, title, discussion, check, fix, CCIs) are filled
 * from the text the result names (decision 041); a scan made before has none, and those attributes stay
 * present and empty as they were. Deterministic: no clock, no random UUIDs (see uuid.ts).
 */
export function renderCkl(record: ScanRecord): string {
  const { version, release } = stigRelease(record);
  const host = hostOf(record);
  const info: [string, string][] = [
    ['version', version],
    ['classification', 'UNCLASSIFIED'],
    ['customname', ''],
    ['stigid', STIG_ID],
    ['description', ''],
    ['filename', ''],
    ['releaseinfo', release ? `Release: ${release}` : ''],
    ['title', STIG_TITLE],
    ['uuid', stigUuid(record)],
    ['notice', 'terms-of-use'],
    ['source', ''],
  ];
  const vulns = checklistEntries(record).map((v) =>
    [
      `${I(3)}<VULN>`,
      data('Vuln_Num', v.vulnId),
      data('Severity', STIG_SEVERITY[v.stig?.severity ?? v.result.severity]),
      data('Group_Title', v.stig?.groupTitle ?? ''),
      data('Rule_ID', v.stig?.ruleId ?? ''),
      data('Rule_Ver', v.ruleVersion),
      data('Rule_Title', v.stig?.title ?? v.result.title),
      data('Vuln_Discuss', v.stig?.discussion ?? ''),
      data('IA_Controls', ''),
      data('Check_Content', v.stig?.checkText ?? ''),
      data('Fix_Text', v.stig?.fixText ?? ''),
      data('False_Positives', ''),
      data('False_Negatives', ''),
      data('Documentable', 'false'),
      data('Mitigations', ''),
      data('Potential_Impact', ''),
      data('Third_Party_Tools', ''),
      data('Mitigation_Control', ''),
      data('Responsibility', ''),
      data('Security_Override_Guidance', ''),
      data('Check_Content_Ref', 'M'),
      data('Weight', '10.0'),
      data('Class', 'Unclass'),
      data('STIGRef', `${STIG_TITLE} :: Version ${version}, Release: ${release}`),
      data('TargetKey', ''),
      data('STIG_UUID', stigUuid(record)),
      ...(v.stig?.ccis ?? []).map((cci) => data('CCI_REF', cci)),
      `${I(4)}${el('STATUS', CKL_STATUS[v.result.result])}`,
      `${I(4)}${el('FINDING_DETAILS', v.findingDetails)}`,
      `${I(4)}${el('COMMENTS', v.comments)}`,
      `${I(4)}<SEVERITY_OVERRIDE></SEVERITY_OVERRIDE>`,
      `${I(4)}<SEVERITY_JUSTIFICATION></SEVERITY_JUSTIFICATION>`,
      `${I(3)}</VULN>`,
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!--Written by Butterfly for DISA STIG Viewer 2-->',
    '<CHECKLIST>',
    `${I(1)}<ASSET>`,
    `${I(2)}${el('ROLE', 'None')}`,
    `${I(2)}${el('ASSET_TYPE', 'Computing')}`,
    `${I(2)}${el('HOST_NAME', host)}`,
    `${I(2)}<HOST_IP></HOST_IP>`,
    `${I(2)}<HOST_MAC></HOST_MAC>`,
    `${I(2)}${el('HOST_FQDN', host)}`,
    `${I(2)}${el('TARGET_COMMENT', `Okta org ${record.orgUrl}, connection ${record.connection.name}, tenant ${record.tenant.name}; snapshot ${record.snapshotId} taken ${record.snapshotTakenAt}`)}`,
    `${I(2)}${el('TECH_AREA', 'Application Review')}`,
    `${I(2)}<TARGET_KEY></TARGET_KEY>`,
    `${I(2)}${el('WEB_OR_DATABASE', 'false')}`,
    `${I(2)}<WEB_DB_SITE></WEB_DB_SITE>`,
    `${I(2)}<WEB_DB_INSTANCE></WEB_DB_INSTANCE>`,
    `${I(1)}</ASSET>`,
    `${I(1)}<STIGS>`,
    `${I(2)}<iSTIG>`,
    `${I(3)}<STIG_INFO>`,
    ...info.map(([k, v]) => `${I(4)}<SI_DATA>${el('SID_NAME', k)}${v ? el('SID_DATA', v) : ''}</SI_DATA>`),
    `${I(3)}</STIG_INFO>`,
    ...vulns,
    `${I(2)}</iSTIG>`,
    `${I(1)}</STIGS>`,
    '</CHECKLIST>',
    '',
  ].join('\n');
}
