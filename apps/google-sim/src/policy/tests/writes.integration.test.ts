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
});
