import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded();
});
afterAll(() => ctx.sim.close());

const control = (path: string, body: unknown) =>
  call(`${ctx.sim.url}/_sim/orgs/acme${path}`, { method: 'POST', body: JSON.stringify(body) });

test("an admin's own SSWS token acts as that admin, in the System Log too, until it is revoked", async () => {
  const created = await control('/api-tokens', { login: 'ann@acme.test', name: "Ann's script" });
  expect(created.status).toBe(201);
  const { id, token, userId } = created.body;
  expect(id).toMatch(/^00T/);

  const zone = (await call(`${ctx.org}/api/v1/zones?limit=1`, { auth: ssws(token) })).body[0];
  const { _links, ...body } = zone;
  expect(
    (
      await call(`${ctx.org}/api/v1/zones/${zone.id}`, {
        method: 'PUT',
        auth: ssws(token),
        body: JSON.stringify({ ...body, name: 'Renamed by Ann' }),
      })
    ).status,
  ).toBe(200);
  const events = (
    await call(`${ctx.org}/api/v1/logs?filter=${encodeURIComponent('eventType eq "zone.update"')}`, {
      auth: ssws(ctx.token),
    })
  ).body;
  expect(events.at(-1)).toMatchObject({
    actor: { id: userId, type: 'User', alternateId: 'ann@acme.test' },
    target: [{ id: zone.id }],
  });

  const listed = (await call(`${ctx.org}/api/v1/api-tokens`, { auth: ssws(ctx.token) })).body;
  expect(listed.find((t: { id: string }) => t.id === id)).toMatchObject({ name: "Ann's script", userId });
  expect(JSON.stringify(listed)).not.toContain(token);
  expect((await call(`${ctx.org}/api/v1/api-tokens/${id}`, { method: 'DELETE', auth: ssws(ctx.token) })).status).toBe(
    204,
  );
  expect((await call(`${ctx.org}/api/v1/zones`, { auth: ssws(token) })).status).toBe(401);
});

test('refuses a login that is not a user', async () => {
  expect((await control('/api-tokens', { login: 'nobody@acme.test' })).status).toBe(400);
});
