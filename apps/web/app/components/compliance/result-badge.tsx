import { Badge } from '@butterfly/ui';

export type ResultStatus = 'PASS' | 'FAIL' | 'MANUAL' | 'NOT_APPLICABLE';

const VARIANT = { PASS: 'success', FAIL: 'danger', MANUAL: 'warning', NOT_APPLICABLE: 'neutral' } as const;
export const RESULT_LABEL: Record<ResultStatus, string> = {
  PASS: 'Pass',
  FAIL: 'Fail',
  MANUAL: 'Manual',
  NOT_APPLICABLE: 'N/A',
};

/** A rule's result as text and colour (never colour alone). */
export function ResultBadge({ result }: { result: string }) {
  const r = result as ResultStatus;
  return <Badge variant={VARIANT[r] ?? 'neutral'}>{RESULT_LABEL[r] ?? result}</Badge>;
}

/** CAT I is the STIG's most severe category. */
export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge variant={severity === 'CAT I' ? 'danger' : severity === 'CAT II' ? 'warning' : 'neutral'}>{severity}</Badge>
  );
}

export interface FrameworkMappings {
  stig?: string;
  soc2: string[];
  iso27001: string[];
  nist80053: string[];
  /** Absent in scans made before rule set 2026.12.2. */
  hipaa?: string[];
  pciDss4?: string[];
  cisV8?: string[];
}

/** "STIG V-273186 · SOC 2 CC6.1 · ISO A.8.5 · NIST AC-12" */
export function frameworkList(f: FrameworkMappings): string[] {
  return [
    ...(f.stig ? [`STIG ${f.stig}`] : []),
    ...(f.soc2.length ? [`SOC 2 ${f.soc2.join(', ')}`] : []),
    ...(f.iso27001.length ? [`ISO 27001 ${f.iso27001.join(', ')}`] : []),
    ...(f.nist80053.length ? [`NIST 800-53 ${f.nist80053.join(', ')}`] : []),
    ...(f.hipaa?.length ? [`HIPAA ${f.hipaa.join(', ')}`] : []),
    ...(f.pciDss4?.length ? [`PCI DSS ${f.pciDss4.join(', ')}`] : []),
    ...(f.cisV8?.length ? [`CIS ${f.cisV8.join(', ')}`] : []),
  ];
}

export const showValue = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v)).slice(0, 400);
