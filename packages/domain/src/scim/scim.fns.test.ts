import { describe, expect, it } from 'vitest';
import type { MemberRow } from '../members/members.fns.ts';
import { userAttrsFromBody } from './input.fns.ts';
import { paging } from './paging.fns.ts';
import { effectiveRole } from './roles.fns.ts';
import { project, toScimUser } from './scim.fns.ts';
import { URN } from './urns.ts';

const oktaPost = {
  schemas: [URN.user],
  userName: 'ann@globex.test',
  name: { givenName: 'Ann', familyName: 'Lee' },
  emails: [{ primary: true, value: 'ann@globex.test', type: 'work' }],
  displayName: 'Ann Lee',
  locale: 'en-US',
  externalId: '00u1abc',
  groups: [],
  password: 'hunter2-from-okta',
  active: true,
  [URN.enterpriseUser]: { department: 'Finance' },
  nickName: 'Annie',
};

describe('SCIM user input', () => {
  it("keeps what Okta's POST carries that we use, and nothing else (never the password)", () => {
    const u = userAttrsFromBody(oktaPost);
    expect(u).toEqual({
      userName: 'ann@globex.test',
      givenName: 'Ann',
      familyName: 'Lee',
      displayName: 'Ann Lee',
      email: 'ann@globex.test',
      locale: 'en-US',
      externalId: '00u1abc',
      active: true,
      role: undefined,
    });
    expect(JSON.stringify(u)).not.toContain('hunter2');
  });

  it('reads roles, keeps the current active state when absent, and picks the primary email', () => {
    const { active: _, ...noActive } = oktaPost;
    const u = userAttrsFromBody(
      {
        ...noActive,
        roles: [{ value: 'auditor' }],
        emails: [
          { value: 'home@x.test', type: 'home' },
          { value: 'w@x.test', type: 'work', primary: 'True' },
        ],
      },
      { active: false },
    );
    expect(u).toMatchObject({ roles: ['auditor'], active: false, email: 'w@x.test' });
    expect(userAttrsFromBody({ ...oktaPost, roles: [] }).roles).toEqual([]);
  });

  it("reads Entra's app roles: key or display name in any case, several kept highest first", () => {
    const entraRole = (value: string) => ({
      primary: false,
      type: 'WindowsAzureActiveDirectoryRole',
      display: value,
      value,
    });
    const roles = (...values: string[]) => userAttrsFromBody({ ...oktaPost, roles: values.map(entraRole) }).roles;
    expect(roles('admin')).toEqual(['admin']);
    expect(roles('Admin')).toEqual(['admin']);
    expect(roles('SUPER_ADMIN')).toEqual(['super_admin']);
    expect(roles('Backup operator')).toEqual(['backup_operator']);
    expect(roles('Read only', 'read_only')).toEqual(['read_only']);
    expect(roles('auditor', 'Backup operator', 'read_only')).toEqual(['backup_operator', 'auditor', 'read_only']);
  });

  it('refuses a missing schema, a missing userName and an unknown role (alone or beside a known one)', () => {
    const cases: [unknown, string][] = [
      [{ ...oktaPost, schemas: ['urn:wrong'] }, 'invalidSyntax'],
      [[oktaPost], 'invalidSyntax'],
      [{ ...oktaPost, userName: '  ' }, 'invalidValue'],
      [{ ...oktaPost, roles: [{ value: 'admin' }, { value: '25', display: 'Role1234' }] }, 'invalidValue'],
      [{ ...oktaPost, roles: [{ value: 'superadmin!' }] }, 'invalidValue'],
      [{ ...oktaPost, roles: [{ value: 'owner' }] }, 'invalidValue'],
      [{ ...oktaPost, active: 'yes' }, 'invalidValue'],
    ];
    for (const [body, scimType] of cases)
      expect(() => userAttrsFromBody(body), JSON.stringify(body)).toThrow(expect.objectContaining({ scimType }));
  });
});

describe('SCIM user resource', () => {
  const row = {
    id: '8c6f7b3e-1d2a-4c5b-9e8f-0a1b2c3d4e5f',
    user_name: 'ann@globex.test',
    email: 'ann@globex.test',
    given_name: 'Ann',
    family_name: null,
    display_name: null,
    locale: null,
    external_id: null,
    active: false,
    role: 'admin',
    scim_role: null,
    scim_roles: [] as string[],
    version: 7,
    created_at: new Date('2026-11-29T10:00:00.123Z'),
    updated_at: new Date('2026-11-29T11:00:00.456Z'),
  } as MemberRow;

  it('omits unassigned attributes and shows the effective role and meta', () => {
    expect(toScimUser(row, 'https://b.example/scim/v2')).toEqual({
      schemas: [URN.user],
      id: row.id,
      userName: 'ann@globex.test',
      name: { givenName: 'Ann' },
      emails: [{ value: 'ann@globex.test', type: 'work', primary: true }],
      active: false,
      roles: [{ value: 'admin', display: 'Admin', primary: true }],
      meta: {
        resourceType: 'User',
        created: '2026-11-29T10:00:00.123Z',
        lastModified: '2026-11-29T11:00:00.456Z',
        location: `https://b.example/scim/v2/Users/${row.id}`,
        version: 'W/"7"',
      },
    });
  });

  it('projects attributes and excludedAttributes, always keeping id and schemas', () => {
    const r = { schemas: [], id: '1', userName: 'a', name: {}, members: [] };
    expect(
      project(r, { attributes: ['urn:ietf:params:scim:schemas:core:2.0:User:userName', 'name.givenName'] }),
    ).toEqual({ schemas: [], id: '1', userName: 'a', name: {} });
    expect(project(r, { excludedAttributes: ['members', 'id'] })).toEqual({
      schemas: [],
      id: '1',
      userName: 'a',
      name: {},
    });
  });
});

describe('roles and paging', () => {
  it('takes the highest of the direct role and mapped groups; SCIM-managed members fall to read_only', () => {
    expect(
      effectiveRole({ role: 'read_only', roleSource: 'scim' }, 'auditor', ['backup_operator', 'read_only']),
    ).toEqual({ role: 'backup_operator', roleSource: 'scim' });
    expect(effectiveRole({ role: 'admin', roleSource: 'scim' }, null, [])).toEqual({
      role: 'read_only',
      roleSource: 'scim',
    });
    expect(effectiveRole({ role: 'admin', roleSource: 'manual' }, null, [])).toEqual({
      role: 'admin',
      roleSource: 'manual',
    });
    expect(effectiveRole({ role: 'admin', roleSource: 'manual' }, null, ['auditor'])).toEqual({
      role: 'auditor',
      roleSource: 'scim',
    });
  });

  it('clamps startIndex and count to the advertised bounds', () => {
    expect(paging({})).toEqual({ startIndex: 1, count: 100, offset: 0 });
    expect(paging({ startIndex: 0, count: 5000 })).toEqual({ startIndex: 1, count: 200, offset: 0 });
    expect(paging({ startIndex: 11, count: -3 })).toEqual({ startIndex: 11, count: 0, offset: 10 });
  });
});
