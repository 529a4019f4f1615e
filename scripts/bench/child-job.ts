/**
 * What a measured child (run-backup.ts, run-restore-preview.ts) starts from: the job its parent put
 * in the environment, a database pool, the domain's deps and the connection's IdP client.
 * BENCH_MEMLOG=1: where the memory is, every two seconds (stderr). BENCH_NO_TUNE=1: without the worker's
 * heap sizing (tuneHeapForBackups), to measure what it changes.
 */
import { readFileSync } from 'node:fs';
import { createLogger, tuneHeapForBackups } from '@butterfly/config';
import { idpClientFactory } from '@butterfly/connectors';
import { createDb } from '@butterfly/db';
import { loadConnectionConfig } from '@butterfly/domain/connections';
import { createKeyring } from '@butterfly/domain/crypto';

/** `parent`: the script that spawns this one, named in the error when it is run by hand. */
export async function loadChildJob(parent: string) {
  // The worker's heap sizing (apps/worker/src/main.ts), so the memory measured is what a worker uses.
  if (!process.env.BENCH_NO_TUNE) tuneHeapForBackups();
  const {
    BENCH_DATABASE_URL: url,
    BENCH_MASTER_KEY: key,
    BENCH_TENANT: tenantId,
    BENCH_CONNECTION: connectionId,
  } = process.env;
  if (!url || !key || !tenantId || !connectionId) throw new Error(`run by ${parent}`);
  const db = createDb(url, { max: 4 });
  const deps = {
    db,
    actor: { kind: 'operator' as const, label: 'bench' },
    log: createLogger('bench', 'warn'),
    clock: () => new Date(),
    keyring: createKeyring(Buffer.from(key, 'base64')),
  };
  const client = idpClientFactory({ allowPrivateNetwork: true })(
    await loadConnectionConfig(deps, tenantId, connectionId),
  );
  if (process.env.BENCH_MEMLOG) {
    const mb = (n: number) => Math.round(n / 1048576);
    setInterval(() => {
      const m = process.memoryUsage();
      process.stderr.write(
        `mem rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`,
      );
    }, 2000).unref();
  }
  return { db, deps, client, tenantId, connectionId };
}

/** This process's peak resident set so far (VmHWM), in kB. */
export const peakRssKb = () => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
