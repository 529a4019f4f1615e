import { spawnSync } from 'node:child_process';
import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { testDeps } from '@butterfly/domain/testing';
import { runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveness } from './liveness.ts';
import { machineId, releaseDeadWorkers } from './release-dead-workers.ts';
import { createWorkerPool, graphileLogger } from './runner.ts';

const { db, url } = await useTestDatabase();
const log = createLogger('liveness-test', 'silent');
const pgPool = createWorkerPool(url, { max: 2, log });
const here = machineId();

beforeAll(() => runMigrations({ pgPool, logger: graphileLogger(log) }));
afterAll(() => pgPool.end());

/** A pid that existed and is gone: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

async function worker(id: string, o: { silentFor?: string; pid?: number; machine?: string | null } = {}) {
  await db
    .insertInto('worker_heartbeats')
    .values({
      worker_id: id,
      hostname: 'h',
      pid: o.pid ?? process.pid,
      machine: o.machine === undefined ? 'another-machine' : o.machine,
      beat_at: sql`now() - ${o.silentFor ?? '0 s'}::interval`,
    })
    .execute();
  const { rows } = await sql<{
    id: string;
  }>`select id from graphile_worker.add_job('test.noop', '{}'::json) as j`.execute(db);
  await sql`update graphile_worker._private_jobs set locked_by = ${id}, locked_at = now() where id = ${rows[0]!.id}`.execute(
    db,
  );
}
const lockedBy = () =>
  sql<{ locked_by: string | null }>`select locked_by from graphile_worker._private_jobs order by id`
    .execute(db)
    .then((r) => r.rows.map((x) => x.locked_by));

describe('the liveness sweep', () => {
  it('releases the jobs of workers silent too long, or whose process is gone from this machine, and no others', async () => {
    await worker('pool-silent', { silentFor: '31 s' });
    await worker('pool-killed-here', { pid: deadPid(), machine: here });
    await worker('pool-alive-elsewhere', { silentFor: '20 s', pid: deadPid() }); // another machine: its pid means nothing here
    await worker('pool-alive-here', { machine: here });
    await worker('pool-self', { silentFor: '1 hour' });

    const released = await releaseDeadWorkers(db, { self: 'pool-self', deadAfterMs: 30_000, machine: here });
    expect(released.workers.sort()).toEqual(['pool-killed-here', 'pool-silent']);
    expect(released.jobs).toBe(2);
    expect(await lockedBy()).toEqual([null, null, 'pool-alive-elsewhere', 'pool-alive-here', 'pool-self']);
    const rows = await db.selectFrom('worker_heartbeats').select('worker_id').orderBy('worker_id').execute();
    expect(rows.map((r) => r.worker_id)).toEqual(['pool-alive-elsewhere', 'pool-alive-here', 'pool-self']);
  });

  it('a worker whose row was deleted (presumed dead by the others) is told so on its next beat', async () => {
    let presumedDead = false;
    const liveness = await startLiveness({
      db,
      log,
      deps: testDeps(db),
      workerId: 'pool-cut-off',
      beatMs: 50,
      onPresumedDead: () => (presumedDead = true),
    });
    await db.deleteFrom('worker_heartbeats').where('worker_id', '=', 'pool-cut-off').execute();
    const until = Date.now() + 5_000;
    while (!presumedDead && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await liveness.stop();
    expect(presumedDead).toBe(true);
  });
});
