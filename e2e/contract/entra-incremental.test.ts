import { randomUUID } from 'node:crypto';
import { idpClientFactory } from '@butterfly/connectors';
import { useTestDatabase } from '@butterfly/db/testing';
import type { EntraSim } from '@butterfly/entra-sim';
import { addEntraConnection } from '@butterfly/domain/connections';
import type { EntraConnectionConfig } from '@butterfly/domain/idp';
import { readSnapshot } from '@butterfly/domain/snapshots';
import { createTenant } from '@butterfly/domain/tenants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_DIRECTORY, entraAppToken, startEntraSim } from './support/entra-sim.ts';
import { product } from './support/product.ts';

/**
 * Issue 21, decision 060: incremental Entra backups through Graph delta queries, against an
 * entra-sim tenant of 10,000 users. After one user changes and another is deleted, the next backup
 * reads the users' delta and the two changes, keeps the other 9,998 from the last snapshot, and
 * stores exactly what a full read of the tenant returns. An expired deltaLink falls back to a full
 * read of the type.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const USERS = 10_000;
const BACKUP = { clientId: randomUUID(), secret: `incremental-${randomUUID()}` };

let sim: EntraSim | undefined;
let simUrl = '';
let directoryId = '';
let config: EntraConnectionConfig;
let contoso: { tenantId: string; connectionId: string };

const control = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${simUrl}/_sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`${method} /_sim${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
};

beforeAll(async () => {
  sim = await startEntraSim();
  simUrl = sim.url;
  await app.migrateJobs();
  // The demo backup app's permissions, given to an app of a large tenant (plus user writes for the test's changes).
  const demo = (await control('GET', `/tenants/${ENTRA_DIRECTORY}`)) as {
    apps: { clientId: string; roles: string[] }[];
  };
  const roles = demo.apps.find((a) => a.clientId === '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b')!.roles;
  directoryId = String((await control('POST', '/tenants', { name: 'bigco', users: USERS })).id);
  await control('POST', `/tenants/${directoryId}/apps`, {
    ...BACKUP,
    displayName: 'Butterfly Backup',
    roles: [...roles, 'User.ReadWrite.All'],
  });
  config = {
    provider: 'entra',
    directoryId,
    clientId: BACKUP.clientId,
    credentials: { kind: 'client_secret', clientSecret: BACKUP.secret },
    loginUrl: simUrl,
    graphUrl: simUrl,
  };
  const tenant = await createTenant(app.deps, { slug: 'bigco', name: 'bigco', domains: [] });
  const { provider: _, ...connection } = config;
  const c = await addEntraConnection(app.deps, tenant.id, { name: 'bigco-entra', ...connection });
  contoso = { tenantId: tenant.id, connectionId: c.id };
}, 120_000);
afterAll(async () => {
  await sim?.close();
  await app.close();
});

type Stats = {
  requests: number;
  byEndpoint: Record<string, { requests: number }>;
  changeFeed?: {
    incremental: Record<string, { changed: number; removed: number; kept: number }>;
    full: string[];
    expired: string[];
  };
};

const latest = async () => {
  const row = await db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', contoso.connectionId)
    .where('status', '=', 'complete')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { ...row, stats: row.stats as unknown as Stats };
};

/** What the snapshot stores, and what a full read of the tenant returns now: `type id` → canonical body. */
async function storedAndLive(snapshotId: string) {
  const stored = new Map<string, string>();
  for await (const o of readSnapshot(app.deps, contoso.tenantId, snapshotId))
    stored.set(`${o.type} ${o.id}`, JSON.stringify(o.body));
  const live = new Map<string, string>();
  const client = idpClientFactory({ allowPrivateNetwork: true })(config);
  for await (const o of client.listObjects()) live.set(`${o.type} ${o.id}`, JSON.stringify(o.body));
  return { stored, live };
}

const graph = async (token: string, method: string, path: string, body?: unknown) => {
  const r = await fetch(`${simUrl}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.status === 204 ? {} : ((await r.json()) as { value: { id: string }[] });
};

describe('incremental Entra backups (Graph delta)', () => {
  let full: Stats;

  it('the first backup lists everything and keeps a deltaLink per delta type', async () => {
    await app.backupThroughJobs(contoso);
    const first = await latest();
    full = first.stats;
    expect(full.byEndpoint['GET /users']!.requests).toBe(Math.ceil(USERS / 999));
    expect(full.changeFeed?.full.sort()).toEqual([
      'administrativeUnit',
      'directoryRole',
      'oauth2PermissionGrant',
      'user',
    ]);
    const cursors = await db
      .selectFrom('connection_change_cursors')
      .select(['type', 'snapshot_id', 'cursor_sealed'])
      .where('connection_id', '=', contoso.connectionId)
      .execute();
    expect(cursors.map((c) => c.type).sort()).toEqual(full.changeFeed!.full);
    expect(cursors.every((c) => c.snapshot_id === first.id)).toBe(true);
    // Sealed: the deltaLink's token is not readable in the database.
    expect(cursors.some((c) => c.cursor_sealed.toString('latin1').includes('deltatoken'))).toBe(false);
  }, 180_000);

  it('after one change and one deletion, the next backup reads the delta and stores what a full read has', async () => {
    const token = await entraAppToken(simUrl, BACKUP, directoryId);
    const page = (await graph(token, 'GET', '/users?$top=3')) as { value: { id: string }[] };
    const [changed, deleted] = page.value;
    await graph(token, 'PATCH', `/users/${changed!.id}`, { jobTitle: 'Incremental tester' });
    await graph(token, 'DELETE', `/users/${deleted!.id}`);

    await app.backupThroughJobs(contoso);
    const second = await latest();
    const s = second.stats;
    expect(s.changeFeed?.incremental.user).toEqual({ changed: 1, removed: 1, kept: USERS - 2 });
    expect(s.byEndpoint['GET /users']).toBeUndefined();
    expect(s.byEndpoint['GET /users/delta']!.requests).toBe(1);
    // 11 user pages became one delta page and one read by id (in a $batch); nothing else changed.
    expect(full.requests - s.requests).toBeGreaterThanOrEqual(Math.ceil(USERS / 999) - 2);
    // The user changed; a deleted user also leaves its groups (their member lists change too).
    expect(second.changes).toMatchObject({ added: 0, removed: 1 });
    expect((second.counts as Record<string, number>).user).toBe(USERS - 1);

    const { stored, live } = await storedAndLive(second.id);
    expect(stored.size).toBe(live.size);
    expect([...live.keys()].filter((k) => stored.get(k) !== live.get(k))).toEqual([]);
    expect(stored.get(`user ${changed!.id}`)).toContain('Incremental tester');
    expect(stored.has(`user ${deleted!.id}`)).toBe(false);
  }, 180_000);

  it('an expired deltaLink (410) falls back to a full read of that type', async () => {
    await control('POST', `/tenants/${directoryId}/faults`, { pathPrefix: '/users/delta', status: 410, count: 1 });
    await app.backupThroughJobs(contoso);
    const third = await latest();
    expect(third.stats.changeFeed?.expired).toEqual(['user']);
    expect(third.stats.changeFeed?.full).toEqual(['user']);
    expect(third.stats.byEndpoint['GET /users']!.requests).toBe(Math.ceil(USERS / 999));
    expect(third.changes).toEqual({ added: 0, changed: 0, removed: 0 });
    const { stored, live } = await storedAndLive(third.id);
    expect([...live.keys()].filter((k) => stored.get(k) !== live.get(k))).toEqual([]);
    expect(stored.size).toBe(live.size);
  }, 180_000);
});
