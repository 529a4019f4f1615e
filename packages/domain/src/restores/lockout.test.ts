import { describe, expect, it } from 'vitest';
import { type LockoutFacts, lockoutReason, markLockout } from './lockout.fns.ts';
import type { Caveat, PlannedStep } from './types.ts';

const facts: LockoutFacts = {
  adminApps: new Set(['0oaAdmin']),
  adminPolicies: new Set(['rstAdmin']),
  zones: new Map([['nzOffice', 'the global session policy']]),
  admins: ['Ada Lovelace (ada@acme.test)', 'Grace Hopper (grace@acme.test)'],
};
const step = (type: string, id: string, o: Partial<PlannedStep> = {}) => ({
  type,
  id,
  action: 'update' as const,
  desired: { id, name: 'x' },
  live: { id, name: 'y' },
  caveats: [] as Caveat[],
  ...o,
});

/** Issue 16, item 7: steps that can lock admins out are flagged, naming the admins. */
describe('lockout guard', () => {
  it('flags the global session policy, enrollment policies, the Admin Console sign-in policy and the zones they use', () => {
    const risky = [
      step('policy.OKTA_SIGN_ON', 'p1'),
      step('policy.OKTA_SIGN_ON.rule', 'p1/r1'),
      step('policy.MFA_ENROLL', 'p2'),
      step('policy.MFA_ENROLL.rule', 'p2/r2'),
      step('policy.ACCESS_POLICY', 'rstAdmin'),
      step('policy.ACCESS_POLICY.rule', 'rstAdmin/r3'),
      step('policy.ACCESS_POLICY.mapping', 'rstOther/0oaAdmin', { action: 'create' }),
      step('network_zone', 'nzOffice', { action: 'delete' }),
      // Recognised by Okta's default name even when the snapshot has no mapping for it.
      step('policy.ACCESS_POLICY', 'rstX', { desired: { name: 'Okta Admin Console' } }),
    ];
    const safe = [
      step('policy.PASSWORD', 'p3'),
      step('policy.ACCESS_POLICY', 'rstCrm'),
      step('policy.ACCESS_POLICY.rule', 'rstCrm/r4'),
      step('policy.ACCESS_POLICY.mapping', 'rstCrm/0oaCrm'),
      step('network_zone', 'nzElsewhere'),
      step('policy.OKTA_SIGN_ON', 'p1', { action: 'skip' }),
    ];
    expect(risky.map((s) => lockoutReason(s, facts) !== undefined)).toEqual(risky.map(() => true));
    expect(safe.map((s) => lockoutReason(s, facts))).toEqual(safe.map(() => undefined));
    expect(lockoutReason(step('network_zone', 'nzOffice'), facts)).toBe(
      'a network zone used by the global session policy',
    );
  });

  it('puts a caveat naming the admins on each risky step and counts them', () => {
    const steps = [step('policy.OKTA_SIGN_ON', 'p1'), step('group', 'g1')];
    expect(markLockout(steps, facts)).toBe(1);
    expect(steps[0]!.caveats).toEqual([
      {
        kind: 'lockout',
        reason: 'the global session policy',
        admins: facts.admins,
        message: expect.stringContaining(
          'admins it affects: Ada Lovelace (ada@acme.test), Grace Hopper (grace@acme.test)',
        ),
      },
    ]);
    expect(steps[1]!.caveats).toEqual([]);
  });
});
