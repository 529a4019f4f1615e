import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { expect, it } from 'vitest';
import type { IdpClient } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { failAbandonedBackups } from './fail-abandoned-backups.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const users = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: 'user', id: `00u${i}`, body: { id: `00u${i}` } }));

/** A backup whose process "dies" after its first batch is written: its listing never ends. */
async function dyingBackup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const inner = fakeIdp(users(20));
  const client: IdpClient = {
    ...inner,
    async *listObjects(o) {
      let n = 0;
      for await (const x of inner.listObjects(o)) {
        // Past the flush interval, so the next object writes a batch (run-backup.ts).
        if (n++ === 10) await new Promise((r) => setTimeout(r, 1100));
        yield x;
      }
      await new Promise(() => {}); // the process is gone: nothing more ever happens
    },
  };
  void runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client, heartbeatMs: 3_600_000 });
  for (;;) {
    const s = await db
      .selectFrom('snapshots')
      .select(['id', 'seq'])
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    if (s) return { ...s, tenantId: t.id, connectionId };
    await new Promise((r) => setTimeout(r, 20));
  }
}
const entries = (connectionId: string) =>
  sql<{ n: number }>`select count(*)::int as n from snapshot_entries where connection_id = ${connectionId}`
    .execute(db)
    .then((r) => r.rows[0]!.n);

it('fails running snapshots silent for more than two minutes, undoing their writes, and leaves live ones alone', async () => {
  const dead = await dyingBackup();
  const live = await dyingBackup();
  while ((await entries(dead.connectionId)) === 0 || (await entries(live.connectionId)) === 0)
    await new Promise((r) => setTimeout(r, 50));
  await db
    .updateTable('snapshots')
    .set({ heartbeat_at: sql`now() - interval '121 seconds'` })
    .where('id', '=', dead.id)
    .execute();
  await db
    .updateTable('snapshots')
    .set({ heartbeat_at: sql`now() - interval '60 seconds'` })
    .where('id', '=', live.id)
    .execute();

  expect(await entries(dead.connectionId)).toBe(11);
  const { failed } = await failAbandonedBackups(deps);
  expect(failed).toEqual([dead.id]);
  const rows = await db
    .selectFrom('snapshots')
    .select(['id', 'status', 'error'])
    .where('id', 'in', [dead.id, live.id])
    .orderBy('started_at')
    .execute();
  expect(rows).toEqual([
    { id: dead.id, status: 'failed', error: 'interrupted: the worker stopped mid-backup' },
    { id: live.id, status: 'running', error: null },
  ]);
  expect(await entries(dead.connectionId)).toBe(0);
  const audit = await db
    .selectFrom('audit_events')
    .select(['action', 'outcome'])
    .where('tenant_id', '=', dead.tenantId)
    .where('target_id', '=', dead.id)
    .orderBy('seq')
    .execute();
  expect(audit.at(-1)).toEqual({ action: 'backup.failed', outcome: 'failure' });
});
