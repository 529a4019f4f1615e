import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim();
  token = await h.saToken();
});
afterAll(() => h.close());

const call = async (method: string, path: string, body?: unknown) => {
  const res = await h.api(`/admin/directory/v1/${path}`, token, { method, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
};

describe('Directory writes a restore needs', () => {
  it('recreates an org unit tree, renames and deletes it', async () => {
    const parent = await call('POST', 'customer/my_customer/orgunits', {
      name: 'Restored',
      parentOrgUnitPath: '/',
      description: 'back',
    });
    expect(parent.status).toBe(200);
    expect(parent.body).toMatchObject({ orgUnitPath: '/Restored', orgUnitId: expect.stringMatching(/^id:/) });
    const child = await call('POST', 'customer/my_customer/orgunits', {
      name: 'Team',
      parentOrgUnitId: parent.body.orgUnitId,
    });
    expect(child.body.orgUnitPath).toBe('/Restored/Team');
    expect(
      (await call('POST', 'customer/my_customer/orgunits', { name: 'Team', parentOrgUnitPath: '/Restored' })).status,
    ).toBe(409);
    expect(
      (await call('POST', 'customer/my_customer/orgunits', { name: 'X', parentOrgUnitPath: '/Nope' })).status,
    ).toBe(400);
    const renamed = await call('PATCH', 'customer/my_customer/orgunits/Restored', { name: 'Recovered' });
    expect(renamed.body.orgUnitPath).toBe('/Recovered');
    expect((await call('GET', 'customer/my_customer/orgunits/Recovered/Team')).body.parentOrgUnitPath).toBe(
      '/Recovered',
    );
    expect((await call('DELETE', 'customer/my_customer/orgunits/Recovered')).status).toBe(400);
    expect((await call('DELETE', 'customer/my_customer/orgunits/Recovered/Team')).status).toBe(204);
    expect((await call('DELETE', 'customer/my_customer/orgunits/Recovered')).status).toBe(204);
    expect((await call('GET', 'customer/my_customer/orgunits/Recovered')).status).toBe(404);
  });

  it('recreates a group with members and settings, updates and removes members', async () => {
    const g = await call('POST', 'groups', {
      email: 'restored@butterfly-demo.test',
      name: 'Restored',
      description: 'from backup',
    });
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({
      kind: 'admin#directory#group',
      email: 'restored@butterfly-demo.test',
      directMembersCount: '0',
    });
    expect((await call('POST', 'groups', { email: 'restored@butterfly-demo.test' })).status).toBe(409);
    expect(
      (await call('POST', 'groups/restored@butterfly-demo.test/members', { email: h.demo.member, role: 'OWNER' })).body,
    ).toMatchObject({ type: 'USER', role: 'OWNER' });
    expect(
      (await call('POST', 'groups/restored@butterfly-demo.test/members', { email: 'support@butterfly-demo.test' })).body
        .type,
    ).toBe('GROUP');
    expect((await call('POST', 'groups/restored@butterfly-demo.test/members', { email: h.demo.member })).status).toBe(
      409,
    );
    expect(
      (await call('POST', 'groups/restored@butterfly-demo.test/members', { email: h.demo.member, role: 'BOSS' }))
        .status,
    ).toBe(400);
    expect(
      (await call('PATCH', `groups/restored@butterfly-demo.test/members/${h.demo.member}`, { role: 'MANAGER' })).body
        .role,
    ).toBe('MANAGER');
    expect((await call('GET', 'groups/restored@butterfly-demo.test')).body.directMembersCount).toBe('2');
    const settings = await h.api('/groups/v1/groups/restored@butterfly-demo.test?alt=json', token, {
      method: 'PATCH',
      body: { whoCanJoin: 'INVITED_CAN_JOIN' },
    });
    expect(await settings.json()).toMatchObject({ whoCanJoin: 'INVITED_CAN_JOIN' });
    const badSetting = await h.api('/groups/v1/groups/restored@butterfly-demo.test?alt=json', token, {
      method: 'PATCH',
      body: { madeUp: 'x' },
    });
    expect(badSetting.status).toBe(400);
    expect((await call('DELETE', `groups/restored@butterfly-demo.test/members/${h.demo.member}`)).status).toBe(204);
    expect((await call('GET', `groups/restored@butterfly-demo.test/members/${h.demo.member}`)).status).toBe(404);
    expect((await call('DELETE', 'groups/restored@butterfly-demo.test')).status).toBe(204);
    expect((await call('GET', 'groups/restored@butterfly-demo.test')).status).toBe(404);
  });

  it('inserts a custom role and assigns it on an org unit; the super-admin role sets isAdmin', async () => {
    const role = await call('POST', 'customer/my_customer/roles', {
      roleName: 'Restored role',
      rolePrivileges: [{ privilegeName: 'USERS_RETRIEVE', serviceId: '00haapch16h1ysv' }],
    });
    expect(role.status).toBe(200);
    const ou = await call('GET', 'customer/my_customer/orgunits/Sales');
    const user = await call('GET', `users/${h.demo.member}`);
    const a = await call('POST', 'customer/my_customer/roleassignments', {
      roleId: role.body.roleId,
      assignedTo: user.body.id,
      scopeType: 'ORG_UNIT',
      orgUnitId: ou.body.orgUnitId.replace(/^id:/, ''),
    });
    expect(a.body).toMatchObject({
      kind: 'admin#directory#roleAssignment',
      scopeType: 'ORG_UNIT',
      assigneeType: 'user',
    });
    expect((await call('GET', `users/${h.demo.member}`)).body.isDelegatedAdmin).toBe(true);
    expect((await call('DELETE', `customer/my_customer/roles/${role.body.roleId}`)).status).toBe(400);
    const roles = (await call('GET', 'customer/my_customer/roles')).body.items;
    const superRole = roles.find((r: any) => r.isSuperAdminRole);
    const sa = await call('POST', 'customer/my_customer/roleassignments', {
      roleId: superRole.roleId,
      assignedTo: user.body.id,
      scopeType: 'CUSTOMER',
    });
    expect((await call('GET', `users/${h.demo.member}`)).body.isAdmin).toBe(true);
    expect(
      (
        await call('POST', 'customer/my_customer/roleassignments', {
          roleId: superRole.roleId,
          assignedTo: user.body.id,
        })
      ).status,
    ).toBe(409);
    expect((await call('DELETE', `customer/my_customer/roleassignments/${sa.body.roleAssignmentId}`)).status).toBe(204);
    expect((await call('GET', `users/${h.demo.member}`)).body.isAdmin).toBe(false);
    expect((await call('DELETE', `customer/my_customer/roles/${superRole.roleId}`)).status).toBe(400);
    expect(
      (await call('POST', 'customer/my_customer/roleassignments', { roleId: 'nope', assignedTo: user.body.id })).status,
    ).toBe(400);
  });

  it('suspends a user and refuses writes with a read-only token', async () => {
    expect((await call('PATCH', `users/${h.demo.member}`, { suspended: true })).body.suspended).toBe(true);
    expect((await call('PATCH', `users/${h.demo.member}`, { orgUnitPath: '/Nope' })).status).toBe(400);
    expect((await call('PATCH', `users/${h.demo.member}`, { suspended: false })).body.suspended).toBe(false);
    const readOnly = await h.saToken({
      sa: h.demo.readOnly.email,
      scopes: ['https://www.googleapis.com/auth/admin.directory.group.readonly'],
    });
    const denied = await h.api('/admin/directory/v1/groups', readOnly, {
      method: 'POST',
      body: { email: 'x@butterfly-demo.test' },
    });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as any).error.errors[0].reason).toBe('insufficientPermissions');
  });
});
