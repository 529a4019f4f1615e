import {
  createLogger,
  databaseEnv,
  exitWithParent,
  installLastResortHandlers,
  onShutdownSignal,
  smtpEnv,
  tuneHeapForBackups,
  workerEnv,
} from '@butterfly/config';
import { idpClientFactory } from '@butterfly/connectors';
import { type DB, type Kysely, createDb } from '@butterfly/db';
import { type DatabaseServer, ensureDatabase, loadMasterKey } from '@butterfly/db/server';
import { createKeyring } from '@butterfly/domain/crypto';
import { bodyStoreFromEnv, buildTaskList, cronItems, jobQueue } from '@butterfly/jobs';
import type { Runner } from 'graphile-worker';
import type { Pool } from 'pg';

/** SMTP_URL and SMTP_FROM, or undefined (email channels then fail "not configured"). */
function mailSettings() {
  const { SMTP_URL, SMTP_FROM } = smtpEnv();
  return SMTP_URL && SMTP_FROM ? { url: SMTP_URL, from: SMTP_FROM } : undefined;
}
import { startLiveness } from './liveness.ts';
import { WAIT_FOR_SERVER_MS, WORKER_APP_NAME, createRunner, createWorkerPool } from './runner.ts';

// Issue 20: a full collection comes sooner, so a 100k-user backup's heap and freed buffers stay small.
tuneHeapForBackups();
const log = createLogger('worker');
installLastResortHandlers(log);
let database: DatabaseServer | undefined;
let pgPool: Pool | undefined;
let runner: Runner | undefined;
let db: Kysely<DB> | undefined;
let liveness: Awaited<ReturnType<typeof startLiveness>> | undefined;
// Connections wait out a Postgres restart while we run (runner.ts), not while we stop.
const stopping = new AbortController();

// Installed before anything starts, so a signal during start-up still cleans up what exists.
// Order matters: jobs finish (or are released) before their connections go, and the connections go
// before the server, which we stop only if this process started it.
const stop = onShutdownSignal(async (reason) => {
  log.info({ reason }, 'worker stopping');
  stopping.abort();
  await runner?.stop(reason);
  await liveness?.stop();
  await pgPool?.end();
  await db?.destroy();
  if (database?.startedHere) await database.stop();
  log.info('worker stopped');
});
exitWithParent(() => stop('parent exited'));

async function main() {
  const dbEnv = databaseEnv();
  const env = workerEnv();
  const { WORKER_CONCURRENCY: concurrency } = env;
  database = await ensureDatabase({ env: dbEnv, log: (m) => log.info(m) });

  pgPool = createWorkerPool(database.url, { max: concurrency + 2, log, stopWaiting: stopping.signal });

  db = createDb(database.url, {
    max: concurrency + 2,
    applicationName: WORKER_APP_NAME,
    waitForServerMs: WAIT_FOR_SERVER_MS,
    stopWaiting: stopping.signal,
    onError: (err) => log.warn({ err }, 'idle database connection failed'),
  });
  const keyring = createKeyring(loadMasterKey(dbEnv));
  // Where snapshot bodies are kept (decision 044): read once, invalid configuration stops start-up.
  const bodies = bodyStoreFromEnv();
  const taskList = buildTaskList({
    db,
    keyring,
    bodies,
    log,
    jobs: jobQueue,
    // Org URLs are tenant-supplied: private addresses only where configuration allows (the demo does).
    idpClientFor: idpClientFactory({ allowPrivateNetwork: env.BUTTERFLY_ALLOW_PRIVATE_URLS }),
    // Alert webhooks are tenant-supplied URLs too, under the same policy; APP_URL links alerts back.
    allowPrivateUrls: env.BUTTERFLY_ALLOW_PRIVATE_URLS,
    appUrl: env.APP_URL,
    // Decision 048: how often connections with event-driven freshness read their System Log.
    freshness: {
      pollSeconds: env.BUTTERFLY_FRESHNESS_POLL_SECONDS,
      settleSeconds: env.BUTTERFLY_FRESHNESS_SETTLE_SECONDS,
    },
    // Decision 064: how often Google directory syncs run.
    directorySyncMinutes: env.BUTTERFLY_DIRECTORY_SYNC_MINUTES,
    // Email channels (decision 039): the operator's SMTP server; the URL holds its password, never logged.
    mail: mailSettings(),
  });
  const r = await createRunner({ pgPool, log, taskList, concurrency, cronItems });
  runner = r;
  runner.promise.catch((err) => {
    log.fatal({ err }, 'worker crashed');
    process.exitCode = 1;
    stop('crashed');
  });
  liveness = await startLiveness({
    db,
    log,
    deps: { db, log, actor: { kind: 'system', label: 'worker:liveness' }, clock: () => new Date(), keyring },
    workerId: r.workerId,
    onPresumedDead: () => {
      // Our jobs are someone else's now: carrying on would run them twice. A supervisor restarts us.
      log.error(
        { workerId: r.workerId },
        'this worker was presumed dead (silent too long) and its jobs released; stopping',
      );
      process.exitCode = 1;
      stop('presumed dead');
    },
  });
  log.info({ concurrency, tasks: Object.keys(taskList), workerId: r.workerId }, 'worker ready');
  // Under scripts/start.ts (spawned with an IPC channel): readiness that doesn't depend on LOG_LEVEL.
  process.send?.({ ready: true });
}

main().catch((err) => {
  log.fatal({ err }, 'worker failed to start');
  process.exitCode = 1;
  stop('failed to start');
});
