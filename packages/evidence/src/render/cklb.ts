import type { ScanRecord } from '@butterfly/domain/compliance';
import {
  CKLB_STATUS,
  STIG_ID,
  STIG_SEVERITY,
  STIG_TITLE,
  checklistEntries,
  checklistUuid,
  hostOf,
  stigRelease,
  stigUuid,
} from './stig-checklist.ts';

/**
 * checklist.cklb: the same checklist as checklist.ckl in STIG Viewer 3's JSON format (cklb_version
 * 1.0): title, id, target_data and one stig with a rule per STIG vulnerability (group_id is the V-ID,
 * rule_version the STIG rule id, rule_id_src the SV rule id), the STIG's texts (decision 041; empty for
 * scans made before), status not_a_finding / open / not_applicable / not_reviewed, finding_details
 * (failing objects by name) and comments (provenance, exceptions). Keys are written in STIG Viewer's own order; UUIDs are derived from
 * the scan and rule ids, so the file is byte-identical on every export.
 */
export function renderCklb(record: ScanRecord): string {
  const { version, release } = stigRelease(record);
  const host = hostOf(record);
  const stigUid = stigUuid(record);
  const entries = checklistEntries(record);
  const rules = entries.map((v) => ({
    uuid: v.uuid,
    stig_uuid: stigUid,
    target_key: null,
    stig_ref: null,
    group_id: v.vulnId,
    group_id_src: v.vulnId,
    rule_id: v.stig?.ruleId?.replace(/_rule$/, '') ?? '',
    rule_id_src: v.stig?.ruleId ?? '',
    weight: '10.0',
    classification: 'UNCLASSIFIED',
    severity: STIG_SEVERITY[v.stig?.severity ?? v.result.severity],
    rule_version: v.ruleVersion,
    group_title: v.stig?.groupTitle ?? '',
    rule_title: v.stig?.title ?? v.result.title,
    fix_text: v.stig?.fixText ?? '',
    false_positives: '',
    false_negatives: '',
    discussion: v.stig?.discussion ?? '',
    check_content: v.stig?.checkText ?? '',
    documentable: 'false',
    mitigations: '',
    potential_impacts: '',
    third_party_tools: '',
    mitigation_control: '',
    responsibility: '',
    security_override_guidance: '',
    ia_controls: '',
    check_content_ref: { href: '', name: 'M' },
    legacy_ids: [],
    ccis: v.stig?.ccis ?? [],
    group_tree: [
      {
        id: v.vulnId,
        title: v.stig?.groupTitle ?? '',
        description: v.stig ? '<GroupDescription></GroupDescription>' : '',
      },
    ],
    status: CKLB_STATUS[v.result.result],
    overrides: {},
    comments: v.comments,
    finding_details: v.findingDetails,
  }));
  const doc = {
    title: `${STIG_TITLE} — ${host} — scan ${record.scanId}`,
    id: checklistUuid(record),
    stigs: [
      {
        stig_name: STIG_TITLE,
        display_name: 'Okta Identity as a Service (IDaaS)',
        stig_id: STIG_ID,
        release_info: release ? `Release: ${release}` : '',
        version,
        uuid: stigUid,
        reference_identifier: '',
        size: rules.length,
        rules,
      },
    ],
    active: false,
    mode: 1,
    has_path: false,
    target_data: {
      target_type: 'Computing',
      host_name: host,
      ip_address: '',
      mac_address: '',
      fqdn: host,
      comments: `Okta org ${record.orgUrl}, connection ${record.connection.name}, tenant ${record.tenant.name}; snapshot ${record.snapshotId} taken ${record.snapshotTakenAt}`,
      role: 'None',
      is_web_database: false,
      technology_area: 'Application Review',
      web_db_site: '',
      web_db_instance: '',
      classification: null,
    },
    cklb_version: '1.0',
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
