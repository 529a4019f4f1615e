import { readFileSync, readlinkSync } from 'node:fs';
import { type DB, type Kysely, sql } from '@butterfly/db';

/** This machine and pid namespace (Linux): rows with the same value name processes we can see. */
export function machineId(): string | null {
  try {
    return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return null;
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: alive, someone else's
  }
}

export interface ReleaseOptions {
  /** Our own worker id, never released. */
  self: string;
  /** A worker silent for this long is dead. */
  deadAfterMs: number;
  machine: string | null;
}

/**
 * One liveness sweep: finds the workers that are dead — silent for `deadAfterMs`, or, on this machine,
 * whose process is gone (a kill -9 is seen at once) — hands their locked jobs back to the queue with
 * graphile-worker's `force_unlock_workers`, and forgets them. One sweeper at a time across workers
 * (a transaction-scoped advisory lock). Returns the ids released and how many jobs they held.
 */
export async function releaseDeadWorkers(
  db: Kysely<DB>,
  o: ReleaseOptions,
): Promise<{ workers: string[]; jobs: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(hashtextextended('butterfly:worker-liveness-sweep', 0)) as ok`.execute(trx);
    if (!rows[0]?.ok) return { workers: [], jobs: 0 };
    const others = await trx
      .selectFrom('worker_heartbeats')
      .select([
        'worker_id',
        'pid',
        'machine',
        sql<boolean>`beat_at < now() - make_interval(secs => ${o.deadAfterMs / 1000})`.as('silent'),
      ])
      .where('worker_id', '<>', o.self)
      .forUpdate()
      .execute();
    const dead = others
      .filter((w) => w.silent || (o.machine !== null && w.machine === o.machine && processGone(w.pid)))
      .map((w) => w.worker_id);
    if (!dead.length) return { workers: [], jobs: 0 };
    const held = await sql<{
      n: number;
    }>`select count(*)::int as n from graphile_worker._private_jobs where locked_by = any(${dead}::text[])`.execute(
      trx,
    );
    await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(trx);
    await trx.deleteFrom('worker_heartbeats').where('worker_id', 'in', dead).execute();
    return { workers: dead, jobs: held.rows[0]?.n ?? 0 };
  });
}
