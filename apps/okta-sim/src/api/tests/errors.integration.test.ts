import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded();
});
afterAll(() => ctx.sim.close());

const shape = {
  errorCode: expect.any(String),
  errorSummary: expect.any(String),
  errorLink: expect.any(String),
  errorId: expect.any(String),
  errorCauses: expect.any(Array),
};

test("errors use Okta's body and codes", async () => {
  const auth = ssws(ctx.token);
  const cases: [string, RequestInit, number, string][] = [
    ['/api/v1/users/00unothere000000000', {}, 404, 'E0000007'],
    ['/api/v1/nothing/here', {}, 404, 'E0000007'],
    ['/api/v1/groups', { method: 'PATCH' }, 405, 'E0000022'],
    ['/api/v1/groups', { method: 'POST', body: JSON.stringify({ profile: {} }) }, 400, 'E0000001'],
    ['/api/v1/groups', { method: 'POST', body: '{"profile":' }, 400, 'E0000003'],
    ['/api/v1/policies', {}, 400, 'E0000001'],
    ['/api/v1/policies?type=NOT_A_TYPE', {}, 400, 'E0000001'],
    ['/api/v1/users?filter=status%20eq', {}, 400, 'E0000031'],
  ];
  for (const [path, init, status, code] of cases) {
    const res = await call(`${ctx.org}${path}`, { ...init, auth });
    expect({ path, status: res.status, code: res.body.errorCode }).toEqual({ path, status, code });
    expect(res.body).toMatchObject(shape);
    expect(res.headers.get('content-type')).toBe('application/json');
  }
});

test('validation errors name the field in errorCauses', async () => {
  const res = await call(`${ctx.org}/api/v1/users`, {
    auth: ssws(ctx.token),
    method: 'POST',
    body: JSON.stringify({ profile: { login: 'x@acme.test' } }),
  });
  expect(res.body.errorSummary).toBe('Api validation failed: email, firstName, lastName');
  expect(res.body.errorCauses).toContainEqual({ errorSummary: 'email: The field cannot be left blank' });
  const duplicate = await call(`${ctx.org}/api/v1/groups`, {
    auth: ssws(ctx.token),
    method: 'POST',
    body: JSON.stringify({ profile: { name: 'Sales' } }),
  });
  expect(duplicate.body.errorCauses).toEqual([
    { errorSummary: 'name: An object with this field already exists in the current organization' },
  ]);
});

test('system objects cannot be deleted', async () => {
  const auth = ssws(ctx.token);
  const [policy] = (await call(`${ctx.org}/api/v1/policies?type=PROFILE_ENROLLMENT`, { auth })).body;
  expect(policy.system).toBe(true);
  expect((await call(`${ctx.org}/api/v1/policies/${policy.id}`, { auth, method: 'DELETE' })).body.errorCode).toBe(
    'E0000001',
  );
  const everyone = (await call(`${ctx.org}/api/v1/groups?q=Everyone`, { auth })).body[0];
  expect((await call(`${ctx.org}/api/v1/groups/${everyone.id}`, { auth, method: 'DELETE' })).body.errorCode).toBe(
    'E0000001',
  );
});
