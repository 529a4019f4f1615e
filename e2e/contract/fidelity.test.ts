import { createOktaClient, OKTA_CATALOG, REDACTED } from '@butterfly/connectors';
import type { IdpObject } from '@butterfly/domain/idp';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithRaw } from './support/expected.ts';
import { objectKey, type RawWalk, rawWalk } from './support/raw-walk.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 6: the product's Okta client reads a seeded org exactly as okta-sim's API serves it. Limits
 * are lifted (rateScale 100): pacing has its own tests (rate-limits.test.ts); this is about bodies.
 */
let sim: OktaSim;
let org: SimOrgHandle;
let raw: RawWalk;
let read: Map<string, IdpObject>;
let stats: ReturnType<ReturnType<typeof createOktaClient>['stats']>;

const FUTURE = { futureField: { since: '2027.01.0', flags: ['a', 1, null] } };

beforeAll(async () => {
  sim = await startSim({ users: 60, rateScale: 100 });
  org = await orgHandle(sim);
  await injectUnknownFields(org);
  raw = await rawWalk(org);
  const client = createOktaClient(
    { provider: 'okta', orgUrl: org.url, credentials: { kind: 'ssws', token: org.apiToken } },
    { allowPrivateNetwork: true },
  );
  read = new Map();
  for await (const o of client.listObjects()) {
    expect(read.has(objectKey(o.type, o.id)), `${o.type} ${o.id} listed twice`).toBe(false);
    read.set(objectKey(o.type, o.id), o);
  }
  stats = client.stats();
}, 120_000);
afterAll(() => sim.close());

/** Fields Okta may add tomorrow, put into a zone (top level) and a group (custom profile attribute) through the API. */
async function injectUnknownFields(o: SimOrgHandle) {
  const zones = (await o.api('GET', '/api/v1/zones')).body;
  const zone = zones.find((z: { system?: boolean }) => !z.system);
  const { _links, ...zoneBody } = zone;
  expect((await o.api('PUT', `/api/v1/zones/${zone.id}`, { ...zoneBody, ...FUTURE })).status).toBe(200);
  const group = (await o.api('GET', '/api/v1/groups?q=Contractors')).body[0];
  expect(
    (await o.api('PUT', `/api/v1/groups/${group.id}`, { profile: { ...group.profile, costCenter: 'CC-4711' } })).status,
  ).toBe(200);
}

describe('the Okta connector against okta-sim', () => {
  it('reads every object of every type the sim serves, equal to the API as parsed JSON (documented deviations only)', () => {
    expect(compareWithRaw(raw, read, { checkRedacted: true })).toEqual([]);
    // The comparison is only as good as its coverage: most of the catalog is served and non-empty.
    const nonEmpty = new Set([...raw.objects.values()].map((o) => o.type));
    expect(raw.served.size).toBeGreaterThanOrEqual(70);
    expect(nonEmpty.size).toBeGreaterThanOrEqual(60);
    expect(raw.objects.size).toBeGreaterThan(500);
  });

  it('skips exactly the types the org does not have, and says why', () => {
    const skipped = Object.entries(stats.byType ?? {})
      .filter(([, s]) => s.skipped)
      .map(([t]) => t);
    expect(skipped.sort()).toEqual([...raw.absent].sort());
    const notServed = OKTA_CATALOG.filter((d) => !d.optional && !raw.served.has(d.type) && !raw.absent.has(d.type)).map(
      (d) => d.type,
    );
    // Never reached: children of parents the org has none of (no resource-set bindings → no members;
    // its group roles are report admins, and Okta has role targets only for four other role types).
    expect(notServed.sort()).toEqual([
      'group.role.target_app',
      'group.role.target_group',
      'resource_set.binding.member',
    ]);
  });

  it('keeps fields it does not know', () => {
    const zone = [...read.values()].find((o) => o.type === 'network_zone' && (o.body as typeof FUTURE).futureField);
    expect(zone?.body).toMatchObject(FUTURE);
    const group = [...read.values()].find(
      (o) => o.type === 'group' && (o.body as { profile: { costCenter?: string } }).profile.costCenter,
    );
    expect(group?.body).toMatchObject({ profile: { name: 'Contractors', costCenter: 'CC-4711' } });
  });

  it('deviates only where documented: app-mapping links kept, memberships as ids, secrets redacted', () => {
    const mappings = [...read.values()].filter((o) => o.type === 'policy.ACCESS_POLICY.mapping');
    expect(mappings.length).toBeGreaterThan(0);
    for (const m of mappings)
      expect(m.body).toMatchObject({ _links: { application: { href: expect.stringContaining('/api/v1/apps/') } } });
    const members = [...read.values()].filter((o) => o.type === 'group.member');
    expect(members.length).toBeGreaterThan(60);
    for (const m of members) expect(Object.keys(m.body as object)).toEqual(['id']);
    // Every other body is link-free at any depth.
    const linked = [...read.values()].filter(
      (o) => !o.type.endsWith('.mapping') && JSON.stringify(o.body).includes('"_links"'),
    );
    expect(linked.map((o) => o.type)).toEqual([]);
    // The sim serves app client secrets and an IdP client secret: each is redacted and reported.
    const redacted = [...read.values()].filter((o) => o.redacted?.length);
    expect(new Set(redacted.map((o) => o.type))).toEqual(new Set(['app', 'idp']));
    for (const o of redacted)
      for (const p of o.redacted!) expect(p.split('.').reduce((v: any, k) => v[k], o.body)).toBe(REDACTED);
    const rawSecret = [...raw.objects.values()].find(
      (o) => o.type === 'app' && o.body.credentials?.oauthClient?.client_secret,
    )!.body.credentials.oauthClient.client_secret;
    expect(JSON.stringify([...read.values()].map((o) => o.body))).not.toContain(rawSecret);
  });

  it('keeps only the metadata of app client secrets and signing keys: never a value, hash or key material', () => {
    const of = (t: string) => [...read.values()].filter((o) => o.type === t);
    const secrets = of('app.secret');
    const keys = of('app.key');
    expect(secrets.length).toBeGreaterThan(0);
    expect(keys.length).toBeGreaterThan(0);
    for (const s of secrets)
      expect(Object.keys(s.body as object).sort()).toEqual(['created', 'id', 'lastUpdated', 'status']);
    for (const k of keys)
      expect(Object.keys(k.body as object).sort()).toEqual([
        'created',
        'expiresAt',
        'kid',
        'kty',
        'lastUpdated',
        'use',
      ]);
    const rawOf = (t: string) => [...raw.objects.values()].filter((o) => o.type === t).map((o) => o.body);
    const values = [
      ...rawOf('app.secret').flatMap((s) => [s.client_secret, s.secret_hash]),
      ...rawOf('app.key').flatMap((k) => [k.x5c[0].slice(0, 60), k.n.slice(0, 60), k['x5t#S256']]),
    ];
    expect(values.every((v) => typeof v === 'string' && v.length >= 20)).toBe(true);
    const stored = JSON.stringify([...read.values()].map((o) => o.body));
    expect(values.filter((v) => stored.includes(v))).toEqual([]);
  });

  it('reads app scope grants and the user lockout settings', () => {
    const grants = [...read.values()].filter((o) => o.type === 'app.grant');
    expect(grants.length).toBeGreaterThan(0);
    expect(grants[0]!.body).toMatchObject({ scopeId: expect.stringMatching(/^okta\./), status: 'ACTIVE' });
    expect([...read.values()].filter((o) => o.type === 'org_setting.user_lockout').map((o) => o.body)).toEqual([
      { preventBruteForceLockoutFromUnknownDevices: expect.any(Boolean) },
    ]);
  });

  it('follows every page: users, memberships and app assignments all arrive', () => {
    const count = (t: string) => [...read.values()].filter((o) => o.type === t).length;
    expect(count('user')).toBe([...raw.objects.values()].filter((o) => o.type === 'user').length);
    // 60 generated users plus the seeded people, DEPROVISIONED ones included (only listed with a filter).
    expect(count('user')).toBeGreaterThan(60);
    expect(
      [...read.values()].some((o) => o.type === 'user' && (o.body as { status: string }).status === 'DEPROVISIONED'),
    ).toBe(true);
  });
});
