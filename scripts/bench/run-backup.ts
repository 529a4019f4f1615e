/**
 * One backup in a process of its own, so its peak RSS (VmHWM) is the backup's alone: the
 * simulator and the orchestrator live in the parent (backup.ts). Reads its job from the
 * environment; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '@butterfly/config';
import { idpClientFactory } from '@butterfly/connectors';
import { createDb } from '@butterfly/db';
import { createKeyring, loadConnectionConfig, runBackup } from '@butterfly/domain';

const { BENCH_DATABASE_URL: url, BENCH_MASTER_KEY: key, BENCH_TENANT: tenantId, BENCH_CONNECTION: connectionId } = process.env;
if (!url || !key || !tenantId || !connectionId) throw new Error('run by scripts/bench/backup.ts');

const db = createDb(url, { max: 4 });
const deps = { db, actor: { kind: 'operator' as const, label: 'bench' }, log: createLogger('bench', 'warn'), clock: () => new Date(), keyring: createKeyring(Buffer.from(key, 'base64')) };
const client = idpClientFactory({ allowPrivateNetwork: true })(await loadConnectionConfig(deps, tenantId, connectionId));
// BENCH_MEMLOG=1: where the memory is, every two seconds (stderr).
if (process.env.BENCH_MEMLOG) {
  const mb = (n: number) => Math.round(n / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(`mem rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
  }, 2000).unref();
}
const started = performance.now();
const s = await runBackup(deps, { tenantId, connectionId, trigger: 'bench', client });
const wallMs = performance.now() - started;
const cpu = process.cpuUsage();
const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(
  `${JSON.stringify({ snapshotId: s.id, wallMs, objects: s.object_count, counts: s.counts, changes: s.changes, rows: s.rows_written, bytes: Number(s.bytes_written), stats: client.stats(), peakRssKb: kb('VmHWM'), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
await db.destroy();
