import { describe, expect, it } from 'vitest';
import {
  type DirectoryUser,
  roleGroupsOf,
  rolesByUser,
  surelyUnchanged,
  toDirectoryUser,
} from './directory-sync.fns.ts';

const groups = roleGroupsOf(undefined, 'acme.test');
const ids = new Map([
  [groups.super_admin, 'gs'],
  [groups.auditor, 'ga'],
  [groups.read_only, 'gr'],
  ['nested@acme.test', 'gn'],
]);

describe('rolesByUser', () => {
  it('gives the highest role, follows nested groups once (cycles end), and CUSTOMER means everyone', () => {
    const members = new Map([
      ['gs', [{ id: 'u1', type: 'USER' }]],
      [
        'ga',
        [
          { id: 'gn', type: 'GROUP' },
          { id: 'u1', type: 'USER' },
        ],
      ],
      // A cycle back to the auditors' group.
      [
        'gn',
        [
          { id: 'u2', type: 'USER' },
          { id: 'ga', type: 'GROUP' },
        ],
      ],
      ['gr', [{ id: 'C01', type: 'CUSTOMER' }]],
    ]);
    const roles = rolesByUser(groups, ids, members, ['u1', 'u2', 'u3']);
    expect(Object.fromEntries(roles)).toEqual({ u1: 'super_admin', u2: 'auditor', u3: 'read_only' });
  });

  it('a group the customer does not have gives its role to nobody', () => {
    expect(rolesByUser(groups, new Map(), new Map([['gs', [{ id: 'u1', type: 'USER' }]]]), ['u1']).size).toBe(0);
  });
});

describe('toDirectoryUser and surelyUnchanged', () => {
  const user = toDirectoryUser({
    id: '42',
    primaryEmail: 'Ann@Acme.test',
    name: { givenName: 'Ann', familyName: 'Lee', fullName: 'Ann Lee' },
    archived: true,
  }) as DirectoryUser;

  it('keys on the id, lower-cases the email, and an archived account is inactive', () => {
    expect(user).toEqual({
      googleId: '42',
      email: 'ann@acme.test',
      givenName: 'Ann',
      familyName: 'Lee',
      displayName: 'Ann Lee',
      active: false,
    });
    expect(toDirectoryUser({ primaryEmail: 'x@acme.test' })).toBeUndefined();
  });

  it('spares only what surely needs no write', () => {
    const active = { ...user, active: true };
    const row = {
      email: 'ann@acme.test',
      user_name: 'ann@acme.test',
      given_name: 'Ann',
      family_name: 'Lee',
      display_name: 'Ann Lee',
      role: 'auditor',
      active: true,
      directory_connection_id: 'c1',
    };
    expect(surelyUnchanged(active, null, undefined, 'c1')).toBe(true);
    expect(surelyUnchanged(active, 'auditor', undefined, 'c1')).toBe(false);
    expect(surelyUnchanged(active, 'auditor', row, 'c1')).toBe(true);
    expect(surelyUnchanged(active, 'admin', row, 'c1')).toBe(false);
    expect(surelyUnchanged(active, 'auditor', row, 'other')).toBe(false);
    expect(surelyUnchanged(user, 'auditor', row, 'c1')).toBe(false); // archived: deactivate
    expect(surelyUnchanged(user, 'auditor', { ...row, active: false }, 'c1')).toBe(true);
  });
});
