import { mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { removeConnection } from '../connections/remove-connection.ts';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { writeObjectSnapshot } from '../extension/write-object-snapshot.ts';
import type { IdpObject } from '../idp/types.ts';
import { getRestorePlan } from '../restores/get-restore-plan.ts';
import { previewRestore } from '../restores/preview-restore.ts';
import { createRestorePlan } from '../restores/request-restore-preview.ts';
import { TYPES } from '../restores/testing/types.fixture.ts';
import { openStoredSnapshot } from '../snapshots/stored-snapshot.ts';
import { getSnapshotObject } from '../snapshots/get-snapshot-object.ts';
import { listSnapshotObjects } from '../snapshots/list-snapshot-objects.ts';
import { objectHistory } from '../snapshots/object-history.ts';
import { pruneSnapshots } from '../snapshots/prune-snapshots.ts';
import { readSnapshot } from '../snapshots/read-snapshot.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { blobKey } from './body-store.ts';
import { filesystemBlobs } from './filesystem-blobs.ts';
import { versionStore } from './version-store.ts';

const { db } = await useTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'bfy-fs-bodies-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
// Every use-case below runs with the filesystem store, as BUTTERFLY_BODY_STORE=filesystem wires it.
const deps = { ...testDeps(db), bodies: versionStore(filesystemBlobs(dir)) };

const idp = (objects: IdpObject[]) => Object.assign(fakeIdp(objects), { objectTypes: () => [...TYPES.values()] });
const group = (id: string, name: string): IdpObject => ({
  type: 'group',
  id,
  body: { id, type: 'OKTA_GROUP', profile: { name } },
});
const member = (g: string, u: string): IdpObject => ({ type: 'group.member', id: `${g}/${u}`, body: { id: u } });
const all = async <T>(it: AsyncIterable<T> | Iterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const files = (tenantId: string) =>
  readdirSync(join(dir, tenantId), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => f.name);

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const client = idp([
    group('g1', 'Staff'),
    group('g2', 'Contractors'),
    ...['u1', 'u2', 'u3'].map((u) => member('g1', u)),
  ]);
  const operator = await seedMember(deps, t.id, 'backup_operator');
  return {
    tenantId: t.id,
    connectionId,
    client,
    as: { ...deps, jobs: { enqueue: async () => ({ jobId: '1' }) }, actor: memberActor(t.id, operator) },
  };
}

describe('bodies in the filesystem store', () => {
  it('backup → diff → restore preview read every body from the directory; Postgres holds none', async () => {
    const s = await setup();
    const first = await runBackup(deps, { ...s, trigger: 'test' });
    s.client.objects[0] = group('g1', 'Staff (renamed)');
    s.client.objects = s.client.objects.filter((o) => o.id !== 'g1/u3');
    const second = await runBackup(deps, { ...s, trigger: 'test' });
    expect(second.changes).toEqual({ added: 0, changed: 1, removed: 1 });

    // The index is in Postgres, the bodies are not: every row's body is null, one file per version.
    const rows = await sql<{
      n: number;
      inline: number;
    }>`select count(*)::int as n, count(body)::int as inline from object_versions where tenant_id = ${s.tenantId}`.execute(
      db,
    );
    expect(rows.rows[0]).toEqual({ n: 6, inline: 0 });
    expect(files(s.tenantId)).toHaveLength(6);
    // Sealed on disk, like in the column: no names in the clear.
    const { readFile } = await import('node:fs/promises');
    const addresses = await db
      .selectFrom('object_versions')
      .select('address')
      .where('tenant_id', '=', s.tenantId)
      .execute();
    for (const a of addresses)
      expect((await readFile(join(dir, blobKey(s.tenantId, a.address)))).toString('latin1')).not.toMatch(
        /Staff|Contractors|u1/,
      );

    const changes = await all(diffSnapshots(deps, s.tenantId, { from: first.snapshotId, to: second.snapshotId }));
    expect(changes.map((c) => [c.type, c.id, c.change])).toEqual([
      ['group', 'g1', 'changed'],
      ['group.member', 'g1/u3', 'removed'],
    ]);
    expect(changes[0]!.paths).toEqual([
      { path: '$.profile.name', before: 'Staff', after: 'Staff (renamed)', kind: 'changed' },
    ]);
    expect(changes[1]!.before).toEqual({ id: 'u3' });

    // Preview restoring the first snapshot over an org that has moved on since.
    const plan = await createRestorePlan(s.as, s.tenantId, { snapshotId: first.snapshotId, scope: {} });
    await previewRestore(deps, { tenantId: s.tenantId, planId: plan.id, client: s.client });
    const view = await getRestorePlan(deps, s.tenantId, { planId: plan.id });
    expect(view.status).toBe('ready');
    expect(view.steps.map((st) => `${st.action} ${st.type} ${st.id}`).sort()).toEqual([
      'create group.member g1/u3',
      'update group g1',
    ]);

    // The other readers: the snapshot, one object, a page of objects, history, the scans' view.
    expect(await all(readSnapshot(deps, s.tenantId, first.snapshotId))).toHaveLength(5);
    expect(
      (await getSnapshotObject(deps, s.tenantId, { snapshotId: second.snapshotId, type: 'group', id: 'g1' })).body,
    ).toMatchObject({ profile: { name: 'Staff (renamed)' } });
    expect(
      (
        await listSnapshotObjects(deps, s.tenantId, { snapshotId: first.snapshotId, type: 'group', q: 'contract' })
      ).objects.map((o) => o.id),
    ).toEqual(['g2']);
    expect(
      (await objectHistory(deps, s.tenantId, { connectionId: s.connectionId, type: 'group', id: 'g1' })).versions.map(
        (v) => (v.body as { profile: { name: string } }).profile.name,
      ),
    ).toEqual(['Staff', 'Staff (renamed)']);
    const snap = await db
      .selectFrom('snapshots')
      .selectAll()
      .where('id', '=', second.snapshotId)
      .executeTakeFirstOrThrow();
    const scanView = await openStoredSnapshot(deps, snap, { preload: ['group'] });
    expect((await all(scanView.objects('group'))).map((o) => o.id)).toEqual(['g1', 'g2']);
    expect(await scanView.get('group.member', 'g1/u2')).toEqual({ id: 'g1/u2', body: { id: 'u2' } });
  });

  it('writes a single-object snapshot (the extension) to the store too', async () => {
    const s = await setup();
    await runBackup(deps, { ...s, trigger: 'test' });
    const r = await writeObjectSnapshot(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      object: group('g2', 'Vendors'),
      trigger: 'extension',
    });
    expect(r.changed).toBe(true);
    expect(files(s.tenantId)).toHaveLength(6);
    expect(
      (await getSnapshotObject(deps, s.tenantId, { snapshotId: r.snapshotId, type: 'group', id: 'g2' })).body,
    ).toMatchObject({ profile: { name: 'Vendors' } });
  });

  it('retention deletes the bodies no kept snapshot references, from the directory too', async () => {
    const s = await setup();
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C']) {
      s.client.objects[0] = group('g1', name);
      ids.push((await runBackup(deps, { ...s, trigger: 'test' })).snapshotId);
    }
    for (const [i, id] of ids.entries())
      await db
        .updateTable('snapshots')
        .set({ completed_at: new Date(Date.UTC(2026, 10, 20 + i, 12)) })
        .where('id', '=', id)
        .execute();
    expect(files(s.tenantId)).toHaveLength(7);
    const r = await pruneSnapshots(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      retention: { hourly: 0, daily: 1, weekly: 0, monthly: 0 },
    });
    expect(r).toEqual({ deleted: 2, versionsDeleted: 2 });
    expect(files(s.tenantId)).toHaveLength(5);
    expect(
      (await all(readSnapshot(deps, s.tenantId, ids[2]!, { types: ['group'] }))).map(
        (o) => (o.body as { profile: { name: string } }).profile.name,
      ),
    ).toEqual(['C', 'Contractors']);
  });

  it('deleting a connection with its snapshots deletes the bodies only they named', async () => {
    const s = await setup();
    await runBackup(deps, { ...s, trigger: 'test' });
    const other = await seedConnection(deps, s.tenantId);
    // The other connection holds one identical group: that body is shared and must stay.
    await runBackup(deps, {
      tenantId: s.tenantId,
      connectionId: other,
      trigger: 'test',
      client: idp([group('g2', 'Contractors')]),
    });
    expect(files(s.tenantId)).toHaveLength(5);
    const name = (
      await db.selectFrom('connections').select('name').where('id', '=', s.connectionId).executeTakeFirstOrThrow()
    ).name;
    const admin = { ...deps, actor: memberActor(s.tenantId, await seedMember(deps, s.tenantId, 'admin')) };
    await removeConnection(admin, s.tenantId, {
      connectionId: s.connectionId,
      keepSnapshots: false,
      confirmName: name,
    });
    expect(files(s.tenantId)).toHaveLength(1);
    const rows = await db
      .selectFrom('object_versions')
      .select('object_id')
      .where('tenant_id', '=', s.tenantId)
      .execute();
    expect(rows.map((r) => r.object_id)).toEqual(['g2']);
  });

  it('a body lost from the store is BODY_MISSING from every reader, not a crash', async () => {
    const s = await setup();
    const snap = await runBackup(deps, { ...s, trigger: 'test' });
    const row = await db
      .selectFrom('snapshot_entries')
      .select('address')
      .where('connection_id', '=', s.connectionId)
      .where('object_id', '=', 'g2')
      .executeTakeFirstOrThrow();
    await rm(join(dir, blobKey(s.tenantId, row.address)));
    await expect(all(readSnapshot(deps, s.tenantId, snap.snapshotId))).rejects.toMatchObject({
      code: 'BODY_MISSING',
      message: expect.stringContaining('not in the filesystem store'),
    });
    await expect(
      getSnapshotObject(deps, s.tenantId, { snapshotId: snap.snapshotId, type: 'group', id: 'g2' }),
    ).rejects.toMatchObject({ code: 'BODY_MISSING' });
    // A process configured for Postgres meeting a body kept outside says so, with the same code.
    await expect(
      getSnapshotObject({ ...deps, bodies: undefined }, s.tenantId, {
        snapshotId: snap.snapshotId,
        type: 'group',
        id: 'g1',
      }),
    ).rejects.toMatchObject({
      code: 'BODY_MISSING',
      message: expect.stringContaining('BUTTERFLY_BODY_STORE=postgres'),
    });
    // What is still there still reads.
    expect(
      (await getSnapshotObject(deps, s.tenantId, { snapshotId: snap.snapshotId, type: 'group', id: 'g1' })).body,
    ).toMatchObject({ profile: { name: 'Staff' } });
  });
});
