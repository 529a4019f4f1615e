import { hostname } from 'node:os';
import type { Logger } from '@butterfly/config';
import { type DB, type Kysely, sql } from '@butterfly/db';
import type { Deps } from '@butterfly/domain/core';
import { failAbandonedBackups } from '@butterfly/domain/snapshots';
import { machineId, releaseDeadWorkers } from './release-dead-workers.ts';

export interface LivenessOptions {
  db: Kysely<DB>;
  log: Logger;
  /** For the domain's sweep of abandoned snapshots. */
  deps: Deps;
  /** The graphile-worker pool id: what `locked_by` holds on the jobs this process runs. */
  workerId: string;
  /** The row is beaten this often... */
  beatMs?: number;
  /** ...and a worker silent this long is dead (a Postgres restart must fit in between). */
  deadAfterMs?: number;
  /** Our own row was deleted: the others presumed us dead and handed our jobs out. */
  onPresumedDead: () => void;
}

export const BEAT_MS = 5_000;
export const DEAD_AFTER_MS = 30_000;

/**
 * Times are the database's (`now()`), so clocks that differ between machines do not matter.
 *
 * This worker's liveness (decision 022): a `worker_heartbeats` row beaten every few seconds, and on
 * each beat a sweep that releases the jobs of dead workers and fails abandoned snapshots. The first
 * sweep runs at start, so a worker restarted after a crash takes its predecessor's job back at once
 * (its process is gone) or within `deadAfterMs` (another machine).
 */
export async function startLiveness(o: LivenessOptions) {
  const beatMs = o.beatMs ?? BEAT_MS;
  const machine = machineId();
  await o.db
    .insertInto('worker_heartbeats')
    .values({ worker_id: o.workerId, hostname: hostname(), pid: process.pid, machine })
    .onConflict((c) => c.column('worker_id').doUpdateSet({ beat_at: sql`now()` }))
    .execute();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const sweep = async () => {
    const released = await releaseDeadWorkers(o.db, {
      self: o.workerId,
      deadAfterMs: o.deadAfterMs ?? DEAD_AFTER_MS,
      machine,
    });
    if (released.workers.length)
      o.log.warn({ workers: released.workers, jobs: released.jobs }, 'released the jobs of dead workers');
    const { failed } = await failAbandonedBackups(o.deps);
    if (failed.length) o.log.warn({ snapshots: failed }, 'failed abandoned backups');
  };
  const tick = async () => {
    try {
      const beaten = await o.db
        .updateTable('worker_heartbeats')
        .set({ beat_at: sql`now()` })
        .where('worker_id', '=', o.workerId)
        .executeTakeFirst();
      if (!stopped && beaten.numUpdatedRows === 0n) return o.onPresumedDead();
      await sweep();
    } catch (err) {
      o.log.warn({ err }, 'liveness beat failed');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), beatMs);
  };
  running = (async () => {
    try {
      await sweep();
    } catch (err) {
      o.log.warn({ err }, 'liveness sweep failed');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), beatMs);
  })();

  return {
    /** Stops beating and forgets this worker (its jobs were released by graphile-worker's own stop). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await o.db
        .deleteFrom('worker_heartbeats')
        .where('worker_id', '=', o.workerId)
        .execute()
        .catch((err) => o.log.warn({ err }, 'could not remove the worker heartbeat'));
    },
  };
}
