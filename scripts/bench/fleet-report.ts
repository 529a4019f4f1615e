/**
 * `pnpm bench:fleet`'s figures, from the database (each snapshot's and scan's own start and end) and
 * the worker's log (each job's time in the worker, fleet-worker.ts). Queue wait: from the moment every
 * schedule was due to its backup job's start, and from a backup's end to its scan job's start.
 * Per-job overhead: a job's time in the worker beyond the snapshot (or scan) it made: loading the
 * connection, alerts, queuing the scan, retention, recording the job's outcome.
 */
import type { DB, Kysely } from '@butterfly/db';
import type { JobRun } from './fleet-worker.ts';

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const stats = (xs: number[]) => `mean ${s(mean(xs))}, p95 ${s(pct(xs, 95))}, max ${s(Math.max(...xs))}`;

export interface FleetFigures {
  tenants: number;
  done: number;
  tenantsPerHour: number;
  makespanS: number;
  backupWait: { mean: number; p95: number; max: number };
  scanWait: { mean: number; p95: number; max: number };
  backupMs: number;
  scanMs: number;
  overheadMs: { backup: number; scan: number };
  failures: number;
}

export async function fleetReport(
  db: Kysely<DB>,
  o: { dueAt: number; jobs: JobRun[]; scanJobs: Map<string, string>; concurrency: number; tenants: number },
) {
  const snaps = await db
    .selectFrom('snapshots')
    .select(['id', 'owner', 'status', 'error', 'started_at', 'completed_at', 'stats', 'object_count'])
    .where('trigger', '=', 'schedule')
    .execute();
  const scans = await db.selectFrom('scans').select(['id', 'snapshot_id', 'started_at', 'finished_at']).execute();
  const byJob = new Map(o.jobs.map((j) => [j.id, j]));
  const backupWaits: number[] = [];
  const backupMs: number[] = [];
  const backupOverhead: number[] = [];
  const beforeSnapshot: number[] = [];
  const snapEnd = new Map<string, number>();
  const requests: number[] = [];
  const waited: number[] = [];
  const objects: number[] = [];
  for (const sn of snaps) {
    if (!sn.completed_at) continue;
    const st = sn.stats as { requests?: number; rateLimitWaitMs?: number };
    requests.push(st.requests ?? 0);
    waited.push(st.rateLimitWaitMs ?? 0);
    objects.push(sn.object_count);
    const own = sn.completed_at.getTime() - sn.started_at.getTime();
    backupMs.push(own);
    snapEnd.set(sn.id, sn.completed_at.getTime());
    const job = sn.owner?.startsWith('job:') ? byJob.get(sn.owner.slice(4)) : undefined;
    if (!job) continue;
    backupWaits.push(job.start - o.dueAt);
    backupOverhead.push(job.end - job.start - own);
    beforeSnapshot.push(sn.started_at.getTime() - job.start);
  }
  const scanJob = new Map([...o.scanJobs].map(([job, scan]) => [scan, byJob.get(job)]));
  const scanWaits: number[] = [];
  const scanMs: number[] = [];
  const scanOverhead: number[] = [];
  let lastEnd = 0;
  for (const sc of scans) {
    const own = sc.finished_at.getTime() - sc.started_at.getTime();
    scanMs.push(own);
    lastEnd = Math.max(lastEnd, sc.finished_at.getTime());
    const job = scanJob.get(sc.id);
    const backupEnd = snapEnd.get(sc.snapshot_id);
    if (!job) continue;
    scanOverhead.push(job.end - job.start - own);
    if (backupEnd !== undefined) scanWaits.push(job.start - backupEnd);
    lastEnd = Math.max(lastEnd, job.end);
  }
  const failedJobs = o.jobs.filter((j) => !j.ok);
  const failedSnaps = snaps.filter((sn) => sn.status !== 'complete');
  const makespan = lastEnd - o.dueAt;
  const inWorker = o.jobs
    .filter((j) => j.task === 'backup' || j.task === 'compliance_scan')
    .reduce((a, j) => a + j.end - j.start, 0);
  const figures: FleetFigures = {
    tenants: o.tenants,
    done: scans.length,
    tenantsPerHour: (scans.length / makespan) * 3_600_000,
    makespanS: makespan / 1000,
    backupWait: { mean: mean(backupWaits), p95: pct(backupWaits, 95), max: Math.max(...backupWaits) },
    scanWait: { mean: mean(scanWaits), p95: pct(scanWaits, 95), max: Math.max(...scanWaits) },
    backupMs: mean(backupMs),
    scanMs: mean(scanMs),
    overheadMs: { backup: mean(backupOverhead), scan: mean(scanOverhead) },
    failures: failedJobs.length + failedSnaps.length,
  };
  const lines = [
    `tenants done     ${scans.length}/${o.tenants} (backup and scan) in ${s(makespan)} from the moment all were due`,
    `throughput       ${figures.tenantsPerHour.toFixed(0)} tenants/hour (target ≥ 1000)`,
    `queue wait       backup: ${stats(backupWaits)} (from due)`,
    `                 scan:   ${stats(scanWaits)} (from its backup's end)`,
    `backup           mean ${s(mean(backupMs))} (p95 ${s(pct(backupMs, 95))}), the snapshot's own start to end`,
    `  each           ${mean(objects).toFixed(0)} objects, ${mean(requests).toFixed(0)} requests, ${s(mean(waited))} waited on the rate-limit governor (mean)`,
    `scan             mean ${s(mean(scanMs))} (p95 ${s(pct(scanMs, 95))})`,
    `per-job overhead backup job ${s(mean(backupOverhead))} (${s(mean(beforeSnapshot))} before the snapshot began), scan job ${s(mean(scanOverhead))} (time in the worker beyond the snapshot / scan)`,
    `worker slots     ${((100 * inWorker) / (o.concurrency * makespan)).toFixed(0)} % busy (job time ÷ concurrency ${o.concurrency} × span)`,
    `failures         ${failedJobs.length} failed job(s), ${failedSnaps.length} snapshot(s) not complete`,
    ...failedJobs.slice(0, 3).map((j) => `  ${j.error}`),
    ...failedSnaps.slice(0, 3).map((sn) => `  snapshot ${sn.id} ${sn.status}: ${sn.error}`),
  ];
  return { figures, lines };
}
