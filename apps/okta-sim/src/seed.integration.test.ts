import { afterEach, expect, test } from 'vitest';
import { createOktaSim, type OktaSim } from './sim.ts';
import { signIn } from './test/flow.ts';

const started: OktaSim[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});
const start = async (...args: Parameters<typeof createOktaSim>) => {
  const sim = await createOktaSim(...args);
  started.push(sim);
  return sim;
};

const client = {
  org: 'acme',
  client_id: 'butterfly',
  client_secret: 's3cret',
  redirect_uris: ['http://localhost:3000/sso/acme/callback'],
};

test('a seed builds the demo orgs, and the same seed builds the same ids and passwords', async () => {
  const a = await start({ seed: 1, users: 2, clients: [client] });
  const b = await start({ seed: 1, users: 2 });
  const c = await start({ seed: 2 });

  expect(a.orgs.listOrgs().map((o) => o.name)).toEqual(['acme', 'globex']);
  expect(a.demo?.users.map((u) => u.email)).toEqual(['ann@acme.test', 'bob@globex.test']);
  expect(a.demo).toEqual(b.demo);
  const ids = (sim: OktaSim) => sim.orgs.listUsers('acme').map((u) => [u.id, u.profile.login]);
  // Ann, five more admins, two service accounts, and the two generated users.
  expect(ids(a)).toHaveLength(10);
  expect(ids(a).filter(([, login]) => /^user\d+@acme\.test$/.test(login!))).toHaveLength(2);
  expect(ids(a)).toEqual(ids(b));
  expect(a.demo?.users[0]?.password).not.toBe(c.demo?.users[0]?.password);
  expect(a.clients).toEqual([expect.objectContaining(client)]);

  // The printed password works, for Ann and for a generated user.
  const ann = a.demo!.users[0]!;
  const flow = await signIn({ sim: a, org: 'acme', client: a.clients[0]!, email: ann.email, password: ann.password });
  expect(flow.callback?.searchParams.get('code')).toBeTruthy();
  const gen = await signIn({
    sim: a,
    org: 'acme',
    client: a.clients[0]!,
    email: 'user2@acme.test',
    password: a.demo!.generated!.password,
  });
  expect(gen.callback?.searchParams.get('code')).toBeTruthy();
});

test('a --client for an unknown org fails the start', async () => {
  await expect(start({ clients: [{ ...client, org: 'nope' }] })).rejects.toThrow(/org nope not found/);
});
