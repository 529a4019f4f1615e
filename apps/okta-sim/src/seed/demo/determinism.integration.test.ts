import { afterAll, beforeAll, expect, test } from 'vitest';
import { allPages, ssws, startSeeded } from '../../test/api.ts';

type TStarted = Awaited<ReturnType<typeof startSeeded>>;
const started: TStarted[] = [];
beforeAll(async () => {
  for (const seed of [7, 7, 8]) started.push(await startSeeded({ seed, users: 300, rateScale: 100 }));
});
afterAll(() => Promise.all(started.map((s) => s.sim.close())));

const PATHS = [
  '/api/v1/users',
  '/api/v1/groups',
  '/api/v1/groups/rules',
  '/api/v1/apps',
  '/api/v1/policies?type=OKTA_SIGN_ON',
  '/api/v1/policies?type=ACCESS_POLICY',
  '/api/v1/zones',
  '/api/v1/idps',
  '/api/v1/authorizationServers',
  '/api/v1/authenticators',
  '/api/v1/meta/schemas/user/default',
  '/api/v1/api-tokens',
  '/api/v1/iam/roles',
];

/** Everything a backup would read, with the port (which differs per run) taken out. */
async function snapshot(s: TStarted): Promise<string> {
  const parts: unknown[] = [];
  for (const path of PATHS) {
    const res = await fetch(`${s.org}${path}`, { headers: { authorization: ssws(s.token) } });
    const body = await res.json();
    parts.push(Array.isArray(body) ? (await allPages(`${s.org}${path}`, ssws(s.token))).flat() : body);
  }
  return JSON.stringify(parts).replaceAll(s.sim.url, 'SIM');
}

test('the same seed builds the same org, ids and content included; another seed another one', async () => {
  const [a, b, c] = started as [TStarted, TStarted, TStarted];
  expect(a.token).toBe(b.token);
  const [sa, sb, sc] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)]);
  expect(sa.length).toBeGreaterThan(100_000);
  expect(sb).toBe(sa);
  expect(sc).not.toBe(sa);
  expect({ ...a.acme.serviceApp, tokenUrl: '' }).toEqual({ ...b.acme.serviceApp, tokenUrl: '' });
  expect(c.acme.serviceApp.clientId).not.toBe(a.acme.serviceApp.clientId);
});
