import { describe, expect, it } from 'vitest';
import { applyGroupPatch } from './group-patch.fns.ts';
import { applyUserPatch } from './patch.fns.ts';
import type { PatchOperation, ScimFilter, UserAttrs } from './types.ts';

// The real grammar is the SCIM app's (scim2-parse-filter); path filters here are `a eq "b"` only.
const parseFilter = (text: string): ScimFilter => {
  const m = /^\s*([\w.]+)\s+eq\s+(?:"([^"]*)"|(true|false))\s*$/i.exec(text);
  if (!m) throw new Error(`test parser: ${text}`);
  return { op: 'eq', attrPath: m[1]!, compValue: m[2] ?? m[3]!.toLowerCase() === 'true' };
};

const ann: UserAttrs = {
  userName: 'ann@globex.test',
  givenName: 'Ann',
  familyName: 'Lee',
  displayName: 'Ann Lee',
  email: 'ann@globex.test',
  locale: 'en-US',
  externalId: '00u1',
  active: true,
  roles: [],
};
const patch = (...ops: PatchOperation[]) => applyUserPatch(ann, ops, parseFilter);
const refused = (scimType: string, ...ops: PatchOperation[]) =>
  expect(() => patch(...ops)).toThrow(expect.objectContaining({ code: 'VALIDATION', scimType }));

describe('user PATCH', () => {
  it("applies Okta's path-less deactivation", () => {
    expect(patch({ op: 'replace', value: { active: false } })).toEqual({ ...ann, active: false });
  });

  it('applies Entra: capitalised ops, "False" strings, value-filter paths, enterprise paths dropped', () => {
    const next = patch(
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ann.lee@globex.test' },
      { op: 'Add', path: 'name.familyName', value: 'Lee-Park' },
      { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Finance' },
      {
        op: 'Replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
        value: { value: 'x' },
      },
      { op: 'Add', path: 'title', value: 'CFO' },
      { op: 'Replace', path: 'addresses[type eq "work"].formatted', value: '1 Main St' },
      { op: 'Replace', path: 'emails[type eq "work"].primary', value: 'True' },
    );
    expect(next).toEqual({ ...ann, active: false, email: 'ann.lee@globex.test', familyName: 'Lee-Park' });
  });

  it('applies newer Entra path-less values with dotted keys and core-URN-qualified keys', () => {
    const next = patch({
      op: 'replace',
      value: {
        'name.givenName': 'Annie',
        'urn:ietf:params:scim:schemas:core:2.0:User:displayName': 'Annie Lee',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': '42',
        active: 'True',
        id: 'ignored',
      },
    });
    expect(next).toEqual({ ...ann, givenName: 'Annie', displayName: 'Annie Lee' });
  });

  it('ignores an emails filter that selects nothing we keep', () => {
    expect(patch({ op: 'replace', path: 'emails[type eq "home"].value', value: 'home@x.test' })).toEqual(ann);
    expect(patch({ op: 'remove', path: 'emails[type eq "work"]' }).email).toBeNull();
  });

  it('adds, replaces and removes direct roles as a set', () => {
    expect(patch({ op: 'add', path: 'roles', value: [{ value: 'admin', display: 'Admin' }] }).roles).toEqual(['admin']);
    expect(patch({ op: 'Add', path: 'roles[primary eq "True"].value', value: 'auditor' }).roles).toEqual(['auditor']);
    const withRoles = (roles: UserAttrs['roles'], ...ops: PatchOperation[]) =>
      applyUserPatch({ ...ann, roles }, ops, parseFilter).roles;
    expect(withRoles(['admin'], { op: 'Add', path: 'roles', value: [{ value: 'auditor' }] })).toEqual([
      'admin',
      'auditor',
    ]);
    expect(withRoles(['admin', 'auditor'], { op: 'Remove', path: 'roles', value: [{ value: 'admin' }] })).toEqual([
      'auditor',
    ]);
    expect(withRoles(['admin', 'auditor'], { op: 'remove', path: 'roles' })).toEqual([]);
    expect(withRoles(['admin'], { op: 'remove', path: 'roles[value eq "auditor"]' })).toEqual(['admin']);
    expect(withRoles(['admin', 'auditor'], { op: 'remove', path: 'roles[value eq "admin"]' })).toEqual(['auditor']);
    expect(withRoles(['admin', 'auditor'], { op: 'replace', path: 'roles', value: [{ value: 'read_only' }] })).toEqual([
      'read_only',
    ]);
    // SingleAppRoleAssignment replaces the primary (highest) role and keeps the rest.
    expect(
      withRoles(['admin', 'auditor'], { op: 'Replace', path: 'roles[primary eq "True"].value', value: 'super_admin' }),
    ).toEqual(['super_admin', 'auditor']);
    expect(withRoles(['admin'], { op: 'replace', value: { roles: [{ value: 'Auditor' }] } })).toEqual(['auditor']);
  });

  it("reads Entra's stringified app role assignments in Add and Remove", () => {
    const assignment = (value: string) => ({
      value: JSON.stringify({ id: '06b07648-ecfe-589f-9d2f-6325724a46ee', value, displayName: value }),
    });
    expect(patch({ op: 'Add', path: 'roles', value: [assignment('admin')] }).roles).toEqual(['admin']);
    expect(
      patch({ op: 'Add', path: 'roles', value: [assignment('Backup operator'), assignment('auditor')] }).roles,
    ).toEqual(['backup_operator', 'auditor']);
    const removed = applyUserPatch(
      { ...ann, roles: ['admin', 'auditor'] },
      [{ op: 'Remove', path: 'roles', value: [assignment('admin')] }],
      parseFilter,
    );
    expect(removed.roles).toEqual(['auditor']);
  });

  it('refuses an unknown role, also inside stringified JSON, and JSON that is not an assignment', () => {
    refused('invalidValue', { op: 'replace', path: 'roles', value: [{ value: 'owner' }] });
    refused('invalidValue', { op: 'Add', path: 'roles', value: [{ value: 'admin' }, { value: 'owner' }] });
    refused('invalidValue', {
      op: 'Add',
      path: 'roles',
      value: [{ value: '{"id":"x","value":"25","displayName":"Role1234"}' }],
    });
    refused('invalidValue', { op: 'Add', path: 'roles', value: [{ value: '{"id":' }] });
    refused('invalidValue', { op: 'Add', path: 'roles', value: [{ value: '{"id":"x"}' }] });
    refused('invalidValue', { op: 'Add', path: 'roles', value: [{ value: '["admin"]' }] });
  });

  it('refuses paths outside the schemas, read-only attributes and malformed operations', () => {
    refused('invalidPath', { op: 'replace', path: 'favouriteColour', value: 'blue' });
    refused('invalidPath', { op: 'replace', path: 'urn:example:custom:1.0:User:x', value: 1 });
    refused('invalidPath', { op: 'replace', path: 'name.nickname', value: 'x' });
    refused('invalidPath', { op: 'replace', value: { favouriteColour: 'blue' } });
    refused('mutability', { op: 'replace', path: 'id', value: 'x' });
    refused('mutability', { op: 'remove', path: 'userName' });
    refused('noTarget', { op: 'remove' });
    refused('invalidSyntax', { op: 'merge', path: 'active', value: true });
    refused('invalidValue', { op: 'replace', path: 'active', value: 'maybe' });
    refused('invalidValue', { op: 'replace', path: 'displayName', value: 42 });
  });
});

describe('group PATCH', () => {
  const g = { displayName: 'Admins', externalId: null, members: ['a', 'b', 'c'] };
  const gp = (...ops: PatchOperation[]) => applyGroupPatch(g, ops, parseFilter);

  it("removes members by Okta's value-filter path and by Entra's value list", () => {
    expect(gp({ op: 'remove', path: 'members[value eq "b"]' }).members).toEqual(['a', 'c']);
    expect(gp({ op: 'Remove', path: 'members', value: [{ value: 'a' }, { value: 'c' }] }).members).toEqual(['b']);
    expect(gp({ op: 'remove', path: 'members' }).members).toEqual([]);
  });

  it('adds, replaces and renames', () => {
    expect(gp({ op: 'Add', path: 'members', value: [{ value: 'd' }, { value: 'a' }] }).members).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(gp({ op: 'replace', path: 'members', value: [{ value: 'z' }] }).members).toEqual(['z']);
    expect(gp({ op: 'replace', value: { id: 'x', displayName: 'Admins EU' } })).toEqual({
      ...g,
      displayName: 'Admins EU',
    });
    expect(gp({ op: 'Replace', path: 'displayName', value: 'Ops' }).displayName).toBe('Ops');
  });

  it('refuses unknown paths and malformed members', () => {
    expect(() => gp({ op: 'add', path: 'owners', value: [] })).toThrow(
      expect.objectContaining({ scimType: 'invalidPath' }),
    );
    expect(() => gp({ op: 'add', path: 'members', value: [{ display: 'no id' }] })).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }),
    );
  });
});
