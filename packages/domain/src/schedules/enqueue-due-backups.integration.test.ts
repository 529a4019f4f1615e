import { useTestDatabase } from '@butterfly/db/testing';
import { expect, it } from 'vitest';
import type { JobQueue } from '../deps.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { enqueueDueBackups, SCHEDULED_BACKUP_PRIORITY } from './enqueue-due-backups.ts';

const { db } = await useTestDatabase();

it('one tick queues every due schedule, batch after batch, and moves each to its next run', async () => {
  const queued: string[] = [];
  const priorities = new Set<number | undefined>();
  const jobs: JobQueue = {
    enqueue: async (_db, _task, payload, opts) => {
      queued.push((payload as { connectionId: string }).connectionId);
      priorities.add(opts?.priority);
      return { jobId: String(queued.length) };
    },
  };
  const now = new Date();
  const deps = { ...testDeps(db, { kind: 'operator', label: 'alice@acme.test' }), jobs, clock: () => now };
  const connections: string[] = [];
  for (let i = 0; i < 5; i++) {
    const t = await seedTenant(deps, `fleet-${i}`);
    const connectionId = await seedConnection(deps, t.id);
    connections.push(connectionId);
    await db
      .insertInto('backup_schedules')
      .values({
        tenant_id: t.id,
        connection_id: connectionId,
        cron: '7 2 * * *',
        frequency: 'daily',
        timezone: 'UTC',
        enabled: true,
        next_run_at: new Date(now.getTime() - 1000),
      })
      .execute();
  }
  // Five due, two per transaction: three batches in the one tick.
  expect(await enqueueDueBackups(deps, { batchSize: 2 })).toEqual({ enqueued: 5, skipped: 0, due: 5 });
  expect(queued.sort()).toEqual([...connections].sort());
  // Behind every other job: a tenant's scan does not wait for the rest of the fleet's backups.
  expect([...priorities]).toEqual([SCHEDULED_BACKUP_PRIORITY]);
  const next = await db.selectFrom('backup_schedules').select('next_run_at').execute();
  expect(next.every((s) => s.next_run_at.getTime() > now.getTime())).toBe(true);
  expect(await enqueueDueBackups(deps, { batchSize: 2 })).toEqual({ enqueued: 0, skipped: 0, due: 0 });
});
