import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded();
});
afterAll(() => ctx.sim.close());

const control = (method: string, path: string, body?: unknown) =>
  call(`${ctx.sim.url}/_sim/orgs/acme${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

test('an injected fault fails the next requests to its path with an Okta 5xx, then the path recovers', async () => {
  expect((await control('POST', '/faults', { path: '/api/v1/groups', status: 503, count: 2 })).status).toBe(204);
  const groups = () => call(`${ctx.org}/api/v1/groups`, { auth: ssws(ctx.token) });
  // Other paths are untouched.
  expect((await call(`${ctx.org}/api/v1/zones`, { auth: ssws(ctx.token) })).status).toBe(200);
  for (let i = 0; i < 2; i++) {
    const res = await groups();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ errorCode: 'E0000010' });
    // A failing Okta still counts the call against the bucket and says so.
    expect(res.headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
  }
  expect((await groups()).status).toBe(200);
});

test('a prefix fault matches every path below it; DELETE clears what is left', async () => {
  await control('POST', '/faults', { path: '/api/v1/apps/*', status: 500, count: 5 });
  const app = (await call(`${ctx.org}/api/v1/apps?limit=1`, { auth: ssws(ctx.token) })).body[0];
  expect((await call(`${ctx.org}/api/v1/apps/${app.id}/users`, { auth: ssws(ctx.token) })).status).toBe(500);
  expect((await call(`${ctx.org}/api/v1/apps`, { auth: ssws(ctx.token) })).status).toBe(200);
  expect((await control('DELETE', '/faults')).status).toBe(204);
  expect((await call(`${ctx.org}/api/v1/apps/${app.id}/users`, { auth: ssws(ctx.token) })).status).toBe(200);
  expect((await control('POST', '/faults', { path: 'no-slash', status: 500 })).status).toBe(400);
});

test('stats report the busiest window of each bucket', async () => {
  await control('DELETE', '/stats');
  for (let i = 0; i < 3; i++) await call(`${ctx.org}/api/v1/idps`, { auth: ssws(ctx.token) });
  const stats = (await control('GET', '/stats')).body;
  expect(stats.buckets['/api/v1/idps']).toMatchObject({ requests: 3, limit: 100 });
  expect(stats.buckets['/api/v1/idps'].peakWindow).toBeGreaterThanOrEqual(3);
});

test('reads every org answers though nothing is modelled behind them', async () => {
  const get = async (path: string) => {
    const res = await call(`${ctx.org}${path}`, { auth: ssws(ctx.token) });
    expect(res.status, path).toBe(200);
    return res.body;
  };
  expect(await get('/api/v1/meta/schemas/user/linkedObjects')).toEqual([]);
  for (const p of ['/api/v1/templates/sms', '/api/v1/email-domains', '/api/v1/captchas', '/api/v1/device-assurances'])
    expect(await get(p)).toEqual([]);
  expect(await get('/api/v1/domains')).toEqual({ domains: [] });
  expect(await get('/api/v1/org/preferences')).toMatchObject({ showEndUserFooter: true });
  const contacts = await get('/api/v1/org/contacts');
  expect(contacts.map((c: { contactType: string }) => c.contactType)).toEqual(['BILLING', 'TECHNICAL']);
  expect(await get('/api/v1/org/contacts/TECHNICAL')).toMatchObject({ userId: expect.stringMatching(/^00u/) });
  expect((await call(`${ctx.org}/api/v1/org/contacts/SALES`, { auth: ssws(ctx.token) })).status).toBe(404);
});
