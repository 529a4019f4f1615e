import type { Logger as PinoLogger } from '@butterfly/config';
import { EventEmitter } from 'node:events';
import {
  type CronItem,
  Logger,
  type Runner,
  type TaskList,
  type WorkerEvents,
  parseCronItems,
  run,
} from 'graphile-worker';
import { createPool } from '@butterfly/db';
import type { Pool } from 'pg';

/** graphile-worker's log calls, into our pino logger (its levels: error, warning, info, debug). */
export function graphileLogger(log: PinoLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const err = meta?.error;
    log[level === 'warning' ? 'warn' : level]({ ...scope, ...(err ? { err } : {}) }, message);
  });
}

/** The worker's sessions in pg_stat_activity. */
export const WORKER_APP_NAME = 'butterfly-worker';
/** How long the worker's connections wait for Postgres to come back (a restart) before failing. */
export const WAIT_FOR_SERVER_MS = 120_000;

/**
 * A pool for the runner: every client, idle or checked out, has an error listener (without one a
 * dropped connection is an unhandled 'error' event that kills the process), and connecting waits out
 * a Postgres restart, because graphile-worker does not catch a failure to record a job's outcome.
 */
export function createWorkerPool(
  url: string,
  { max, log, stopWaiting }: { max: number; log: PinoLogger; stopWaiting?: AbortSignal },
): Pool {
  return createPool(url, {
    max,
    applicationName: WORKER_APP_NAME,
    waitForServerMs: WAIT_FOR_SERVER_MS,
    stopWaiting,
    onError: (err) => log.warn({ err }, 'idle database connection failed'),
  });
}

export interface CreateRunnerOptions {
  /** Our own pool (not a connection string), so its error handler and shutdown order are ours. */
  pgPool: Pool;
  log: PinoLogger;
  taskList: TaskList;
  /** Jobs run at once by this process; the pool needs `concurrency + 2` connections. */
  concurrency?: number;
  /** Recurring jobs (the minute schedule tick). */
  cronItems?: CronItem[];
}

/**
 * Starts graphile-worker on the task list. `run` installs or upgrades the `graphile_worker` schema
 * first, so a fresh database needs nothing else. Signal handling is left to the caller, which must
 * stop the runner before it ends the pool and before Postgres goes away.
 */
export async function createRunner({
  pgPool,
  log,
  taskList,
  concurrency = 1,
  cronItems = [],
}: CreateRunnerOptions): Promise<Runner & { workerId: string }> {
  // The pool id is what `locked_by` holds on this process's jobs (liveness.ts keys its heartbeat by it);
  // graphile-worker names it only in this event, emitted while `run` builds the pool.
  const events: WorkerEvents = new EventEmitter();
  let workerId: string | undefined;
  events.once('pool:create', ({ workerPool }) => (workerId = workerPool.id));
  const runner = await run({
    pgPool,
    events,
    taskList,
    concurrency,
    noHandleSignals: true,
    logger: graphileLogger(log),
    // Given explicitly, so graphile-worker never looks for a `crontab` file in the cwd.
    parsedCronItems: parseCronItems(cronItems),
  });
  if (!workerId) throw new Error('graphile-worker created no worker pool');
  return Object.assign(runner, { workerId });
}
