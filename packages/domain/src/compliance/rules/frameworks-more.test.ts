import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, mapsTo } from '../../scans/scans.fns.ts';
import type { FrameworkMappings } from '../types.ts';
import { CONTROL_ID_FORMS, MORE_MAPPINGS } from './frameworks-more.ts';
import { COMPLIANCE_RULES } from './index.ts';

/**
 * Rules with no control in a framework, each for a stated reason: a new rule must either map or be
 * added here on purpose.
 */
const UNMAPPED: Record<'hipaa' | 'pciDss4' | 'cisV8', string[]> = {
  // The DoD banner is a DoD requirement, not a HIPAA safeguard.
  hipaa: ['OKTA-APP-000200'],
  // PCI DSS 8 states no session lifetime, persistent-cookie, dictionary, banner, IdP trust, zone or
  // admin-hardening control; backups are not in requirement 8; break-glass existence has no control.
  pciDss4: [
    'BUTTERFLY-BACKUP-FRESHNESS',
    'BUTTERFLY-RESTORE-READINESS',
    'OKTA-APP-000200',
    'OKTA-APP-001665',
    'OKTA-APP-001710',
    'OKTA-APP-001920',
    'OKTA-APP-002980',
    'OKTA-APP-003242',
    'OKTA-APP-003243',
    'OKTA-APP-003244',
    'OKTA-BREAKGLASS-ENABLED',
    'OKTA-BREAKGLASS-EXISTS',
    'OKTA-HARDEN-ADMIN-ASN-BINDING',
    'OKTA-HARDEN-ADMIN-SESSION-LIFETIME',
    'OKTA-HARDEN-PROTECTED-ACTIONS',
  ],
  // CIS v8 has no lockout, complexity, age, history, smart-card, FIPS, banner or zone safeguard.
  cisV8: [
    'OKTA-APP-000170',
    'OKTA-APP-000200',
    'OKTA-APP-000670',
    'OKTA-APP-000680',
    'OKTA-APP-000690',
    'OKTA-APP-000700',
    'OKTA-APP-000740',
    'OKTA-APP-000745',
    'OKTA-APP-001665',
    'OKTA-APP-001670',
    'OKTA-APP-001700',
    'OKTA-APP-001710',
    'OKTA-APP-001920',
    'OKTA-APP-002980',
    'OKTA-APP-003010',
    'OKTA-APP-003240',
    'OKTA-APP-003242',
    'OKTA-APP-003243',
    'OKTA-APP-003244',
    'OKTA-HARDEN-ADMIN-ASN-BINDING',
    'OKTA-HARDEN-ADMIN-SESSION-LIFETIME',
    'OKTA-HARDEN-PROTECTED-ACTIONS',
  ],
};

describe('HIPAA, PCI DSS 4.0 and CIS v8 mappings', () => {
  it('cover exactly the rule set, each rule listed in the table', () => {
    expect(Object.keys(MORE_MAPPINGS).sort()).toEqual(COMPLIANCE_RULES.map((r) => r.id).sort());
  });

  for (const framework of ['hipaa', 'pciDss4', 'cisV8'] as const) {
    it(`${framework}: every rule maps to a well-formed control unless it is listed as having none`, () => {
      const unmapped: string[] = [];
      for (const rule of COMPLIANCE_RULES) {
        const ids = rule.frameworks[framework] ?? [];
        for (const id of ids) expect(id, `${rule.id} ${framework}`).toMatch(CONTROL_ID_FORMS[framework]);
        expect(new Set(ids).size, `${rule.id} lists a control twice`).toBe(ids.length);
        if (ids.length === 0) unmapped.push(rule.id);
      }
      expect(unmapped.sort()).toEqual([...UNMAPPED[framework]].sort());
    });
  }

  it('map what the frameworks name: MFA to HIPAA 164.312(d), PCI 8.4.x and CIS 6.3-6.5; idle logoff to 164.312(a)(2)(iii), PCI 8.2.8, CIS 4.3; lockout to PCI 8.3.4', () => {
    const f = (id: string) => COMPLIANCE_RULES.find((r) => r.id === id)!.frameworks;
    expect(f('OKTA-APP-000560')).toMatchObject({ hipaa: ['164.312(d)'], pciDss4: ['8.4.1'], cisV8: ['6.5'] });
    expect(f('OKTA-APP-000570').cisV8).toEqual(['6.3', '6.4']);
    expect(f('OKTA-APP-000020')).toMatchObject({ hipaa: ['164.312(a)(2)(iii)'], pciDss4: ['8.2.8'], cisV8: ['4.3'] });
    expect(f('OKTA-APP-000170').pciDss4).toEqual(['8.3.4']);
    expect(f('OKTA-APP-000650').pciDss4).toEqual(['8.3.6']);
    expect(f('OKTA-APP-001430')).toMatchObject({ hipaa: ['164.312(b)'], cisV8: ['8.2', '8.9'] });
    expect(f('OKTA-BREAKGLASS-EXISTS').hipaa).toEqual(['164.312(a)(2)(ii)']);
  });

  it('filter by framework (mapsTo), and scans made before the new frameworks match none of them', () => {
    const old: FrameworkMappings = { stig: 'V-1', soc2: ['CC6.1'], iso27001: [], nist80053: ['AC-7'] };
    expect(FRAMEWORKS.filter((fw) => mapsTo(old, fw))).toEqual(['stig', 'soc2', 'nist80053']);
    const banner = COMPLIANCE_RULES.find((r) => r.id === 'OKTA-APP-000200')!.frameworks;
    expect(mapsTo(banner, 'hipaa')).toBe(false);
    expect(mapsTo(COMPLIANCE_RULES.find((r) => r.id === 'OKTA-APP-000560')!.frameworks, 'pciDss4')).toBe(true);
  });
});
