import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim();
});
afterAll(() => h.close());

describe('Reports API admin activities', () => {
  it('records directory writes and console changes with their actor, newest first', async () => {
    const token = await h.saToken();
    const empty = (await (await h.api('/admin/reports/v1/activity/users/all/applications/admin', token)).json()) as any;
    expect(empty).toMatchObject({ kind: 'admin#reports#activities' });
    expect(empty.items).toBeUndefined();
    await h.api('/admin/directory/v1/groups', token, {
      method: 'POST',
      body: { email: 'audited@butterfly-demo.test' },
    });
    const policies = (await (
      await h.api(`/v1/policies?filter=${encodeURIComponent('setting.type == "settings/security.password"')}`, token)
    ).json()) as any;
    const id = policies.policies[0].name.replace('policies/', '');
    const change = await h.control('PATCH', `/customers/${h.demo.customerId}/policies/${id}`, {
      value: { minimumLength: 12 },
      actorEmail: 'sec.lead@butterfly-demo.test',
    });
    expect(change.status).toBe(200);
    const after = (await (await h.api(`/v1/policies/${id}`, token)).json()) as any;
    expect(after.setting.value).toMatchObject({ minimumLength: 12, allowedStrength: 'STRONG' });
    const log = (await (await h.api('/admin/reports/v1/activity/users/all/applications/admin', token)).json()) as any;
    expect(log.items).toHaveLength(2);
    expect(log.items[0]).toMatchObject({
      kind: 'admin#reports#activity',
      id: { applicationName: 'admin', customerId: h.demo.customerId },
      actor: { email: 'sec.lead@butterfly-demo.test', callerType: 'USER' },
      events: [
        {
          type: 'APPLICATION_SETTINGS',
          name: 'CHANGE_APPLICATION_SETTING',
          parameters: expect.arrayContaining([{ name: 'SETTING_NAME', value: 'security.password' }]),
        },
      ],
    });
    expect(log.items[1]).toMatchObject({ actor: { email: h.demo.admin }, events: [{ name: 'CREATE_GROUP' }] });
    const byName = (await (
      await h.api('/admin/reports/v1/activity/users/all/applications/admin?eventName=CREATE_GROUP', token)
    ).json()) as any;
    expect(byName.items).toHaveLength(1);
    const byActor = (await (
      await h.api(`/admin/reports/v1/activity/users/${h.demo.admin}/applications/admin`, token)
    ).json()) as any;
    expect(byActor.items).toHaveLength(1);
    expect((await h.api('/admin/reports/v1/activity/users/all/applications/drive', token)).status).toBe(400);
  });
});
