import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../../auth/scopes.ts';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let now = Date.parse('2026-01-05T10:00:00Z');
let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim({ clock: () => now });
  token = await h.saToken({ scopes: [SCOPE.policies, SCOPE.orgunitRead] });
});
afterAll(() => h.close());

const call = async (method: string, path: string, body?: unknown, t = token) => {
  now += 1000;
  const res = await h.api(path, t, { method, body });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('v1beta1 policy writes (a restore of the mutable subset)', () => {
  it('creates, patches and deletes a policy on an org unit, answering done Operations, audited', async () => {
    const ou = (await call('GET', '/admin/directory/v1/customer/my_customer/orgunits/Sales')).body;
    const orgUnit = `orgUnits/${ou.orgUnitId.replace(/^id:/, '')}`;
    const created = await call('POST', '/v1beta1/policies', {
      customer: `customers/${h.demo.customerId}`,
      policyQuery: { orgUnit },
      setting: { type: 'settings/security.password', value: { minimumLength: 16, allowedStrength: 'STRONG' } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      done: true,
      response: { type: 'ADMIN', policyQuery: { orgUnit }, setting: { value: { minimumLength: 16 } } },
    });
    const name = created.body.response.name as string;
    expect((await call('GET', `/v1/${name}`)).body.setting.value.minimumLength).toBe(16);
    const again = await call('POST', '/v1beta1/policies', {
      policyQuery: { orgUnit },
      setting: { type: 'settings/security.password', value: {} },
    });
    expect(again.status).toBe(409);
    const patched = await call('PATCH', `/v1beta1/${name}`, {
      setting: { value: { minimumLength: 14, allowedStrength: 'STRONG' } },
    });
    expect(patched.body.response.setting.value.minimumLength).toBe(14);
    expect((await call('DELETE', `/v1beta1/${name}`)).body).toMatchObject({ done: true });
    expect((await call('GET', `/v1/${name}`)).status).toBe(404);
    const log = (
      await call(
        'GET',
        '/admin/reports/v1/activity/users/all/applications/admin',
        undefined,
        await h.saToken({ scopes: [SCOPE.audit] }),
      )
    ).body;
    expect(log.items.map((a: any) => a.events[0].name)).toEqual([
      'CHANGE_APPLICATION_SETTING',
      'CHANGE_APPLICATION_SETTING',
      'CHANGE_APPLICATION_SETTING',
    ]);
  });

  it('refuses types outside the mutable subset, SYSTEM deletes, unknown targets and read-only tokens', async () => {
    const all = (await call('GET', '/v1/policies?pageSize=100')).body.policies as any[];
    const takeout = all.find((p) => p.setting.type === 'settings/drive_and_docs.user_takeout');
    const refused = await call('PATCH', `/v1beta1/${takeout.name}`, {
      setting: { value: { takeoutStatus: 'DISABLED' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.status).toBe('INVALID_ARGUMENT');
    const system = all.find((p) => p.type === 'SYSTEM' && p.setting.type === 'settings/security.user_account_recovery');
    expect((await call('DELETE', `/v1beta1/${system.name}`)).body.error.status).toBe('FAILED_PRECONDITION');
    const bad = await call('POST', '/v1beta1/policies', {
      policyQuery: { orgUnit: 'orgUnits/nope' },
      setting: { type: 'settings/security.password', value: {} },
    });
    expect(bad.status).toBe(400);
    const readOnly = await h.saToken({ scopes: [SCOPE.policiesRead] });
    expect((await call('DELETE', `/v1beta1/${system.name}`, undefined, readOnly)).status).toBe(403);
  });

  it('drops the settings of an org unit or group that is deleted, as its role assignments', async () => {
    const admin = await h.saToken({ scopes: [SCOPE.policies, SCOPE.orgunit, SCOPE.group, SCOPE.roles] });
    const dir = async (method: string, path: string, body?: unknown) => {
      const res = await h.api(`/admin/directory/v1/${path}`, admin, { method, body });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
    };
    const ou = (await dir('POST', 'customer/my_customer/orgunits', { name: 'Gone', parentOrgUnitPath: '/' })).body;
    const g = (await dir('POST', 'groups', { email: 'gone@butterfly-demo.test' })).body;
    const set = async (target: Record<string, string>) =>
      (
        await call(
          'POST',
          '/v1beta1/policies',
          {
            policyQuery: target,
            setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '3600s' } },
          },
          admin,
        )
      ).body.response.name as string;
    const onOu = await set({ orgUnit: `orgUnits/${ou.orgUnitId.replace(/^id:/, '')}` });
    const onGroup = await set({ group: `groups/${g.id}` });
    const roles = (await dir('GET', 'customer/my_customer/roles')).body.items as any[];
    const helpdesk = roles.find((r) => r.roleName === 'Helpdesk Tier 2');
    const ra = (
      await dir('POST', 'customer/my_customer/roleassignments', {
        roleId: helpdesk.roleId,
        assignedTo: (await dir('GET', 'users/mia.member@butterfly-demo.test')).body.id,
        scopeType: 'ORG_UNIT',
        orgUnitId: ou.orgUnitId,
      })
    ).body;
    expect((await dir('DELETE', 'customer/my_customer/orgunits/Gone')).status).toBe(204);
    expect((await dir('DELETE', `groups/${g.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/${onOu}`, undefined, admin)).status).toBe(404);
    expect((await call('GET', `/v1/${onGroup}`, undefined, admin)).status).toBe(404);
    expect((await dir('GET', `customer/my_customer/roleassignments/${ra.roleAssignmentId}`)).status).toBe(404);
  });
});
