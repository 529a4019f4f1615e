import { describe, expect, it } from 'vitest';
import { caLockoutReason, GLOBAL_ADMIN_TEMPLATE } from './ca-lockout.fns.ts';

const admins = {
  users: new Map([
    ['a1', 'Admin One'],
    ['a2', 'Admin Two'],
  ]),
};
const policy = (users: object, grant: object = { builtInControls: ['block'] }) => ({
  conditions: { users, applications: { includeApplications: ['All'] } },
  grantControls: grant,
});

describe('Conditional Access lockout guard', () => {
  it('flags a block on all users or on the Global Administrator role that excludes no admin', () => {
    expect(caLockoutReason(policy({ includeUsers: ['All'] }), admins)).toContain('blocks every Global Administrator');
    expect(
      caLockoutReason(policy({ includeRoles: [GLOBAL_ADMIN_TEMPLATE] }, { builtInControls: ['mfa'] }), admins),
    ).toContain('requires mfa');
    expect(caLockoutReason(policy({ includeUsers: ['a1', 'a2'] }), admins)).toBeDefined();
  });

  it('lets through a policy with a break-glass admin or the admin role excluded, or no control', () => {
    expect(caLockoutReason(policy({ includeUsers: ['All'], excludeUsers: ['a2'] }), admins)).toBeUndefined();
    expect(
      caLockoutReason(policy({ includeUsers: ['All'], excludeRoles: [GLOBAL_ADMIN_TEMPLATE] }), admins),
    ).toBeUndefined();
    expect(caLockoutReason(policy({ includeUsers: ['a1'] }), admins)).toBeUndefined();
    expect(caLockoutReason(policy({ includeUsers: ['All'] }, {}), admins)).toBeUndefined();
  });
});
