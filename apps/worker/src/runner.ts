import type { Logger as PinoLogger } from '@butterfly/config';
import { type CronItem, Logger, type Runner, type TaskList, parseCronItems, run } from 'graphile-worker';
import pg, { type Pool } from 'pg';

/** graphile-worker's log calls, into our pino logger (its levels: error, warning, info, debug). */
export function graphileLogger(log: PinoLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const err = meta?.error;
    log[level === 'warning' ? 'warn' : level]({ ...scope, ...(err ? { err } : {}) }, message);
  });
}

/**
 * A pool for the runner. Both handlers are needed: `error` for idle clients and, through `connect`,
 * for checked-out ones; without them a dropped connection (Postgres restarting) is an unhandled
 * 'error' event that kills the process. graphile-worker warns when either is missing.
 */
export function createWorkerPool(url: string, { max, log }: { max: number; log: PinoLogger }): Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (err) => log.warn({ err }, 'idle database connection failed'));
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ err }, 'database connection failed')));
  return pool;
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
export function createRunner({ pgPool, log, taskList, concurrency = 1, cronItems = [] }: CreateRunnerOptions): Promise<Runner> {
  return run({
    pgPool,
    taskList,
    concurrency,
    noHandleSignals: true,
    logger: graphileLogger(log),
    // Given explicitly, so graphile-worker never looks for a `crontab` file in the cwd.
    parsedCronItems: parseCronItems(cronItems),
  });
}
