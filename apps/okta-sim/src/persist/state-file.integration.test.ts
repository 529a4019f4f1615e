import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createOktaSim, type OktaSim, type TOktaSimOptions } from '../sim.ts';
import { allPages, call, ssws } from '../test/api.ts';
import { signIn } from '../test/flow.ts';

const started: OktaSim[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});
const start = async (options: TOktaSimOptions) => {
  const sim = await createOktaSim({ seed: 1, rateScale: 100, ...options });
  started.push(sim);
  return sim;
};
const stop = async (sim: OktaSim) => {
  started.splice(started.indexOf(sim), 1);
  await sim.close();
};

const client = {
  org: 'acme',
  client_id: 'butterfly',
  client_secret: 's3cret',
  redirect_uris: ['http://localhost:3000/sso/acme/callback'],
};
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'okta-sim-state-')), 'okta-sim', 'state.json');

/** What a backup reads, with the simulator's own address taken out (a restart may move it). */
async function view(sim: OktaSim) {
  const acme = sim.orgs.getOrg('acme');
  const auth = ssws(acme.apiToken);
  const read = async (path: string) => (await allPages(`${acme.url}${path}`, auth)).flat();
  // The System Log always links to a next page (it is polled), so it is read one page at a time.
  const all = {
    users: await read('/api/v1/users?limit=200'),
    groups: await read('/api/v1/groups?limit=200'),
    apps: await read('/api/v1/apps?limit=200'),
    policies: await read('/api/v1/policies?type=PASSWORD'),
    zones: await read('/api/v1/zones'),
    logs: (await call(`${acme.url}/api/v1/logs?since=2000-01-01T00:00:00Z&limit=1000`, { auth })).body,
  };
  return JSON.parse(JSON.stringify(all).replaceAll(sim.url, 'SIM'));
}

test('a simulator started again from its state file has the same orgs, ids and objects, and draws new ids after them', async () => {
  const file = stateFile();
  const first = await start({ stateFile: file, clients: [client] });
  expect(existsSync(file), 'the state is saved once the seed is built').toBe(true);
  const acme = first.orgs.getOrg('acme');
  const group = await call(`${acme.url}/api/v1/groups`, {
    method: 'POST',
    auth: ssws(acme.apiToken),
    body: JSON.stringify({ profile: { name: 'Persisted', description: 'made before the restart' } }),
  });
  expect(group.status).toBe(200);
  const added = await call(`${first.url}/_sim/orgs/acme/users`, {
    method: 'POST',
    body: JSON.stringify({
      email: 'dora@acme.test',
      password: 'Dora-pass-1234',
      givenName: 'Dora',
      familyName: 'Diaz',
    }),
  });
  expect(added.status).toBe(201);
  const before = await view(first);
  const demo = first.demo;
  await stop(first);
  expect(readdirSync(join(file, '..')), 'written by rename: no temporary file left').toEqual(['state.json']);

  // The app's URL changed meanwhile: the saved client keeps its secret and takes the new redirect URI.
  const moved = { ...client, redirect_uris: ['http://localhost:3999/sso/acme/callback'] };
  const second = await start({ stateFile: file, clients: [moved] });
  expect(second.url).not.toBe(first.url); // a free port each time: org URLs inside the state move with it
  const after = await view(second);
  const butterflyApp = (v: typeof before) =>
    v.apps.find(
      (a: { credentials?: { oauthClient?: { client_id?: string } } }) =>
        a.credentials?.oauthClient?.client_id === 'butterfly',
    );
  expect(butterflyApp(after).settings.oauthClient.redirect_uris).toEqual(moved.redirect_uris);
  // Everything else is as it was.
  expect({ ...after, apps: after.apps.filter((a: unknown) => a !== butterflyApp(after)) }).toEqual({
    ...before,
    apps: before.apps.filter((a: unknown) => a !== butterflyApp(before)),
  });
  expect(second.demo).toEqual(demo);
  expect(second.clients).toEqual([expect.objectContaining(moved)]);
  expect(second.orgs.listUsers('acme').filter((u) => u.profile.login === 'dora@acme.test')).toHaveLength(1);
  const persisted = before.groups.find((g: { profile: { name: string } }) => g.profile.name === 'Persisted');
  expect(persisted.id).toBe(group.body.id);

  // The seeded id source carries on where it stopped: a new group is not given an old id.
  const acme2 = second.orgs.getOrg('acme');
  const next = await call(`${acme2.url}/api/v1/groups`, {
    method: 'POST',
    auth: ssws(acme2.apiToken),
    body: JSON.stringify({ profile: { name: 'After restart' } }),
  });
  expect(next.status).toBe(200);
  expect(before.groups.map((g: { id: string }) => g.id)).not.toContain(next.body.id);

  // Sign-in with the saved client and the saved password of a user added before the restart.
  const flow = await signIn({
    sim: second,
    org: 'acme',
    client: second.clients[0]!,
    email: 'dora@acme.test',
    password: 'Dora-pass-1234',
  });
  expect(flow.callback?.searchParams.get('code')).toBeTruthy();
});

test('a change is saved shortly after it is made, without waiting for the stop', async () => {
  const file = stateFile();
  const sim = await start({ stateFile: file });
  const savedAt = statSync(file).mtimeMs;
  const acme = sim.orgs.getOrg('acme');
  await call(`${acme.url}/api/v1/groups`, {
    method: 'POST',
    auth: ssws(acme.apiToken),
    body: JSON.stringify({ profile: { name: 'Debounced' } }),
  });
  await expect.poll(() => readFileSync(file, 'utf8').includes('"Debounced"'), { timeout: 5_000 }).toBe(true);
  expect(statSync(file).mtimeMs).toBeGreaterThan(savedAt);
});

test('without a state file nothing is kept; a foreign or other-seed file is refused, not overwritten', async () => {
  const plain = await start({});
  expect(plain.orgs.listOrgs().map((o) => o.name)).toEqual(['acme', 'globex']);

  const file = stateFile();
  await stop(await start({ stateFile: file }));
  const saved = readFileSync(file, 'utf8');
  await expect(createOktaSim({ seed: 2, stateFile: file })).rejects.toThrow(/saved with seed 1/);
  expect(readFileSync(file, 'utf8')).toBe(saved);

  const junk = stateFile();
  await stop(await start({ stateFile: junk }));
  writeFileSync(junk, '{"hello":"world"}');
  await expect(createOktaSim({ seed: 1, stateFile: junk })).rejects.toThrow(/not an okta-sim state file/);
  expect(readFileSync(junk, 'utf8')).toBe('{"hello":"world"}');
});
