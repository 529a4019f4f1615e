import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim({ demo: true });
});
afterAll(() => h.close());

describe('/_sim', () => {
  it('POST /_sim/tenants makes a tenant with N users that an app registered there can read', async () => {
    const res = await h.control('POST', '/tenants', { name: 'bench-1', users: 60 });
    expect(res.status).toBe(201);
    const t = (await res.json()) as { id: string; domain: string; users: number };
    expect(t).toMatchObject({ domain: 'bench-1.onmicrosoft.com', users: 60 });
    const app = (await (
      await h.control('POST', `/tenants/${t.id}/apps`, { roles: ['User.Read.All'], secret: 'bench-secret-1' })
    ).json()) as { clientId: string; secret: string };
    expect(app.secret).toBe('bench-secret-1');
    const token = await h.appToken(app.clientId, app.secret, t.id);
    const res2 = await h.graph('/v1.0/users/$count', token, { headers: { ConsistencyLevel: 'eventual' } });
    expect(await res2.text()).toBe('60');
    // Apps are per tenant: the demo backup app does not exist there.
    const other = await h.tokenResponse(
      {
        grant_type: 'client_credentials',
        client_id: h.demo.backup.clientId,
        client_secret: h.demo.backup.secret,
        scope: 'https://graph.microsoft.com/.default',
      },
      t.id,
    );
    expect(((await other.json()) as { error_codes: number[] }).error_codes).toEqual([700016]);
    expect((await h.control('POST', '/tenants', { name: 'bench-1' })).status).toBe(409);
  });

  it('bad input is a 400 with a stable code; unknown tenants and routes are 404', async () => {
    const bad = await h.control('POST', '/tenants', { users: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_input');
    const badApp = await h.control('POST', `/tenants/${h.tid}/apps`, { redirectUris: ['not a url'] });
    expect(((await badApp.json()) as { error: string }).error).toBe('invalid_input');
    const cert = await h.control('POST', `/tenants/${h.tid}/apps`, {
      certificate: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----',
    });
    expect(((await cert.json()) as { error: string }).error).toBe('invalid_certificate');
    expect((await h.control('GET', '/tenants/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await h.control('GET', '/nothing')).status).toBe(404);
  });

  it('a tenant view never shows secrets', async () => {
    const view = await (await h.control('GET', `/tenants/${h.tid}`)).text();
    expect(view).toContain(h.demo.backup.clientId);
    expect(view).not.toContain(h.demo.backup.secret);
  });
});
