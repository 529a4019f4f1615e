import {
  type JudgedObject,
  type Json,
  type ResultStatus,
  type ScanResult,
  judgedObjects,
} from '@butterfly/domain/compliance';

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
  const names = new Map(judgedObjects(r).map((o) => [`${o.type}\u0000${o.id}`, o.name]));
  const scope = (s: { objectType: string; objectId: string }) => {
    const name = names.get(`${s.objectType}\u0000${s.objectId}`);
    return name
      ? `${typeLabel(s.objectType)} "${name}", ${s.objectType} ${s.objectId}`
      : `${s.objectType} ${s.objectId}`;
  };
  const lines = r.exceptions.map(
    (e) =>
      `Accepted until ${e.expiresAt} by ${e.requestedBy} approved by ${e.approvedBy} (${e.scope ? scope(e.scope) : 'whole rule'}; exception ${e.id}): ${e.rationale}`,
  );
  return r.accepted
    ? lines
    : ['Not accepted as a whole: the exceptions below cover only some of the objects the rule names.', ...lines];
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

/**
 * What people call the object types compliance evidence names, in the words of the dashboard (the
 * connectors' type-labels.ts, which evidence may not import: package boundaries). Another type reads
 * as words: separators become spaces, the first letter is capitalised.
 */
const TYPE_LABELS: Record<string, string> = {
  user: 'User',
  user_type: 'User type',
  group: 'Group',
  'group.member': 'Group membership',
  app: 'App',
  'policy.OKTA_SIGN_ON': 'Global session policy',
  'policy.OKTA_SIGN_ON.rule': 'Global session policy rule',
  'policy.PASSWORD': 'Password policy',
  'policy.ACCESS_POLICY': 'App sign-in policy',
  'policy.ACCESS_POLICY.rule': 'App sign-in policy rule',
  'policy.ACCESS_POLICY.mapping': 'App sign-in policy app mapping',
  authenticator: 'Authenticator',
  network_zone: 'Network zone',
  idp: 'Identity provider',
  idp_key: 'Identity provider key',
  log_stream: 'Log stream',
  api_token: 'API token',
  'admin_assignee.role': 'Admin role assignment',
  brand: 'Brand',
  'brand.sign_in_page': 'Customized sign-in page',
  'org_setting.admin_console': 'Admin Console session settings',
};
export function typeLabel(type: string): string {
  const known = TYPE_LABELS[type];
  if (known) return known;
  const words = type
    .replace(/[._:]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : type;
}

/** "Password policy “Contractors”": an object as a reader knows it, by type and name (its id only when it has no name). */
export const objectText = (o: JudgedObject) => `${typeLabel(o.type)} ${o.name ? `“${o.name}”` : o.id}`;

/**
 * The objects a result judged, split into those it fails on and the others, from the evidence's
 * names and `failed` marks (decision 041). Both empty for scans made before: their evidence marks
 * nothing, and their reports render as they did.
 */
export function objectsOf(r: ScanResult): { failing: JudgedObject[]; passing: JudgedObject[] } {
  const all = judgedObjects(r);
  if (!all.some((o) => o.failed)) return { failing: [], passing: r.stigRuleId ? all : [] };
  return { failing: all.filter((o) => o.failed), passing: all.filter((o) => !o.failed) };
}
