import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let now = Date.UTC(2026, 0, 5, 12, 0, 0);
beforeAll(async () => {
  h = await startSim({ clock: () => now });
});
afterAll(() => h.close());

const code = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('authentication and permissions', () => {
  it('no token or a forged one is InvalidAuthenticationToken', async () => {
    const res = await fetch(`${h.url}/v1.0/users`);
    expect(res.status).toBe(401);
    expect((await code(res)).code).toBe('InvalidAuthenticationToken');
    const token = await h.appToken();
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(342)}`;
    expect((await h.graph('/v1.0/users', forged)).status).toBe(401);
  });

  it("an app without the path's permission is Authorization_RequestDenied; granting it opens the path", async () => {
    const reg = (await (await h.control('POST', `/tenants/${h.tid}/apps`, { roles: ['User.Read.All'] })).json()) as {
      clientId: string;
      secret: string;
    };
    let token = await h.appToken(reg.clientId, reg.secret);
    expect((await h.graph('/v1.0/users?$top=1', token)).status).toBe(200);
    const denied = await h.graph('/v1.0/identity/conditionalAccess/policies', token);
    expect(denied.status).toBe(403);
    expect(await code(denied)).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    await h.control('PATCH', `/tenants/${h.tid}/apps/${reg.clientId}`, { roles: ['User.Read.All', 'Policy.Read.All'] });
    token = await h.appToken(reg.clientId, reg.secret);
    expect((await h.graph('/v1.0/identity/conditionalAccess/policies', token)).status).toBe(200);
    // Read permission does not write.
    const write = await h.graph('/v1.0/identity/conditionalAccess/namedLocations', token, {
      method: 'POST',
      body: { displayName: 'x' },
    });
    expect(write.status).toBe(403);
  });
});

describe('resource-unit throttling', () => {
  it('GET /users costs 2, $select 1; past the bucket a 429 with Retry-After and the throttle headers', async () => {
    await h.control('PATCH', `/tenants/${h.tid}/settings`, { ruPer10s: 10 });
    const reg = (await (await h.control('POST', `/tenants/${h.tid}/apps`, { roles: ['User.Read.All'] })).json()) as {
      clientId: string;
      secret: string;
    };
    const token = await h.appToken(reg.clientId, reg.secret);
    const a = await h.graph('/v1.0/users?$top=1', token);
    expect(a.headers.get('x-ms-resource-unit')).toBe('2');
    const b = await h.graph('/v1.0/users?$top=1&$select=id', token);
    expect(b.headers.get('x-ms-resource-unit')).toBe('1');
    for (let i = 0; i < 3; i++) await h.graph('/v1.0/users?$top=1', token); // 9 of 10 used
    const hot = await h.graph('/v1.0/users?$top=1&$select=id', token);
    expect(hot.status).toBe(200);
    expect(hot.headers.get('x-ms-throttle-limit-percentage')).toBe('1.0');
    const refused = await h.graph('/v1.0/users?$top=1', token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.headers.get('x-ms-throttle-scope')).toBe(`Tenant_Application/ReadWrite/${reg.clientId}/${h.tid}`);
    expect(refused.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
    expect((await code(refused)).code).toBe('TooManyRequests');
    // Another app has its own bucket; the window ends after 10 s.
    expect((await h.graph('/v1.0/users?$top=1', await h.appToken())).status).toBe(200);
    now += 10_000;
    expect((await h.graph('/v1.0/users?$top=1', token)).status).toBe(200);
    await h.control('PATCH', `/tenants/${h.tid}/settings`, { ruPer10s: null });
  });

  it('writes have their own bucket per app+tenant (3,000 per 2.5 min; 2 here)', async () => {
    await h.control('PATCH', `/tenants/${h.tid}/settings`, { writesPer150s: 2 });
    const token = await h.appToken();
    const post = () => h.graph('/v1.0/applications', token, { method: 'POST', body: { displayName: 'w' } });
    expect([(await post()).status, (await post()).status]).toEqual([201, 201]);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ms-throttle-information')).toBe('WriteLimitExceeded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(10);
    expect((await h.graph('/v1.0/applications?$top=1', token)).status).toBe(200);
    now += 150_000;
    expect((await post()).status).toBe(201);
    await h.control('PATCH', `/tenants/${h.tid}/settings`, { writesPer150s: null });
  });

  it('an injected 429 can come without Retry-After', async () => {
    const token = await h.appToken();
    const added = await h.control('POST', `/tenants/${h.tid}/faults`, {
      pathPrefix: '/identity/conditionalAccess',
      retryAfter: null,
      count: 2,
    });
    expect(added.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await h.graph('/v1.0/identity/conditionalAccess/policies', token);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeNull();
    }
    expect((await h.graph('/v1.0/identity/conditionalAccess/policies', token)).status).toBe(200);
  });

  it('the older CA limit: one request per second per tenant, 429 without Retry-After', async () => {
    await h.control('PATCH', `/tenants/${h.tid}/settings`, { legacyCaThrottle: true });
    const token = await h.appToken();
    now = Math.ceil(now / 1000) * 1000;
    expect((await h.graph('/v1.0/identity/conditionalAccess/namedLocations', token)).status).toBe(200);
    const second = await h.graph('/v1.0/identity/conditionalAccess/policies', token);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
    expect((await h.graph('/v1.0/users?$top=1', token)).status).toBe(200);
    now += 1000;
    expect((await h.graph('/v1.0/identity/conditionalAccess/policies', token)).status).toBe(200);
    await h.control('PATCH', `/tenants/${h.tid}/settings`, { legacyCaThrottle: false });
  });
});
