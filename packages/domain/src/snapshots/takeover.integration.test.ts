import { useTestDatabase } from '@butterfly/db/testing';
import { expect, it } from 'vitest';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { readSnapshot } from './read-snapshot.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const org = (title: string): IdpObject[] =>
  Array.from({ length: 30 }, (_, i) => ({
    type: 'user',
    id: `00u${i}`,
    body: { id: `00u${i}`, profile: { login: `u${i}@acme.test`, title: i === 1 ? title : 'Staff' } },
  }));

/** The listing stops after `after` objects until `gate` resolves, as a worker cut off from the database would. */
function paused(inner: IdpClient, after: number, gate: Promise<void>, reached: () => void): IdpClient {
  return {
    ...inner,
    async *listObjects(o) {
      let n = 0;
      for await (const x of inner.listObjects(o)) {
        if (n++ === after) {
          reached();
          await gate;
        }
        yield x;
      }
    },
  };
}

it('a retry of the same job takes its running snapshot over at once, and the first attempt can no longer write into it', async () => {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const s = { tenantId: t.id, connectionId, trigger: 'test' };
  await runBackup(deps, { ...s, client: fakeIdp(org('v1')) });

  // Attempt 1 of job 7 reads user 00u1 at v2, then stalls (its worker presumed dead)...
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let stalled!: () => void;
  const reached = new Promise<void>((r) => (stalled = r));
  const first = runBackup(deps, { ...s, owner: 'job:7', client: paused(fakeIdp(org('v2')), 10, gate, stalled) });
  first.catch(() => {});
  await reached;
  const interrupted = await db
    .selectFrom('snapshots')
    .select(['id', 'seq'])
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'running')
    .executeTakeFirstOrThrow();

  // ...attempt 2 of the same job (the job released by the liveness sweep) does not wait for the
  // 2-minute staleness: it takes the snapshot over and completes, reading 00u1 at v3.
  const second = await runBackup(deps, { ...s, owner: 'job:7', client: fakeIdp(org('v3')) });
  expect(
    (await db.selectFrom('snapshots').select('status').where('id', '=', second.snapshotId).executeTakeFirstOrThrow())
      .status,
  ).toBe('complete');

  // Attempt 1 wakes up past its flush interval and tries to write v2: refused.
  await new Promise((r) => setTimeout(r, 1100));
  release();
  await expect(first).rejects.toThrow('The snapshot was taken over by another backup');

  const rows = await db
    .selectFrom('snapshots')
    .select(['id', 'status', 'error'])
    .where('connection_id', '=', connectionId)
    .orderBy('seq')
    .execute();
  expect(rows.slice(1)).toEqual([
    { id: interrupted.id, status: 'failed', error: 'interrupted: the worker stopped mid-backup' },
    { id: second.snapshotId, status: 'complete', error: null },
  ]);
  const objects = new Map<string, unknown>();
  for await (const o of readSnapshot(deps, t.id, second.snapshotId)) objects.set(o.id, o.body);
  expect(objects.size).toBe(30);
  expect(objects.get('00u1')).toMatchObject({ profile: { title: 'v3' } });
});

it('another owner, or none, still meets a live backup with CONFLICT', async () => {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const s = { tenantId: t.id, connectionId, trigger: 'test' };
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let stalled!: () => void;
  const reached = new Promise<void>((r) => (stalled = r));
  const first = runBackup(deps, { ...s, owner: 'job:8', client: paused(fakeIdp(org('v1')), 5, gate, stalled) });
  await reached;
  await expect(runBackup(deps, { ...s, owner: 'job:9', client: fakeIdp(org('v1')) })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  await expect(runBackup(deps, { ...s, client: fakeIdp(org('v1')) })).rejects.toMatchObject({ code: 'CONFLICT' });
  release();
  const done = await first;
  expect(
    (await db.selectFrom('snapshots').select('status').where('id', '=', done.snapshotId).executeTakeFirstOrThrow())
      .status,
  ).toBe('complete');
});
