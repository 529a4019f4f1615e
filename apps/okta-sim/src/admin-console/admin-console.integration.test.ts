import { afterAll, beforeAll, expect, test } from 'vitest';
import { createOktaSim, type OktaSim } from '../sim.ts';

let sim: OktaSim;
let org: { url: string; apiToken: string };
beforeAll(async () => {
  sim = await createOktaSim();
  await fetch(`${sim.url}/_sim/orgs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'console' }),
  });
  org = (await (await fetch(`${sim.url}/_sim/orgs/console`)).json()) as typeof org;
});
afterAll(() => sim.close());

const api = async (path: string, init: RequestInit = {}) =>
  fetch(`${org.url}${path}`, {
    ...init,
    headers: { authorization: `SSWS ${org.apiToken}`, 'content-type': 'application/json', ...init.headers },
  });

async function signIn(token = org.apiToken) {
  const res = await fetch(`${org.url}/admin/_sim/session`, {
    method: 'POST',
    headers: { authorization: `SSWS ${token}` },
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

test('pages at Okta URL patterns show the object, only inside a console session', async () => {
  const group = (await (
    await api('/api/v1/groups', { method: 'POST', body: JSON.stringify({ profile: { name: 'Console Group' } }) })
  ).json()) as { id: string };
  const path = `${org.url}/admin/group/${group.id}`;
  expect((await fetch(path)).status).toBe(401);
  expect((await signIn('wrong')).status).toBe(401);
  const { status, cookie } = await signIn();
  expect(status).toBe(204);
  const page = await fetch(path, { headers: { cookie } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<h1 data-se="object-name">Console Group</h1>');
  expect((await fetch(`${org.url}/admin/group/00gNOPE`, { headers: { cookie } })).status).toBe(404);

  const zones = (await (await api('/api/v1/zones')).json()) as { id: string; name: string }[];
  const networks = await (
    await fetch(`${org.url}/admin/access/networks?select=${zones[0]!.id}`, { headers: { cookie } })
  ).text();
  expect(networks).toContain(`<h2 id="edit-title" data-se="o-form-head">${zones[0]!.name}</h2>`);
  const policies = await (await fetch(`${org.url}/admin/access/policies`, { headers: { cookie } })).text();
  expect(policies).toMatch(/<h2 data-se="policy-name">[^<]+<\/h2>/);
});

test("the console's session reads /api/v1 as the admin, and only reads", async () => {
  const { cookie } = await signIn();
  const read = await fetch(`${org.url}/api/v1/groups?limit=1`, { headers: { cookie } });
  expect(read.status).toBe(200);
  expect((await fetch(`${org.url}/api/v1/groups?limit=1`)).status).toBe(401);
  const write = await fetch(`${org.url}/api/v1/groups`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ profile: { name: 'x' } }),
  });
  expect(write.status).toBe(401);
  // Another org's session is no session here.
  await fetch(`${sim.url}/_sim/orgs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'other' }),
  });
  expect((await fetch(`${sim.url}/other/api/v1/groups?limit=1`, { headers: { cookie } })).status).toBe(401);
  await fetch(`${org.url}/admin/_sim/session`, { method: 'DELETE', headers: { cookie } });
  expect((await fetch(`${org.url}/api/v1/groups?limit=1`, { headers: { cookie } })).status).toBe(401);
});
