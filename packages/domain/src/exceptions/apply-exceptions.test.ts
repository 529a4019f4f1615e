import type { ComplianceExceptions, Selectable } from '@butterfly/db';
import { describe, expect, it } from 'vitest';
import type { Evidence, ScanResult } from '../compliance/types.ts';
import { applyExceptions } from './apply-exceptions.fns.ts';

const ev = (id: string, failed: boolean): Evidence => ({
  type: 'policy.PASSWORD',
  id,
  path: 'settings.password.complexity.minLength',
  value: failed ? 8 : 15,
  name: `Policy ${id}`,
  ...(failed ? { failed: true as const } : {}),
});
const result = (evidence: Evidence[]): ScanResult => ({
  ruleId: 'OKTA-APP-000650',
  title: 'Passwords are at least 15 characters long',
  severity: 'CAT II',
  frameworks: { stig: 'V-273195', soc2: [], iso27001: [], nist80053: [] },
  result: 'FAIL',
  reason: 'minLength must be at least 15',
  evidence,
});
const exception = (objectId: string | null): Selectable<ComplianceExceptions> =>
  ({
    id: `ex-${objectId ?? 'rule'}`,
    rule_id: 'OKTA-APP-000650',
    object_type: objectId ? 'policy.PASSWORD' : null,
    object_id: objectId,
    rationale: 'Accepted while contractors move to SSO',
    expires_at: new Date('2027-01-01T00:00:00Z'),
    requested_by: 'member:a@acme.example',
    approved_by: 'member:b@acme.example',
    approved_at: new Date('2026-12-01T00:00:00Z'),
  }) as unknown as Selectable<ComplianceExceptions>;

describe('applyExceptions and the objects a result fails on', () => {
  it('an exception on the failing object accepts the failure though the result also names objects that passed', () => {
    const [r] = applyExceptions([result([ev('00pA', true), ev('00pB', false)])], [exception('00pA')]);
    expect(r).toMatchObject({
      result: 'FAIL',
      accepted: true,
      exceptions: [{ id: 'ex-00pA', scope: { objectType: 'policy.PASSWORD', objectId: '00pA' } }],
    });
  });

  it('two failing objects and one excepted: carried, not accepted; an exception on a passing object is not carried', () => {
    const [r] = applyExceptions(
      [result([ev('00pA', true), ev('00pB', true), ev('00pC', false)])],
      [exception('00pA'), exception('00pC')],
    );
    expect(r!.accepted).toBeUndefined();
    expect(r!.exceptions?.map((e) => e.id)).toEqual(['ex-00pA']);
  });

  it('a result that marks no object failing (older scans) needs every object it names excepted, as before', () => {
    const old = result([ev('00pA', false), ev('00pB', false)]);
    expect(applyExceptions([old], [exception('00pA')])[0]!.accepted).toBeUndefined();
    expect(applyExceptions([old], [exception('00pA'), exception('00pB')])[0]!.accepted).toBe(true);
    expect(applyExceptions([old], [exception(null)])[0]!.accepted).toBe(true);
  });
});
