import { createLogger, databaseEnv, exitWithParent, onShutdownSignal } from '@butterfly/config';
import { type DatabaseServer, ensureDatabase } from '@butterfly/db/server';
import { taskList } from '@butterfly/jobs';
import type { Runner } from 'graphile-worker';
import type { Pool } from 'pg';
import { workerEnv } from './env.ts';
import { createRunner, createWorkerPool } from './runner.ts';

const log = createLogger('worker');
let database: DatabaseServer | undefined;
let pgPool: Pool | undefined;
let runner: Runner | undefined;

// Installed before anything starts, so a signal during start-up still cleans up what exists.
// Order matters: jobs finish (or are released) before their connections go, and the connections go
// before the server, which we stop only if this process started it.
const stop = onShutdownSignal(async (reason) => {
  log.info({ reason }, 'worker stopping');
  await runner?.stop(reason);
  await pgPool?.end();
  if (database?.startedHere) await database.stop();
  log.info('worker stopped');
});
exitWithParent(() => stop('parent exited'));

async function main() {
  const dbEnv = databaseEnv();
  const { WORKER_CONCURRENCY: concurrency } = workerEnv();
  database = await ensureDatabase({ env: dbEnv, log: (m) => log.info(m) });

  pgPool = createWorkerPool(database.url, { max: concurrency + 2, log });

  runner = await createRunner({ pgPool, log, taskList, concurrency });
  runner.promise.catch((err) => {
    log.fatal({ err }, 'worker crashed');
    process.exitCode = 1;
    stop('crashed');
  });
  log.info({ concurrency, tasks: Object.keys(taskList) }, 'worker ready');
  // Under scripts/start.ts (spawned with an IPC channel): readiness that doesn't depend on LOG_LEVEL.
  process.send?.({ ready: true });
}

main().catch((err) => {
  log.fatal({ err }, 'worker failed to start');
  process.exitCode = 1;
  stop('failed to start');
});
