import { describe, expect, it } from 'vitest';
import { effectiveSettings, parentPath } from './effective-settings.fns.ts';

const ou = (id: string, orgUnitPath: string) => ({ id, body: { orgUnitId: `id:${id}`, orgUnitPath } });
const group = (id: string, email: string) => ({ id, body: { id, email } });
let n = 0;
function policy(
  type: string,
  value: unknown,
  target: { orgUnit?: string; group?: string; sortOrder?: number },
  kind: 'ADMIN' | 'SYSTEM' = 'ADMIN',
) {
  const id = `p${++n}`;
  return {
    id,
    body: {
      name: `policies/${id}`,
      type: kind,
      setting: { type: `settings/${type}`, value },
      policyQuery: {
        ...(target.orgUnit ? { orgUnit: `orgUnits/${target.orgUnit}` } : {}),
        ...(target.group ? { group: `groups/${target.group}` } : {}),
        sortOrder: target.sortOrder ?? 1,
      },
    },
  };
}

const OUS = [ou('r', '/'), ou('e', '/Engineering'), ou('b', '/Engineering/Backend'), ou('s', '/Sales')];
const settingsOf = (r: ReturnType<typeof effectiveSettings>, path: string) =>
  r.orgUnits.find((o) => o.name === path)!.settings;

describe('effective Google settings', () => {
  it('a child org unit inherits its parent’s setting unless it sets its own, and says where it comes from', () => {
    const r = effectiveSettings(
      [
        policy('security.password', { minimumLength: 8 }, { orgUnit: 'r' }),
        policy('security.password', { minimumLength: 16 }, { orgUnit: 'e' }),
      ],
      OUS,
      [],
    );
    expect(r.orgUnits.map((o) => o.name)).toEqual(['/', '/Engineering', '/Engineering/Backend', '/Sales']);
    expect(settingsOf(r, '/')['security.password']).toMatchObject({ value: { minimumLength: 8 }, inherited: false });
    expect(settingsOf(r, '/Sales')['security.password']).toMatchObject({
      value: { minimumLength: 8 },
      from: '/',
      inherited: true,
    });
    // The grandchild takes its nearest ancestor's, not the root's.
    expect(settingsOf(r, '/Engineering/Backend')['security.password']).toMatchObject({
      value: { minimumLength: 16 },
      from: '/Engineering',
      inherited: true,
    });
  });

  it('among policies of one type on one org unit the highest sortOrder wins, whatever the order read', () => {
    const low = policy('security.session_controls', { webSessionDuration: '1209600s' }, { orgUnit: 'r', sortOrder: 1 });
    const high = policy('security.session_controls', { webSessionDuration: '43200s' }, { orgUnit: 'r', sortOrder: 5 });
    for (const order of [
      [low, high],
      [high, low],
    ]) {
      const s = settingsOf(effectiveSettings(order, OUS, []), '/Sales')['security.session_controls']!;
      expect(s).toMatchObject({ value: { webSessionDuration: '43200s' }, policyIds: [high.id], sortOrder: 5 });
    }
  });

  it('on equal sortOrder an admin’s policy beats Google’s SYSTEM default', () => {
    const sys = policy('security.less_secure_apps', { allowLessSecureApps: false }, { orgUnit: 'r' }, 'SYSTEM');
    const admin = policy('security.less_secure_apps', { allowLessSecureApps: true }, { orgUnit: 'r' });
    const s = settingsOf(effectiveSettings([sys, admin], OUS, []), '/')['security.less_secure_apps']!;
    expect(s.policyIds).toEqual([admin.id]);
  });

  it('groups get only their own policies (they override the org unit for members), reduced by sortOrder', () => {
    const r = effectiveSettings(
      [
        policy('security.two_step_verification_device_trust', { allowTrustingDevice: false }, { orgUnit: 'r' }),
        policy(
          'security.two_step_verification_device_trust',
          { allowTrustingDevice: true },
          { group: 'g1', sortOrder: 2 },
        ),
        policy(
          'security.two_step_verification_device_trust',
          { allowTrustingDevice: false },
          { group: 'g1', sortOrder: 3 },
        ),
      ],
      OUS,
      [group('g1', 'it-ops@corp.example'), group('g2', 'sales@corp.example')],
    );
    expect(r.groups.map((g) => g.name)).toEqual(['it-ops@corp.example']);
    expect(r.groups[0]!.settings['security.two_step_verification_device_trust']).toMatchObject({
      value: { allowTrustingDevice: false },
      sortOrder: 3,
      from: 'it-ops@corp.example',
    });
    // The group's policy does not leak into any org unit.
    expect(settingsOf(r, '/Sales')['security.two_step_verification_device_trust']!.value).toEqual({
      allowTrustingDevice: false,
    });
  });

  it('list-valued types (system alerts) keep every alert, a child’s own first, one per name', () => {
    const r = effectiveSettings(
      [
        policy(
          'rule.system_defined_alerts',
          { displayName: 'Suspicious login', state: 'ACTIVE' },
          { orgUnit: 'r', sortOrder: 1 },
        ),
        policy(
          'rule.system_defined_alerts',
          { displayName: 'Leaked password', state: 'INACTIVE' },
          { orgUnit: 'r', sortOrder: 2 },
        ),
        policy('rule.system_defined_alerts', { displayName: 'Leaked password', state: 'ACTIVE' }, { orgUnit: 's' }),
      ],
      OUS,
      [],
    );
    expect(settingsOf(r, '/')['rule.system_defined_alerts']!.value).toEqual([
      { displayName: 'Leaked password', state: 'INACTIVE' },
      { displayName: 'Suspicious login', state: 'ACTIVE' },
    ]);
    expect(settingsOf(r, '/Sales')['rule.system_defined_alerts']!.value).toEqual([
      { displayName: 'Leaked password', state: 'ACTIVE' },
      { displayName: 'Suspicious login', state: 'ACTIVE' },
    ]);
  });

  it('an org unit whose parent is not in the snapshot inherits from the nearest one that is; no root still gives one', () => {
    const r = effectiveSettings(
      [policy('security.password', { minimumLength: 12 }, { orgUnit: 'x' })],
      [ou('x', '/A'), ou('y', '/A/B/C')],
      [],
    );
    expect(r.orgUnits.map((o) => o.name)).toEqual(['/', '/A', '/A/B/C']);
    expect(settingsOf(r, '/A/B/C')['security.password']).toMatchObject({ from: '/A', inherited: true });
    expect(settingsOf(r, '/')).toEqual({});
  });

  it('parentPath', () => {
    expect([parentPath('/'), parentPath('/A'), parentPath('/A/B')]).toEqual([undefined, '/', '/A']);
  });
});
