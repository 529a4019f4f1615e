/**
 * One restore preview in a process of its own (like run-backup.ts), so its CPU time and peak RSS
 * (VmHWM) are the preview's alone. Reads its job from the environment; prints one JSON line.
 */
import { writeHeapSnapshot } from 'node:v8';
import { createRestorePlan, getRestorePlan, previewRestore } from '@butterfly/domain/restores';
import { loadChildJob, peakRssKb } from './child-job.ts';

const snapshotId = process.env.BENCH_SNAPSHOT;
if (!snapshotId) throw new Error('run by scripts/bench/restore.ts');
const { db, deps, client, tenantId } = await loadChildJob('scripts/bench/restore.ts');
// BENCH_HEAPSNAP=<ms>: a heap snapshot that long into the preview, to see what it holds.
if (process.env.BENCH_HEAPSNAP)
  setTimeout(
    () => process.stderr.write(`heap snapshot: ${writeHeapSnapshot()}\n`),
    Number(process.env.BENCH_HEAPSNAP),
  ).unref();
// BENCH_FULL_READ=1: compare every live object instead of what the System Log names (decision 053).
const plan = await createRestorePlan(deps, tenantId, { snapshotId, fullRead: process.env.BENCH_FULL_READ === '1' });
const cpu0 = process.cpuUsage();
const started = performance.now();
await previewRestore(deps, { tenantId, planId: plan.id, client });
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const detail = await getRestorePlan(deps, tenantId, { planId: plan.id });
const kinds: Record<string, number> = {};
for (const s of detail.steps) kinds[`${s.action} ${s.type}`] = (kinds[`${s.action} ${s.type}`] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({ planId: plan.id, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssKb: peakRssKb(), stats: client.stats(), summary: detail.summary, kinds })}\n`,
);
await db.destroy();
