import { createOktaClient, type OktaClientOptions, OktaUnavailableError } from '@butterfly/connectors';
import type { IdpObject } from '@butterfly/domain/idp';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { fastClock } from './support/clock.ts';
import { compareWithRaw } from './support/expected.ts';
import { objectKey, rawWalk } from './support/raw-walk.ts';
import { orgHandle, type SimStats, startSim } from './support/sim.ts';

/**
 * Issue 6: the connector's manners under okta-sim's rate limits. Simulator and connector share a
 * clock that runs faster than the wall clock, so one-minute windows pass in seconds while both
 * sides agree on them.
 */
let sim: OktaSim | undefined;
afterEach(() => sim?.close());

async function setUp(opts: { users: number; rateScale?: number; speed: number }) {
  const clock = fastClock(opts.speed);
  sim = await startSim({ users: opts.users, rateScale: opts.rateScale, clock: clock.now });
  const org = await orgHandle(sim, 'acme', clock);
  const client = (o: OktaClientOptions = {}) =>
    createOktaClient(
      { provider: 'okta', orgUrl: org.url, credentials: { kind: 'ssws', token: org.apiToken } },
      { allowPrivateNetwork: true, clock, ...o },
    );
  return { clock, org, client };
}

async function readAll(c: ReturnType<typeof createOktaClient>, types?: string[]) {
  const out = new Map<string, IdpObject>();
  for await (const o of c.listObjects({ types })) out.set(objectKey(o.type, o.id), o);
  return out;
}

/** No window of any bucket saw more than (1 − reserve) of its limit. */
function expectReserveKept(stats: SimStats, reserve = 0.2) {
  const over = Object.entries(stats.buckets).filter(([, b]) => b.peakWindow > Math.floor(b.limit * (1 - reserve)));
  expect(over.map(([name, b]) => `${name}: ${b.peakWindow} of ${b.limit}`)).toEqual([]);
}

describe('rate limits', () => {
  it('under default buckets: pages through 2000 users, at most a handful of 429s, cap and reserve kept', async () => {
    const { org, client } = await setUp({ users: 2000, speed: 8 });
    const c = client();
    const read = await readAll(c);
    const stats = await org.stats();
    expect(stats.limited).toBeLessThanOrEqual(3);
    expect(stats.maxConcurrency).toBeLessThanOrEqual(15);
    expectReserveKept(stats);
    expect(c.stats().rateLimited ?? 0).toBe(stats.limited);
    // Many pages of users (200 a page), memberships and app assignments, all compared with the API.
    expect(c.stats().byEndpoint?.['GET /api/v1/users']?.requests).toBeGreaterThanOrEqual(11);
    const PAGED = ['user', 'group', 'group.member', 'app', 'app.user', 'app.group'];
    const raw = await rawWalk(org, PAGED);
    const subset = new Map([...read].filter(([, o]) => PAGED.includes(o.type)));
    expect(compareWithRaw(raw, subset, { checkRedacted: true })).toEqual([]);
    expect([...subset.values()].filter((o) => o.type === 'user').length).toBeGreaterThan(2000);
  });

  it('with tiny buckets, waits for the resets instead of failing', async () => {
    const { org, client } = await setUp({ users: 0, rateScale: 0.06, speed: 60 });
    const types = [
      'network_zone',
      'trusted_origin',
      ...['OKTA_SIGN_ON', 'PASSWORD', 'ACCESS_POLICY'].flatMap((p) => [`policy.${p}`, `policy.${p}.rule`]),
    ];
    // The simulator scales the org's 75 concurrent requests too (to 5): stay below that.
    const c = client({ concurrency: 4 });
    const read = await readAll(c, types);
    const stats = await org.stats();
    expect(stats.buckets['/api/v1/policies']!.limit).toBe(6);
    expect(stats.buckets['/api/v1/policies']!.requests).toBeGreaterThan(10);
    expect(c.stats().rateLimitWaits).toBeGreaterThan(0);
    expect(stats.limited).toBeLessThanOrEqual(3);
    expectReserveKept(stats);
    const raw = await rawWalk(org, types);
    expect(compareWithRaw(raw, read)).toEqual([]);
  });

  it('retries 5xx answers with backoff, and gives up after its retries', async () => {
    const { org, client } = await setUp({ users: 0, rateScale: 100, speed: 20 });
    const types = ['group', 'group.member', 'network_zone'];
    const before = await readAll(client(), types);
    await org.control('POST', '/faults', { path: '/api/v1/groups', status: 503, count: 2 });
    await org.control('POST', '/faults', { path: '/api/v1/groups/*', status: 500, count: 3 });
    const c = client();
    expect(await readAll(c, types)).toEqual(before);
    expect(c.stats().retries).toBe(5);
    expect(c.stats().rateLimited ?? 0).toBe(0);

    await org.control('DELETE', '/stats');
    await org.control('POST', '/faults', { path: '/api/v1/zones', status: 502, count: 50 });
    await expect(readAll(client(), ['network_zone'])).rejects.toBeInstanceOf(OktaUnavailableError);
    // One try and four retries, then no more requests.
    expect((await org.stats()).buckets['/api/v1/zones']!.requests).toBe(5);
  });
});
