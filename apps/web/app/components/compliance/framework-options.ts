/**
 * The frameworks reports filter by, as the domain names them (kept here so no domain code reaches
 * the browser bundle); values are the `framework` GET parameter.
 */
export const FRAMEWORK_OPTIONS = [
  ['stig', 'DISA Okta STIG V1R2'],
  ['soc2', 'SOC 2'],
  ['iso27001', 'ISO 27001:2022'],
  ['nist80053', 'NIST 800-53'],
  ['hipaa', 'HIPAA 45 CFR 164.312'],
  ['pciDss4', 'PCI DSS 4.0'],
  ['cisV8', 'CIS Controls v8'],
] as const;

export type FrameworkId = (typeof FRAMEWORK_OPTIONS)[number][0];

/** The `framework` GET parameter when it names a framework, else undefined (no filter). */
export function frameworkParam(value: string | null): FrameworkId | undefined {
  return FRAMEWORK_OPTIONS.find(([id]) => id === value)?.[0];
}
