import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededGuid } from '../../model/ids.ts';
import { signIn, startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let token: string;
const REDIRECT = 'http://localhost:3999/cb';
beforeAll(async () => {
  h = await startSim({ signIn: { redirectUris: [REDIRECT] } });
  token = await h.appToken();
});
afterAll(() => h.close());

type TObj = Record<string, unknown> & { id: string };
const json = async (res: Response) => (await res.json()) as TObj & { value: TObj[] };
const send = (method: string, path: string, body?: unknown, t = token) => h.graph(path, t, { method, body });

describe('CRUD', () => {
  it('conditional access policies: create, patch, delete; the audit log names the app', async () => {
    const created = await send('POST', '/v1.0/identity/conditionalAccess/policies', {
      displayName: 'Block legacy auth (restored)',
      state: 'enabled',
      conditions: {
        users: { includeUsers: ['All'] },
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['exchangeActiveSync', 'other'],
      },
      grantControls: { operator: 'OR', builtInControls: ['block'] },
    });
    expect(created.status).toBe(201);
    const policy = await json(created);
    expect(policy.createdDateTime).toBeTruthy();
    expect(
      (await send('PATCH', `/v1.0/identity/conditionalAccess/policies/${policy.id}`, { state: 'disabled' })).status,
    ).toBe(204);
    expect((await json(await h.graph(`/v1.0/identity/conditionalAccess/policies/${policy.id}`, token))).state).toBe(
      'disabled',
    );
    expect(
      (await send('POST', '/v1.0/identity/conditionalAccess/policies', { displayName: 'no conditions' })).status,
    ).toBe(400);
    expect((await send('DELETE', `/v1.0/identity/conditionalAccess/policies/${policy.id}`)).status).toBe(204);
    expect((await h.graph(`/v1.0/identity/conditionalAccess/policies/${policy.id}`, token)).status).toBe(404);
    const audits = (await json(await h.graph('/v1.0/auditLogs/directoryAudits', token))).value;
    const mine = audits.filter((a) => (a.targetResources as TObj[])[0]!.id === policy.id);
    expect(mine.map((a) => a.operationType)).toEqual(['Delete', 'Update', 'Add']);
    expect(mine[0]!.initiatedBy).toMatchObject({
      user: null,
      app: { appId: h.demo.backup.clientId, displayName: 'Butterfly Backup' },
    });
    expect(mine[2]!.loggedByService).toBe('Conditional Access');
  });

  it('singleton policies are patched in place', async () => {
    expect(
      (
        await send('PATCH', '/v1.0/policies/authorizationPolicy', {
          defaultUserRolePermissions: { allowedToCreateApps: false },
        })
      ).status,
    ).toBe(204);
    const p = await json(await h.graph('/v1.0/policies/authorizationPolicy', token));
    expect(p.defaultUserRolePermissions).toEqual({ allowedToCreateApps: false });
    expect((await send('PATCH', '/v1.0/policies/defaultAppManagementPolicy', { isEnabled: false })).status).toBe(403);
  });

  it('group members and owners by $ref', async () => {
    const group = await json(
      await send('POST', '/v1.0/groups', {
        displayName: 'Temp',
        mailEnabled: false,
        mailNickname: 'temp',
        securityEnabled: true,
      }),
    );
    const user = seededGuid(h.tid, 'user', 5);
    const ref = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user}` };
    expect((await send('POST', `/v1.0/groups/${group.id}/members/$ref`, ref)).status).toBe(204);
    expect((await send('POST', `/v1.0/groups/${group.id}/members/$ref`, ref)).status).toBe(400);
    const members = (await json(await h.graph(`/v1.0/groups/${group.id}/members`, token))).value;
    expect(members.map((m) => [m.id, m['@odata.type']])).toEqual([[user, '#microsoft.graph.user']]);
    expect((await send('DELETE', `/v1.0/groups/${group.id}/members/${user}/$ref`)).status).toBe(204);
    expect((await json(await h.graph(`/v1.0/groups/${group.id}/members`, token))).value).toEqual([]);
    expect((await h.graph('/v1.0/groups/00000000-0000-4000-8000-000000000000/members', token)).status).toBe(404);
  });
});

describe('soft delete and restore', () => {
  it('an application goes to deletedItems and comes back with the same id', async () => {
    const app = await json(await send('POST', '/v1.0/applications', { displayName: 'Soon gone' }));
    expect((await send('DELETE', `/v1.0/applications/${app.id}`)).status).toBe(204);
    expect((await h.graph(`/v1.0/applications/${app.id}`, token)).status).toBe(404);
    const deleted = (await json(await h.graph('/v1.0/directory/deletedItems/microsoft.graph.application', token)))
      .value;
    expect(deleted.find((d) => d.id === app.id)?.deletedDateTime).toBeTruthy();
    const restored = await send('POST', `/v1.0/directory/deletedItems/${app.id}/restore`);
    expect(restored.status).toBe(200);
    expect((await json(restored)).id).toBe(app.id);
    const back = await json(await h.graph(`/v1.0/applications/${app.id}`, token));
    expect([back.appId, back.deletedDateTime]).toEqual([app.appId, null]);
  });

  it('a service principal and a Microsoft 365 group restore; a security group is gone for good', async () => {
    const app = await json(await send('POST', '/v1.0/applications', { displayName: 'With SP' }));
    const sp = await json(await send('POST', '/v1.0/servicePrincipals', { appId: app.appId }));
    expect((await send('POST', '/v1.0/servicePrincipals', { appId: app.appId })).status).toBe(400);
    const m365 = await json(
      await send('POST', '/v1.0/groups', {
        displayName: 'M365',
        mailEnabled: true,
        mailNickname: 'm365',
        securityEnabled: false,
        groupTypes: ['Unified'],
      }),
    );
    const sec = await json(
      await send('POST', '/v1.0/groups', {
        displayName: 'Sec',
        mailEnabled: false,
        mailNickname: 'sec',
        securityEnabled: true,
      }),
    );
    for (const p of [`servicePrincipals/${sp.id}`, `groups/${m365.id}`, `groups/${sec.id}`])
      expect((await send('DELETE', `/v1.0/${p}`)).status).toBe(204);
    const groups = (await json(await h.graph('/v1.0/directory/deletedItems/microsoft.graph.group', token))).value.map(
      (g) => g.id,
    );
    expect(groups).toContain(m365.id);
    expect(groups).not.toContain(sec.id);
    expect((await send('POST', `/v1.0/directory/deletedItems/${sec.id}/restore`)).status).toBe(404);
    expect((await send('POST', `/v1.0/directory/deletedItems/${sp.id}/restore`)).status).toBe(200);
    expect((await send('POST', `/v1.0/directory/deletedItems/${m365.id}/restore`)).status).toBe(200);
    expect((await json(await h.graph(`/v1.0/groups/${m365.id}`, token))).displayName).toBe('M365');
    expect((await json(await h.graph(`/v1.0/servicePrincipals/${sp.id}`, token))).appId).toBe(app.appId);
  });

  it('reading deleted items needs the read permission of their type', async () => {
    const reg = (await (await h.control('POST', `/tenants/${h.tid}/apps`, { roles: ['Group.Read.All'] })).json()) as {
      clientId: string;
      secret: string;
    };
    const t = await h.appToken(reg.clientId, reg.secret);
    expect((await h.graph('/v1.0/directory/deletedItems/microsoft.graph.group', t)).status).toBe(200);
    expect((await h.graph('/v1.0/directory/deletedItems/microsoft.graph.application', t)).status).toBe(403);
  });
});

describe('the audit log with a signed-in user', () => {
  it('a delegated write names the user in initiatedBy', async () => {
    const admin = seededGuid(h.tid, 'user', 0);
    const flow = await signIn(h, {
      clientId: h.demo.signIn.clientId,
      secret: h.demo.signIn.secret,
      redirectUri: REDIRECT,
      userId: admin,
      scope: 'openid https://graph.microsoft.com/Policy.ReadWrite.ConditionalAccess',
    });
    const { access_token } = (await (await flow.redeem()).json()) as { access_token: string };
    const loc = await json(
      await send(
        'POST',
        '/v1.0/identity/conditionalAccess/namedLocations',
        {
          '@odata.type': '#microsoft.graph.countryNamedLocation',
          displayName: 'Nordics',
          countriesAndRegions: ['NO', 'SE'],
        },
        access_token,
      ),
    );
    expect((await send('GET', '/v1.0/users', undefined, access_token)).status).toBe(403);
    const audits = (await json(await h.graph(`/v1.0/auditLogs/directoryAudits?$top=5`, token))).value;
    const entry = audits.find((a) => (a.targetResources as TObj[])[0]!.id === loc.id)!;
    expect(entry.initiatedBy).toMatchObject({
      app: null,
      user: { id: admin, userPrincipalName: `admin@${h.demo.customDomain}` },
    });
    expect(entry.activityDisplayName).toBe('Add named location');
  });
});
