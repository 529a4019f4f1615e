/**
 * One restore preview in a process of its own (like run-backup.ts), so its CPU time and peak RSS
 * (VmHWM) are the preview's alone. Reads its job from the environment; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { createLogger } from '@butterfly/config';
import { idpClientFactory } from '@butterfly/connectors';
import { createDb } from '@butterfly/db';
import { createKeyring, createRestorePlan, getRestorePlan, loadConnectionConfig, previewRestore } from '@butterfly/domain';

const { BENCH_DATABASE_URL: url, BENCH_MASTER_KEY: key, BENCH_TENANT: tenantId, BENCH_CONNECTION: connectionId, BENCH_SNAPSHOT: snapshotId } = process.env;
if (!url || !key || !tenantId || !connectionId || !snapshotId) throw new Error('run by scripts/bench/restore.ts');

const db = createDb(url, { max: 4 });
const deps = { db, actor: { kind: 'operator' as const, label: 'bench' }, log: createLogger('bench', 'warn'), clock: () => new Date(), keyring: createKeyring(Buffer.from(key, 'base64')) };
const client = idpClientFactory({ allowPrivateNetwork: true })(await loadConnectionConfig(deps, tenantId, connectionId));
// BENCH_MEMLOG=1: where the memory is, every two seconds (stderr), as in run-backup.ts.
if (process.env.BENCH_MEMLOG) {
  const mb = (n: number) => Math.round(n / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(`mem rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
  }, 2000).unref();
}
// BENCH_HEAPSNAP=<ms>: a heap snapshot that long into the preview, to see what it holds.
if (process.env.BENCH_HEAPSNAP) setTimeout(() => process.stderr.write(`heap snapshot: ${writeHeapSnapshot()}\n`), Number(process.env.BENCH_HEAPSNAP)).unref();
const plan = await createRestorePlan(deps, tenantId, { snapshotId });
const cpu0 = process.cpuUsage();
const started = performance.now();
await previewRestore(deps, { tenantId, planId: plan.id, client });
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const detail = await getRestorePlan(deps, tenantId, { planId: plan.id });
const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
const kinds: Record<string, number> = {};
for (const s of detail.steps) kinds[`${s.action} ${s.type}`] = (kinds[`${s.action} ${s.type}`] ?? 0) + 1;
process.stdout.write(`${JSON.stringify({ planId: plan.id, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssKb: kb('VmHWM'), stats: client.stats(), summary: detail.summary, kinds })}\n`);
await db.destroy();
