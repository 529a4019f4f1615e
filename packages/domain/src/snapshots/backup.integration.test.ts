import { useTestDatabase } from '@butterfly/db/testing';
import { sql } from '@butterfly/db';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import type { IdpObject, IdpObjectTypeInfo } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { listSnapshots } from './list-snapshots.ts';
import { objectHistory } from './object-history.ts';
import { readSnapshot } from './read-snapshot.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

function org(users = 50): IdpObject[] {
  const objs: IdpObject[] = [];
  for (let i = 0; i < users; i++)
    objs.push({
      type: 'user',
      id: `00u${i}`,
      body: { id: `00u${i}`, status: 'ACTIVE', profile: { login: `u${i}@acme.test` }, _links: { self: { href: 'x' } } },
    });
  objs.push({
    type: 'policy.PASSWORD',
    id: '00p1',
    body: { id: '00p1', name: 'Default', settings: { password: { complexity: { minLength: 15 } } }, futureField: 42 },
  });
  objs.push({ type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } });
  return objs;
}

const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

async function setup(users = 50) {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  return { tenantId: t.id, connectionId, client: fakeIdp(org(users)) };
}

describe('backup', () => {
  it('stores every object exactly as returned minus _links, and nothing readable in raw columns', async () => {
    const s = await setup();
    const snap = await runBackup(deps, { ...s, trigger: 'test' });
    expect(snap).toMatchObject({ snapshotId: expect.any(String), objectCount: 52 });
    expect(
      (await db.selectFrom('snapshots').select('status').where('id', '=', snap.snapshotId).executeTakeFirstOrThrow())
        .status,
    ).toBe('complete');
    const objects = await all(readSnapshot(deps, s.tenantId, snap.snapshotId));
    expect(objects).toHaveLength(52);
    expect(objects.find((o) => o.id === '00p1')!.body).toEqual({
      id: '00p1',
      name: 'Default',
      settings: { password: { complexity: { minLength: 15 } } },
      futureField: 42,
    });
    expect(objects.find((o) => o.id === '00u3')!.body).not.toHaveProperty('_links');
    const raw = await sql<{ body: Buffer }>`select body from object_versions where tenant_id = ${s.tenantId}`.execute(
      db,
    );
    for (const r of raw.rows) expect(r.body.toString('latin1')).not.toMatch(/acme\.test|Everyone|Default/);
  });

  it('records how long the backup paused for the rate limit, in its stats and its last progress', async () => {
    const s = await setup(3);
    const client = { ...s.client, stats: () => ({ requests: 9, rateLimitWaits: 4, rateLimitWaitMs: 41_250 }) };
    const snap = await runBackup(deps, { ...s, client, trigger: 'test' });
    expect(snap.stats).toMatchObject({ requests: 9, rateLimitWaits: 4, rateLimitWaitMs: 41_250 });
    const { progress } = await db
      .selectFrom('snapshots')
      .select('progress')
      .where('id', '=', snap.snapshotId)
      .executeTakeFirstOrThrow();
    expect(progress).toMatchObject({ phase: 'done', rateLimitWaits: 4, rateLimitWaitMs: 41_250 });
  });

  it('writes only what changed, and the diff names paths before → after', async () => {
    const s = await setup(200);
    const first = await runBackup(deps, { ...s, trigger: 'test' });
    const policy = s.client.objects.find((o) => o.id === '00p1')!;
    (
      policy.body as { settings: { password: { complexity: { minLength: number } } } }
    ).settings.password.complexity.minLength = 8;
    s.client.objects = s.client.objects.filter((o) => o.id !== '00u7');
    s.client.objects.push({ type: 'group', id: '00g2', body: { id: '00g2', profile: { name: 'New' } } });
    const second = await runBackup(deps, { ...s, trigger: 'test' });
    expect(second.changes).toEqual({ added: 1, changed: 1, removed: 1 });
    expect(second.rowsWritten).toBeLessThan(first.rowsWritten * 0.03);
    const changes = await all(diffSnapshots(deps, s.tenantId, { from: first.snapshotId, to: second.snapshotId }));
    expect(changes.map((c) => [c.type, c.id, c.change])).toEqual([
      ['group', '00g2', 'added'],
      ['policy.PASSWORD', '00p1', 'changed'],
      ['user', '00u7', 'removed'],
    ]);
    expect(changes[1]!.paths).toEqual([
      { path: '$.settings.password.complexity.minLength', before: 15, after: 8, kind: 'changed' },
    ]);
    // The first snapshot still reads as it was.
    const old = await all(readSnapshot(deps, s.tenantId, first.snapshotId, { types: ['policy.PASSWORD'] }));
    expect(old[0]!.body).toMatchObject({ settings: { password: { complexity: { minLength: 15 } } } });
    const history = await objectHistory(deps, s.tenantId, {
      connectionId: s.connectionId,
      type: 'policy.PASSWORD',
      id: '00p1',
    });
    expect(history.versions).toHaveLength(2);
    expect(history.versions[1]!.changes[0]).toMatchObject({ before: 15, after: 8 });
  });

  it('a backup that dies midway leaves no snapshot; the retry makes exactly one', async () => {
    const s = await setup(120);
    await runBackup(deps, { ...s, trigger: 'first' });
    (s.client.objects[5]!.body as { status: string }).status = 'SUSPENDED';
    const dying = fakeIdp(s.client.objects, { failAfter: 60 });
    await expect(runBackup(deps, { ...s, client: dying, trigger: 'dies' })).rejects.toThrow(/connection reset/);
    const visible = (await listSnapshots(deps, s.tenantId, { connectionId: s.connectionId })).filter(
      (x) => x.status === 'complete',
    );
    expect(visible).toHaveLength(1);
    const retry = await runBackup(deps, { ...s, trigger: 'retry' });
    expect(retry.changes).toEqual({ added: 0, changed: 1, removed: 0 });
    const complete = (await listSnapshots(deps, s.tenantId, { connectionId: s.connectionId })).filter(
      (x) => x.status === 'complete',
    );
    expect(complete).toHaveLength(2);
    expect(await all(readSnapshot(deps, s.tenantId, retry.snapshotId))).toHaveLength(122);
  });

  it('a worker killed outright (no cleanup) is taken over by the next attempt once stale', async () => {
    const s = await setup(30);
    await runBackup(deps, { ...s, trigger: 'first' });
    // Simulate a SIGKILLed worker: a running snapshot with half its writes, never finished.
    const killed = await db
      .insertInto('snapshots')
      .values({
        tenant_id: s.tenantId,
        connection_id: s.connectionId,
        seq: 2,
        status: 'running',
        trigger: 'killed',
        heartbeat_at: new Date(Date.now() - 10 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('snapshot_entries')
      .set({ to_seq: 2 })
      .where('connection_id', '=', s.connectionId)
      .where('object_id', '=', '00u1')
      .execute();
    const next = await runBackup(deps, { ...s, trigger: 'retry' });
    expect(next.changes).toEqual({ added: 0, changed: 0, removed: 0 });
    const killedRow = await db
      .selectFrom('snapshots')
      .select('status')
      .where('id', '=', killed.id)
      .executeTakeFirstOrThrow();
    expect(killedRow.status).toBe('failed');
    expect(await all(readSnapshot(deps, s.tenantId, next.snapshotId))).toHaveLength(32);
  });

  it('ids with array-literal metacharacters, quotes, NULL and non-ASCII round-trip exactly (batches travel as arrays)', async () => {
    const s = await setup(0);
    const ids = ['a,b', '{x}', 'say "hi"', 'back\\slash', 'NULL', ' padded ', 'ünï€😀', "it's", ''];
    s.client.objects = ids.map((id) => ({ type: 'linked_object', id, body: { primary: { name: id } } }));
    const snap = await runBackup(deps, { ...s, trigger: 'test' });
    expect(snap.objectCount).toBe(ids.length);
    const objects = await all(readSnapshot(deps, s.tenantId, snap.snapshotId));
    expect(objects.map((o) => o.id).sort()).toEqual([...ids].sort());
    for (const o of objects) expect(o.body).toEqual({ primary: { name: o.id } });
    // Unchanged the second time: every id matched its stored entry.
    expect((await runBackup(deps, { ...s, trigger: 'again' })).changes).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('refuses a second backup while one is running', async () => {
    const s = await setup(10);
    await db
      .insertInto('snapshots')
      .values({ tenant_id: s.tenantId, connection_id: s.connectionId, seq: 1, status: 'running', trigger: 'other' })
      .execute();
    await expect(runBackup(deps, { ...s, trigger: 'second' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('retention', () => {
  it('prunes snapshots outside the counts, keeps held ones, and every kept one still reads whole', async () => {
    const { pruneSnapshots } = await import('./prune-snapshots.ts');
    const s = await setup(20);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      (s.client.objects[0]!.body as { status: string }).status = `S${i}`;
      ids.push((await runBackup(deps, { ...s, trigger: 'test' })).snapshotId);
    }
    await db.updateTable('snapshots').set({ legal_hold: true }).where('id', '=', ids[1]!).execute();
    // Spread them over five days so the daily bucket sees them apart.
    for (const [i, id] of ids.entries())
      await db
        .updateTable('snapshots')
        .set({ completed_at: new Date(Date.UTC(2026, 10, 20 + i, 12)) })
        .where('id', '=', id)
        .execute();
    const r = await pruneSnapshots(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      retention: { hourly: 0, daily: 2, weekly: 0, monthly: 0 },
    });
    expect(r.deleted).toBe(2);
    const left = (await listSnapshots(deps, s.tenantId, { connectionId: s.connectionId })).map((x) => x.id).sort();
    expect(left).toEqual([ids[1], ids[3], ids[4]].sort());
    for (const id of left) expect(await all(readSnapshot(deps, s.tenantId, id))).toHaveLength(22);
    const held = await all(readSnapshot(deps, s.tenantId, ids[1]!, { types: ['user'] }));
    expect(held.find((o) => o.id === '00u0')!.body).toMatchObject({ status: 'S1' });
    expect(r.versionsDeleted).toBe(2);
  });
});

describe('incremental backups keep unchanged memberships unread', () => {
  const memberType: IdpObjectTypeInfo = {
    type: 'group.member',
    label: 'group memberships',
    scope: 'okta.groups.read',
    parent: 'group',
    singleton: false,
    optional: false,
    secretFields: [],
    references: [{ path: 'id', type: 'user' }],
    idField: 'id',
    bodyIsKey: true,
    parentVersion: 'lastMembershipUpdated',
  };
  const plain = (type: string): IdpObjectTypeInfo => ({
    type,
    label: type,
    scope: 'x',
    singleton: false,
    optional: false,
    secretFields: [],
    references: [],
  });
  const group = (id: string, at: string): IdpObject => ({
    type: 'group',
    id,
    body: { id, lastMembershipUpdated: at, profile: { name: id } },
  });
  const member = (g: string, u: string): IdpObject => ({ type: 'group.member', id: `${g}/${u}`, body: { id: u } });

  async function keepSetup() {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id);
    const users = Array.from(
      { length: 10 },
      (_, i): IdpObject => ({ type: 'user', id: `00u${i}`, body: { id: `00u${i}` } }),
    );
    const objects = [
      ...users,
      group('00g1', 'T1'),
      ...[0, 1, 2, 3, 4].map((i) => member('00g1', `00u${i}`)),
      group('00g2', 'T1'),
      ...[5, 6, 7, 8, 9].map((i) => member('00g2', `00u${i}`)),
    ];
    const client = fakeIdp(objects, { types: [plain('user'), plain('group'), memberType] });
    return { tenantId: t.id, connectionId, client };
  }
  const keys = async (tenantId: string, id: string) =>
    (await all(readSnapshot(deps, tenantId, id))).map((o) => `${o.type} ${o.id}`).sort();

  it("lists only the members of groups whose lastMembershipUpdated moved; a deleted user's memberships go even where it did not", async () => {
    const s = await keepSetup();
    const first = await runBackup(deps, { ...s, trigger: 'test' });
    expect(first.objectCount).toBe(22);
    expect(first.stats).toMatchObject({ childrenKeptUnread: 0 });

    // 00u0 joins 00g2 (its field moves); 00u3 is deleted, and 00g1's field is left as it was.
    s.client.objects = s.client.objects.filter((o) => o.id !== '00u3' && o.id !== '00g1/00u3');
    s.client.objects.splice(
      s.client.objects.findIndex((o) => o.id === '00g2'),
      1,
      group('00g2', 'T2'),
      member('00g2', '00u0'),
    );
    const second = await runBackup(deps, { ...s, trigger: 'test' });
    expect(s.client.listed.filter((o) => o.type === 'group.member').map((o) => o.id)).toEqual([
      '00g2/00u0',
      '00g2/00u5',
      '00g2/00u6',
      '00g2/00u7',
      '00g2/00u8',
      '00g2/00u9',
    ]);
    // 00g1's five were kept unread; 00u3's was then dropped, its user gone.
    expect(second.stats).toMatchObject({ childrenKeptUnread: 4 });
    expect(second.counts).toEqual({ user: 9, group: 2, 'group.member': 10 });
    const changes = await all(diffSnapshots(deps, s.tenantId, { from: first.snapshotId, to: second.snapshotId }));
    expect(changes.map((c) => [c.type, c.id, c.change])).toEqual([
      ['group', '00g2', 'changed'],
      ['group.member', '00g1/00u3', 'removed'],
      ['group.member', '00g2/00u0', 'added'],
      ['user', '00u3', 'removed'],
    ]);
    expect(second.objectCount).toBe(21);
    const expected = s.client.objects.map((o) => `${o.type} ${o.id}`).sort();
    expect(await keys(s.tenantId, second.snapshotId)).toEqual(expected);

    // A day after the last backup that read every list, the next one reads them all again.
    await db
      .updateTable('snapshots')
      .set({ started_at: new Date(Date.now() - 25 * 3600_000) })
      .where('id', '=', first.snapshotId)
      .execute();
    const third = await runBackup(deps, { ...s, trigger: 'test' });
    expect(third.stats).toMatchObject({ childrenKeptUnread: 0 });
    expect(s.client.listed.filter((o) => o.type === 'group.member')).toHaveLength(10);
    expect(third.changes).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(await keys(s.tenantId, third.snapshotId)).toEqual(expected);
  });

  it('a membership body shared by many groups is stored once, across batches, and read back in each group', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id);
    // 3 users in 800 groups: 2,400 memberships over three ingest batches, three distinct bodies.
    const objects: IdpObject[] = [0, 1, 2].map((u) => ({ type: 'user', id: `00u${u}`, body: { id: `00u${u}` } }));
    for (let g = 0; g < 800; g++)
      for (let u = 0; u < 3; u++)
        objects.push({ type: 'group.member', id: `00g${g}/00u${u}`, body: { id: `00u${u}` } });
    const snap = await runBackup(deps, { tenantId: t.id, connectionId, client: fakeIdp(objects), trigger: 'test' });
    expect(snap.objectCount).toBe(2403);
    const versions = await db
      .selectFrom('object_versions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', t.id)
      .where('type', '=', 'group.member')
      .executeTakeFirstOrThrow();
    expect(Number(versions.n)).toBe(3);
    // Versions are counted where they were inserted; every membership is an entry.
    expect(snap.rowsWritten).toBe(3 + 3 + 2403);
    const read = await all(readSnapshot(deps, t.id, snap.snapshotId));
    const members = read.filter((o) => o.type === 'group.member');
    expect(members).toHaveLength(2400);
    for (const m of members) expect(m.body).toEqual({ id: m.id.split('/')[1] });
  });
});
