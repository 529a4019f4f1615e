import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';
import { soonExpiry } from '../../seed/demo/apps.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
let api: (path: string, method?: string, body?: unknown) => ReturnType<typeof call>;
beforeAll(async () => {
  ctx = await startSeeded({ users: 10 });
  api = (path, method = 'GET', body) =>
    call(`${ctx.org}${path}`, {
      auth: ssws(ctx.token),
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
});
afterAll(() => ctx.sim.close());

const appByLabel = async (label: string) =>
  (await api(`/api/v1/apps?q=${encodeURIComponent(label)}`)).body.find((a: { label: string }) => a.label === label);

test("an app signing key is listed and read by kid, shaped as the JsonWebKey of Okta's file", async () => {
  const portal = await appByLabel('Employee Portal');
  const list = await api(`/api/v1/apps/${portal.id}/credentials/keys`);
  expect(list.status).toBe(200);
  expect(list.body).toHaveLength(1);
  const [key] = list.body;
  expect(key).toMatchObject({
    kid: portal.credentials.signing.kid,
    kty: 'RSA',
    use: 'sig',
    e: 'AQAB',
    created: portal.created,
    x5c: [expect.any(String)],
  });
  expect(Date.parse(key.expiresAt)).toBeGreaterThan(Date.parse(key.created));
  expect((await api(`/api/v1/apps/${portal.id}/credentials/keys/${key.kid}`)).body).toEqual(key);
  expect((await api(`/api/v1/apps/${portal.id}/credentials/keys/nope`)).body.errorCode).toBe('E0000007');
});

test('apps without a signing kid have no keys', async () => {
  const bookmark = await appByLabel('Status Page');
  expect((await api(`/api/v1/apps/${bookmark.id}/credentials/keys`)).body).toEqual([]);
});

test('the demo org has a signing key that expires within 30 days (Expense Tracker)', async () => {
  const expenses = await appByLabel('Expense Tracker');
  const [key] = (await api(`/api/v1/apps/${expenses.id}/credentials/keys`)).body;
  const days = (Date.parse(key.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(19);
  expect(days).toBeLessThan(30);
  expect(key.expiresAt).toBe(soonExpiry(Date.now()));
});

test('Okta assigns an app orn: a posted one is ignored on create and a replace keeps the assigned one', async () => {
  const posted = 'orn:okta:idp:someoneelse:apps:oidc_client:0oaFORGED';
  const app = (
    await api('/api/v1/apps', 'POST', {
      label: 'Orn check',
      orn: posted,
      signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { application_type: 'web', redirect_uris: ['https://orn.test/cb'] } },
    })
  ).body;
  expect(app.orn).not.toBe(posted);
  expect(app.orn).toMatch(new RegExp(`^orn:okta:idp:[^:]+:apps:oidc_client:${app.id}$`));
  const { orn: _o, ...rest } = app;
  const replaced = (await api(`/api/v1/apps/${app.id}`, 'PUT', { ...rest, orn: posted })).body;
  expect(replaced.orn).toBe(app.orn);
  // A new app gets its signing key with it, and deleting the app removes it.
  expect((await api(`/api/v1/apps/${app.id}/credentials/keys`)).body.map((k: { kid: string }) => k.kid)).toEqual([
    app.credentials.signing.kid,
  ]);
});
