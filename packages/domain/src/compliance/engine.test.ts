import { describe, expect, it } from 'vitest';
import { compareScans, countResults, runScan } from './engine.ts';
import { COMPLIANCE_RULES } from './rules/index.ts';
import { TAKEN_AT, compliantOrg, setField, snapshotOf } from './testing/okta-fixtures.ts';
import type { ComplianceRule, ComplianceSnapshot, ReadinessInput, SnapshotObject } from './types.ts';

/** DISA Okta IDaaS STIG V1R2: every rule id with its vulnerability id. */
const STIG: Record<string, string> = {
  'OKTA-APP-000020': 'V-273186',
  'OKTA-APP-000025': 'V-273187',
  'OKTA-APP-000090': 'V-273188',
  'OKTA-APP-000170': 'V-273189',
  'OKTA-APP-000180': 'V-273190',
  'OKTA-APP-000190': 'V-273191',
  'OKTA-APP-000200': 'V-273192',
  'OKTA-APP-000560': 'V-273193',
  'OKTA-APP-000570': 'V-273194',
  'OKTA-APP-000650': 'V-273195',
  'OKTA-APP-000670': 'V-273196',
  'OKTA-APP-000680': 'V-273197',
  'OKTA-APP-000690': 'V-273198',
  'OKTA-APP-000700': 'V-273199',
  'OKTA-APP-000740': 'V-273200',
  'OKTA-APP-000745': 'V-273201',
  'OKTA-APP-001430': 'V-273202',
  'OKTA-APP-001665': 'V-273203',
  'OKTA-APP-001670': 'V-273204',
  'OKTA-APP-001700': 'V-273205',
  'OKTA-APP-001710': 'V-273206',
  'OKTA-APP-001920': 'V-273207',
  'OKTA-APP-002980': 'V-273208',
  'OKTA-APP-003010': 'V-273209',
  'OKTA-APP-003240': 'V-279689',
  'OKTA-APP-003241': 'V-279690',
  'OKTA-APP-003242': 'V-279691',
  'OKTA-APP-003243': 'V-279692',
  'OKTA-APP-003244': 'V-279693',
};
const readiness: ReadinessInput = {
  connections: [
    { id: 'c1', schedule: { intervalMinutes: 60 }, lastBackupAt: new Date(TAKEN_AT.getTime() - 1_800_000) },
  ],
  lastRestorePreviewAt: new Date(TAKEN_AT.getTime() - 86_400_000),
};

describe('the rule set', () => {
  it('holds all 29 STIG rules exactly once, each with its vulnerability id', () => {
    const stigRules = COMPLIANCE_RULES.filter((r) => r.frameworks.stig);
    expect(stigRules).toHaveLength(29);
    expect(Object.fromEntries(stigRules.map((r) => [r.id, r.frameworks.stig]))).toEqual(STIG);
    expect(new Set(COMPLIANCE_RULES.map((r) => r.id)).size).toBe(COMPLIANCE_RULES.length);
  });

  it('rates CAT I exactly the three rules the STIG does', () => {
    const catI = COMPLIANCE_RULES.filter((r) => r.frameworks.stig && r.severity === 'CAT I').map((r) => r.id);
    expect(catI.sort()).toEqual(['OKTA-APP-000560', 'OKTA-APP-000570', 'OKTA-APP-001430']);
  });

  it('maps every rule to SOC 2 and ISO 27001, and every STIG rule to NIST 800-53', () => {
    for (const r of COMPLIANCE_RULES) {
      expect(r.frameworks.soc2.length, r.id).toBeGreaterThan(0);
      expect(r.frameworks.iso27001.length, r.id).toBeGreaterThan(0);
      if (r.frameworks.stig) expect(r.frameworks.nist80053.length, r.id).toBeGreaterThan(0);
    }
  });
});

describe('runScan', () => {
  it('passes a compliant org except what only a person can check', async () => {
    const results = await runScan(COMPLIANCE_RULES, snapshotOf(compliantOrg()), readiness);
    expect(results.map((r) => r.ruleId)).toEqual(COMPLIANCE_RULES.map((r) => r.id).sort());
    const notPass = results.filter((r) => r.result !== 'PASS').map((r) => `${r.ruleId}:${r.result}`);
    const breakGlass = [
      'OKTA-BREAKGLASS-ENABLED',
      'OKTA-BREAKGLASS-EXISTS',
      'OKTA-BREAKGLASS-GROUPS',
      'OKTA-BREAKGLASS-SIGN-IN',
    ].map((id) => `${id}:NOT_APPLICABLE`);
    expect(notPass).toEqual([
      'OKTA-APP-000090:MANUAL',
      ...breakGlass,
      'OKTA-HARDEN-ADMIN-ASN-BINDING:MANUAL',
      'OKTA-HARDEN-PROTECTED-ACTIONS:MANUAL',
    ]);
    expect(countResults(results)).toEqual({
      PASS: results.length - 7,
      FAIL: 0,
      MANUAL: 3,
      NOT_APPLICABLE: 4,
      total: results.length,
    });
  });

  it('gives the same results whatever the order of rules and objects', async () => {
    const org = compliantOrg();
    const shuffled = Object.fromEntries(Object.entries(compliantOrg()).map(([t, objs]) => [t, [...objs].reverse()]));
    const a = await runScan(COMPLIANCE_RULES, snapshotOf(org), readiness);
    const b = await runScan([...COMPLIANCE_RULES].reverse(), snapshotOf(shuffled), readiness);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('reads through an async, one-pass snapshot (as a streaming store provides)', async () => {
    const org = compliantOrg();
    const base = snapshotOf(org);
    const streaming: ComplianceSnapshot = {
      ...base,
      objects: async function* (type: string): AsyncGenerator<SnapshotObject> {
        for (const o of org[type] ?? []) yield o;
      },
      get: async (type, id) => org[type]?.find((o) => o.id === id),
    };
    const a = await runScan(COMPLIANCE_RULES, base, readiness);
    expect(JSON.stringify(await runScan(COMPLIANCE_RULES, streaming, readiness))).toBe(JSON.stringify(a));
  });

  it('makes every rule MANUAL, naming the type and scope, when a type it needs was not collected', async () => {
    for (const rule of COMPLIANCE_RULES) {
      const needed = rule.reads.find((r) => !r.optional && r.type !== 'readiness');
      if (!needed) continue;
      const org = compliantOrg();
      delete org[needed.type];
      const [r] = await runScan([rule], snapshotOf(org), readiness);
      expect(r?.result, rule.id).toBe('MANUAL');
      expect(r?.reason, rule.id).toContain(needed.type);
      expect(r?.evidence, rule.id).toContainEqual(
        expect.objectContaining({ type: needed.type, path: '(not in snapshot)' }),
      );
    }
  });

  it('turns a rule that throws into MANUAL instead of failing the scan', async () => {
    const broken: ComplianceRule = {
      ...COMPLIANCE_RULES[0]!,
      id: 'X-BROKEN',
      evaluate: () => {
        throw new Error('bad body');
      },
    };
    const [r] = await runScan([broken], snapshotOf(compliantOrg()));
    expect(r?.result).toBe('MANUAL');
    expect(r?.reason).toContain('bad body');
  });
});

describe('compareScans', () => {
  it('reports rules that went from PASS to FAIL, and nothing else', async () => {
    const before = await runScan(COMPLIANCE_RULES, snapshotOf(compliantOrg()), readiness);
    const org = compliantOrg();
    setField(org, 'policy.PASSWORD', '00p1pwdefault', 'settings.password.complexity.minLength', 8);
    delete org.log_stream;
    const after = await runScan(COMPLIANCE_RULES, snapshotOf(org), readiness);
    expect(compareScans(before, after)).toEqual([
      expect.objectContaining({ ruleId: 'OKTA-APP-000650', before: 'PASS', after: 'FAIL' }),
    ]);
    expect(compareScans(after, after)).toEqual([]);
  });
});
