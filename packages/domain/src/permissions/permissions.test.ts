import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from './matrix.ts';
import { capRole, highestRole, permissionsOf, roleHas } from './permissions.fns.ts';

describe('permission matrix', () => {
  it('grants everything to super_admin and only the view permissions to read_only', () => {
    expect(permissionsOf('super_admin')).toEqual(Object.keys(PERMISSIONS));
    expect(permissionsOf('read_only')).toEqual(['dashboard.view', 'snapshot.read', 'compliance.read', 'token.own']);
  });

  it('keeps backup_operator and auditor disjoint beyond the shared view permissions', () => {
    expect(roleHas('backup_operator', 'backup.run')).toBe(true);
    expect(roleHas('auditor', 'backup.run')).toBe(false);
    expect(roleHas('auditor', 'evidence.export')).toBe(true);
    expect(roleHas('backup_operator', 'evidence.export')).toBe(false);
  });

  it('reserves sso, scim and tenant management to super_admin', () => {
    for (const p of ['sso.manage', 'scim.manage', 'tenant.manage'] as const) {
      expect(ROLES.filter((r) => roleHas(r, p))).toEqual(['super_admin']);
    }
  });

  it('resolves precedence and caps', () => {
    expect(highestRole(['auditor', 'admin', 'read_only'])).toBe('admin');
    expect(highestRole([])).toBeUndefined();
    expect(capRole('admin', 'read_only')).toBe('read_only');
    expect(capRole('auditor', 'super_admin')).toBe('auditor');
    expect(capRole('auditor', null)).toBe('auditor');
  });
});
