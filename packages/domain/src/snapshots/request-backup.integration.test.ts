import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../deps.ts';
import { enqueueDueBackups } from '../schedules/enqueue-due-backups.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { BACKUP_QUEUE_STALE_MS } from './current-backup.ts';
import { beginBackup } from './begin-backup.ts';
import { requestBackup } from './request-backup.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();

/** Records what was queued (the real queue is graphile-worker's, exercised by the worker's tests). */
function recordingQueue() {
  const queued: { task: string; payload: Record<string, unknown> }[] = [];
  const jobs: JobQueue = {
    enqueue: async (_db, task, payload) => {
      queued.push({ task, payload });
      return { jobId: String(queued.length) };
    },
  };
  return { jobs, queued };
}

async function setup(now = () => new Date()) {
  const { jobs, queued } = recordingQueue();
  const deps = { ...testDeps(db, { kind: 'operator', label: 'alice@acme.test' }), jobs, clock: now };
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  return { deps, tenantId: t.id, connectionId, queued };
}

describe('one backup run per connection at a time', () => {
  it('a double click queues one backup; the second request answers with the queued one', async () => {
    const s = await setup();
    const [a, b] = await Promise.all([
      requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId }),
      requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId }),
    ]);
    expect(s.queued).toHaveLength(1);
    const [first, second] = a.alreadyRunning ? [b, a] : [a, b];
    expect(first).toMatchObject({ alreadyRunning: false, jobId: '1', state: 'queued' });
    expect(second).toMatchObject({ alreadyRunning: true, jobId: '1', state: 'queued', by: 'alice@acme.test' });
  });

  it('while the run is going, a request names the running snapshot and queues nothing; after it, a new one goes', async () => {
    const s = await setup();
    await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId });
    const run = await beginBackup(s.deps, { tenantId: s.tenantId, connectionId: s.connectionId, trigger: 'manual' });
    const again = await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId });
    expect(again).toMatchObject({
      alreadyRunning: true,
      state: 'running',
      snapshotId: run.snapshotId,
      jobId: '1',
      by: 'alice@acme.test',
    });
    expect(s.queued).toHaveLength(1);
    await db
      .updateTable('snapshots')
      .set({ status: 'complete', completed_at: new Date() })
      .where('id', '=', run.snapshotId)
      .execute();
    const next = await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId });
    expect(next).toMatchObject({ alreadyRunning: false, jobId: '2' });
    expect(s.queued).toHaveLength(2);
  });

  it('a finished run answers the request it came from (a backup that ran to the end frees the connection)', async () => {
    const s = await setup();
    await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId });
    await runBackup(s.deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'manual',
      client: fakeIdp([{ type: 'group', id: '00g1', body: { id: '00g1' } }]),
    });
    expect(await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId })).toMatchObject({
      alreadyRunning: false,
    });
    expect(s.queued).toHaveLength(2);
  });

  it('a request whose job never started is taken as lost after a while', async () => {
    let t = Date.now();
    const s = await setup(() => new Date(t));
    await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId });
    t += BACKUP_QUEUE_STALE_MS + 1000;
    expect(await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId })).toMatchObject({
      alreadyRunning: false,
    });
    expect(s.queued).toHaveLength(2);
  });

  it('a due schedule does not queue a second run while a manual one is running', async () => {
    const s = await setup();
    await db
      .insertInto('backup_schedules')
      .values({
        tenant_id: s.tenantId,
        connection_id: s.connectionId,
        cron: '0 * * * *',
        frequency: 'hourly',
        timezone: 'UTC',
        enabled: true,
        next_run_at: new Date(Date.now() - 1000),
      })
      .execute();
    await requestBackup(s.deps, s.tenantId, { connectionId: s.connectionId });
    await beginBackup(s.deps, { tenantId: s.tenantId, connectionId: s.connectionId, trigger: 'manual' });
    await enqueueDueBackups(s.deps);
    expect(s.queued).toHaveLength(1);
  });
});
