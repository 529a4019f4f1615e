/**
 * A real worker process for `pnpm bench:fleet`: the entry and V8 flags of `pnpm start:worker`
 * (apps/worker/package.json), started with node directly so its pid is the worker's own (peak RSS
 * from /proc/<pid>/status, CPU from /proc/<pid>/stat). Its JSON log lines are kept: graphile-worker's
 * "Completed task <id> (<task>, <ms>ms) with success" gives each job's time in the worker and, with
 * the line's time, when it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface JobRun {
  id: string;
  task: string;
  /** Epoch ms the task function started and ended (graphile-worker's own duration). */
  start: number;
  end: number;
  ok: boolean;
  error?: string;
}

const COMPLETED = /^(Completed|Failed) task (\d+) \(([^,]+), ([\d.]+)ms/;
const SCANNED = /^scan (\S+) of snapshot (\S+):/;

export interface FleetWorker {
  child: ChildProcess;
  jobs: JobRun[];
  /** Scan job id → scan id (the task's own log line). */
  scanJobs: Map<string, string>;
  ready: Promise<void>;
  peakRssKb: () => number;
  cpuSeconds: () => number;
  stop: () => Promise<void>;
}

const ticks = 100; // USER_HZ on Linux

export function startWorker(env: Record<string, string>): FleetWorker {
  const dir = resolve(import.meta.dirname, '../../apps/worker');
  const child = spawn(process.execPath, ['--max-semi-space-size=8', '--import', 'tsx', 'src/main.ts'], {
    cwd: dir,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const jobs: JobRun[] = [];
  const scanJobs = new Map<string, string>();
  let peak = 0;
  let cpu = 0;
  const status = () => {
    try {
      peak = Math.max(peak, Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]));
      const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu = (Number(f[11]) + Number(f[12])) / ticks;
    } catch {
      // Gone: the last reading stands.
    }
  };
  const poll = setInterval(status, 1000);
  const ready = new Promise<void>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`worker exited ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { msg?: string; time?: number; jobId?: string | number; level?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      const msg = entry.msg ?? '';
      if (msg === 'worker ready') ok();
      const done = COMPLETED.exec(msg);
      if (done) {
        const end = entry.time ?? Date.now();
        jobs.push({
          id: done[2]!,
          task: done[3]!,
          start: end - Number(done[4]),
          end,
          ok: done[1] === 'Completed',
          ...(done[1] === 'Failed' ? { error: msg.slice(0, 300) } : {}),
        });
      }
      const scanned = SCANNED.exec(msg);
      if (scanned && entry.jobId !== undefined) scanJobs.set(String(entry.jobId), scanned[1]!);
    });
  });
  return {
    child,
    jobs,
    scanJobs,
    ready,
    peakRssKb: () => {
      status();
      return peak;
    },
    cpuSeconds: () => {
      status();
      return cpu;
    },
    stop: async () => {
      status();
      clearInterval(poll);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
