import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createLogger } from '@butterfly/config';
import { idpClientFactory } from '@butterfly/connectors';
import type { DB, Kysely } from '@butterfly/db';
import { addConnection, type TAddConnectionInput } from '@butterfly/domain/connections';
import type { Deps } from '@butterfly/domain/core';
import { createKeyring } from '@butterfly/domain/crypto';
import { requestBackup } from '@butterfly/domain/snapshots';
import { createTenant } from '@butterfly/domain/tenants';
import { buildTaskList, type JobRuntime, jobQueue } from '@butterfly/jobs';
import { runMigrations, runTaskListOnce } from 'graphile-worker';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Butterfly as the apps wire it, over one test database: domain deps with a known master key (so a
 * CLI or worker process started by the test opens the same data), the jobs' task list, and the
 * processes themselves.
 */
export function product(db: Kysely<DB>, url: string) {
  const masterKey = randomBytes(32);
  const deps: Deps & { db: Kysely<DB> } = {
    db,
    actor: { kind: 'operator', label: 'e2e' },
    log: createLogger('e2e', 'silent'),
    clock: () => new Date(),
    keyring: createKeyring(masterKey),
    jobs: jobQueue,
  };
  const env = {
    ...process.env,
    DATABASE_URL: url,
    BUTTERFLY_MASTER_KEY: masterKey.toString('base64'),
    BUTTERFLY_ALLOW_PRIVATE_URLS: 'true',
    LOG_LEVEL: 'info',
  };
  const pgPool = new pg.Pool({ connectionString: url, max: 4 });
  // Both handlers, as the worker's pool has them: a dropped connection must not crash the test run.
  pgPool.on('error', () => {});
  pgPool.on('connect', (client) => client.on('error', () => {}));

  const runtime = (o: Partial<JobRuntime> = {}): JobRuntime => ({
    db,
    keyring: deps.keyring,
    log: deps.log,
    jobs: jobQueue,
    idpClientFor: idpClientFactory({ allowPrivateNetwork: true }),
    ...o,
  });

  return {
    deps,
    env,
    pgPool,
    /** graphile-worker's schema, which the worker installs at start (enqueueing needs it). */
    migrateJobs: () => runMigrations({ pgPool }),
    async tenantWithConnection(slug: string, connection: Omit<TAddConnectionInput, 'name'>) {
      const tenant = await createTenant(deps, { slug, name: slug, domains: [] });
      const c = await addConnection(deps, tenant.id, { name: `${slug}-okta`, ...connection });
      return { tenantId: tenant.id, connectionId: c.id, connectionName: c.name };
    },
    /** "Backup now", then every due job once through graphile-worker, as a worker would run them. */
    async backupThroughJobs(t: { tenantId: string; connectionId: string }, rt: Partial<JobRuntime> = {}) {
      await requestBackup(deps, t.tenantId, { connectionId: t.connectionId });
      await runDueJobs(rt);
    },
    runDueJobs,
    /**
     * `butterfly <args>` as an operator runs it: a real process against the same database. Not spawnSync:
     * okta-sim runs in this test process and must go on answering (a command may call it), and a blocked
     * event loop let its idle keep-alive sockets time out under the client's feet (ECONNRESET).
     */
    cli(...args: string[]) {
      return cliWith({}, ...args);
    },
    /** `cli` with changes to its environment (a variable set to undefined is removed). */
    cliWith,
    /** The real worker (`apps/worker`), its output collected. */
    startWorker() {
      const child = spawn(
        process.execPath,
        ['--max-semi-space-size=8', '--import', 'tsx', resolve(root, 'apps/worker/src/main.ts')],
        {
          env: { ...env, WORKER_CONCURRENCY: '1' },
          cwd: resolve(root, 'apps/worker'),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const exited = new Promise<NodeJS.Signals | number | null>((r) =>
        child.on('exit', (code, signal) => r(signal ?? code)),
      );
      return { child, output: () => output, exited, exitCode: () => child.exitCode ?? child.signalCode };
    },
    close: () => pgPool.end(),
  };

  function cliWith(changes: Record<string, string | undefined>, ...args: string[]) {
    const childEnv: Record<string, string | undefined> = { ...env, LOG_LEVEL: 'warn', ...changes };
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    const child = spawn(process.execPath, [resolve(root, 'apps/cli/bin/butterfly.ts'), ...args], {
      env: childEnv,
      cwd: resolve(root, 'apps/cli'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
      child.on('close', (code) => r({ code, stdout, stderr })),
    );
  }

  async function runDueJobs(rt: Partial<JobRuntime> = {}) {
    const client = await pgPool.connect();
    try {
      await runTaskListOnce({ pgPool }, buildTaskList(runtime(rt)), client);
    } finally {
      client.release();
    }
  }
}
