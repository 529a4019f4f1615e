/**
 * One backup in a process of its own, so its peak RSS (VmHWM) is the backup's alone: the
 * simulator and the orchestrator live in the parent (backup.ts). Reads its job from the
 * environment; prints one JSON line.
 */
import { runBackup } from '@butterfly/domain/snapshots';
import { loadChildJob, peakRssKb } from './child-job.ts';

const { db, deps, client, tenantId, connectionId } = await loadChildJob('scripts/bench/backup.ts');
const started = performance.now();
const s = await runBackup(deps, { tenantId, connectionId, trigger: 'bench', client });
const wallMs = performance.now() - started;
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ snapshotId: s.snapshotId, wallMs, objects: s.objectCount, counts: s.counts, changes: s.changes, keptUnread: s.stats.childrenKeptUnread, rows: s.rowsWritten, bytes: s.bytesWritten, stats: client.stats(), peakRssKb: peakRssKb(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
await db.destroy();
