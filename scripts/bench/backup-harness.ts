/**
 * What the backup benches (backup-okta.ts, backup-entra.ts) and the restore bench share: a fresh
 * clone of the test database with a tenant in it, and the measured work (a backup, a restore
 * preview) in a child process, so its peak RSS and CPU are its own, with the machine's CPU split.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createLogger } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { cloneTemplate, ensureTemplate, ensureTestServer } from '@butterfly/db/testing/server';
import { createKeyring } from '@butterfly/domain/crypto';
import { createTenant } from '@butterfly/domain/tenants';
import { cpuSplit } from './cpu.ts';
import type { RunResult } from './report.ts';

export async function benchDatabase() {
  const server = await ensureTestServer();
  const clone = await cloneTemplate(server.adminUrl, await ensureTemplate(server.adminUrl));
  const masterKey = randomBytes(32);
  const db = createDb(clone.url, { max: 2 });
  const deps = {
    db,
    actor: { kind: 'operator' as const, label: 'bench' },
    log: createLogger('bench', 'warn'),
    clock: () => new Date(),
    keyring: createKeyring(masterKey),
  };
  const tenant = await createTenant(deps, { slug: 'bench', name: 'Bench', domains: [] });

  /**
   * A script of this folder (run-backup.ts, run-restore-preview.ts) in a child process with the
   * worker's V8 flags, its job in the environment (`env`: BENCH_CONNECTION and the script's own);
   * its last stdout line is JSON. BENCH_NODE_OPTIONS: its NODE_OPTIONS (heap limits, --cpu-prof).
   */
  function child(script: string, env: Record<string, string>): Promise<any> {
    const p = spawn(
      process.execPath,
      // The worker's V8 flags (apps/worker/package.json), so the memory measured is what a worker uses.
      ['--max-semi-space-size=8', '--import', 'tsx', resolve(import.meta.dirname, script)],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? process.env.NODE_OPTIONS,
          BENCH_DATABASE_URL: clone.url,
          BENCH_MASTER_KEY: masterKey.toString('base64'),
          BENCH_TENANT: tenant.id,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    return new Promise((ok, fail) =>
      p.on('exit', (code) =>
        code === 0 ? ok(JSON.parse(out.trim().split('\n').at(-1)!)) : fail(new Error(`${script} exited ${code}`)),
      ),
    );
  }

  /** One backup of the connection in its own process, with the machine's CPU split between it, the simulator and the rest. */
  async function backup(connectionId: string): Promise<RunResult> {
    const { result, cpu } = await cpuSplit(
      (): Promise<RunResult> => child('run-backup.ts', { BENCH_CONNECTION: connectionId }),
      (r) => r.cpuMs / 1000,
    );
    return { ...result, cpu };
  }

  const close = async () => {
    await db.destroy();
    await clone.drop();
    await server.stop();
  };
  return { deps, tenant, child, backup, close };
}
