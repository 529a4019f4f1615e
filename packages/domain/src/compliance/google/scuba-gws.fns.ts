import type { ComplianceRule, FrameworkMappings } from '../types.ts';
import { type Fields, GROUP_READ, type Judge, judgeSettings, OU_READ, POLICY_READ } from './gws.fns.ts';

const map = (soc2: string[], iso27001: string[], nist80053: string[]): FrameworkMappings => ({
  soc2,
  iso27001,
  nist80053,
});

/** Our mapping of the GWS baseline to the frameworks (the baseline maps to none), as decision 058 did for MS.AAD. */
export const GOOGLE_FRAMEWORKS = {
  mfa: map(['CC6.1'], ['A.8.5'], ['IA-2(1)', 'IA-2(2)']),
  session: map(['CC6.1'], ['A.8.5'], ['AC-12']),
  password: map(['CC6.1'], ['A.5.17'], ['IA-5(1)']),
  privileged: map(['CC6.1', 'CC6.3'], ['A.5.18', 'A.8.2'], ['AC-2', 'AC-6(5)']),
  accounts: map(['CC6.2'], ['A.5.16'], ['AC-2', 'IA-5']),
  apps: map(['CC6.1', 'CC6.6'], ['A.5.15', 'A.8.9'], ['AC-3', 'CM-7']),
  data: map(['CC6.1'], ['A.5.15', 'A.8.9'], ['AC-3', 'SC-28']),
  monitoring: map(['CC7.2'], ['A.8.15', 'A.8.16'], ['SI-4']),
} as const;

/** A setting rule as data: what it reads from the effective settings and how it judges one org unit or group. */
export interface SettingRuleDef {
  id: string;
  title: string;
  /** A SHOULD of the baseline (CAT III); SHALL otherwise (CAT II). */
  should?: boolean;
  requirement: string;
  check: string;
  remediation: string;
  frameworks: FrameworkMappings;
  fields: Fields;
  judge: Judge;
  /** Customer-wide (alerts): judged on the root org unit only. */
  rootOnly?: boolean;
}

/** What the guide's "fields read" column shows: each setting as `settings/<type>.<field>` of a policy's value. */
const settingPaths = (f: Fields) =>
  typeof f === 'function'
    ? ['settings/<service>.user_takeout.takeoutStatus']
    : f.map((x) => `settings/${x.type}${x.field ? `.${x.field}` : ''}`);

export function settingRule(d: SettingRuleDef): ComplianceRule {
  return {
    id: d.id,
    title: d.title,
    severity: d.should ? 'CAT III' : 'CAT II',
    frameworks: d.frameworks,
    requirement: d.requirement,
    check: d.check,
    remediation: d.remediation,
    reads: [{ ...POLICY_READ, fields: settingPaths(d.fields) }, OU_READ, GROUP_READ],
    evaluate: (s) => judgeSettings(s, d.fields, d.judge, { rootOnly: d.rootOnly }),
  };
}
