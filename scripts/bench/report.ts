import { availableParallelism } from 'node:os';
import type { IdpRequestStats } from '@butterfly/domain/idp';

export interface RunResult {
  snapshotId: string;
  wallMs: number;
  objects: number;
  counts: Record<string, number>;
  changes: { added: number; changed: number; removed: number };
  /** Children kept from the last snapshot unread (their parent had not changed). */
  keptUnread: number;
  rows: number;
  bytes: number;
  stats: IdpRequestStats;
  peakRssKb: number;
  /** CPU time of the backup process (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  /** The machine's CPU seconds during the run, split (scripts/bench/cpu.ts). */
  cpu?: { machine: number; child: number; sim: number; rest: number };
}

export interface SimBuckets {
  buckets: Record<string, { requests: number; limited: number; peakWindow: number; limit: number }>;
  maxConcurrency: number;
  limited: number;
  /** Per OAuth app (client id): its share of each bucket and its busiest window in each. */
  apps?: Record<
    string,
    {
      share: number;
      requests: number;
      limited: number;
      overShare: number;
      buckets: Record<string, { requests: number; limited: number; peakWindow: number; limit: number; cap: number }>;
    }
  >;
}

/**
 * Decision 047, "polite to Okta": the 429s the backup received (must be 0) and, per bucket, the most
 * of it the backup used in any one window against its ceiling (an OAuth app: its share, counted by
 * okta-sim per app; SSWS: 1 − reserve, counted for the whole org, which the backup has to itself here).
 */
export function printPoliteness(sim: SimBuckets, r: RunResult, ceiling: { percent: number; clientId?: string }) {
  const app = ceiling.clientId ? sim.apps?.[ceiling.clientId] : undefined;
  const rows = Object.entries(app ? app.buckets : sim.buckets).map(([name, b]) => ({
    name,
    peak: b.peakWindow,
    limit: b.limit,
    share: (100 * b.peakWindow) / b.limit,
  }));
  rows.sort((a, b) => b.share - a.share);
  const received = app ? app.limited : sim.limited;
  const over = rows.filter((b) => b.peak > Math.floor((b.limit * ceiling.percent) / 100));
  const top = rows[0];
  const ok = received === 0 && (r.stats.rateLimited ?? 0) === 0 && over.length === 0;
  const out = [
    `polite to Okta    ${ceiling.clientId ? `OAuth service app ${ceiling.clientId}, Okta's share ${app?.share ?? '?'} %` : 'SSWS token'}, ceiling ${ceiling.percent} % of each bucket`,
    `  429s received   ${received} (okta-sim) / ${r.stats.rateLimited ?? 0} (the governor's count); must be 0`,
    `  max share used  ${top ? `${top.share.toFixed(1)} % of ${top.name} (${top.peak}/${top.limit} in one window)` : '-'} vs ceiling ${ceiling.percent} %${over.length ? `; OVER in ${over.map((b) => b.name).join(', ')}` : ''}`,
    '  per bucket (busiest window, share of the bucket):',
    ...rows.map(
      (b) => `    ${b.name.padEnd(36)} ${`${b.peak}/${b.limit}`.padStart(9)}  ${b.share.toFixed(1).padStart(5)} %`,
    ),
    `  ${ok ? 'OK: no 429, no window past the ceiling' : 'FAIL: a 429 or a window past the ceiling'}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return { ok, received, maxShare: top?.share ?? 0, bucket: top?.name ?? '-' };
}

/**
 * The rate-limit floor: for each of the org's buckets, its requests ÷ the per-minute budget the
 * governor allows itself (the limit less its reserve). No client that keeps the reserve can finish
 * sooner than the largest of these.
 */
export function floorOf(sim: SimBuckets, reserve: number) {
  const per = Object.entries(sim.buckets).map(([name, b]) => ({
    name,
    requests: b.requests,
    seconds: (b.requests / (b.limit * (1 - reserve))) * 60,
  }));
  per.sort((a, b) => b.seconds - a.seconds);
  return { seconds: per[0]?.seconds ?? 0, bucket: per[0]?.name ?? '-', per };
}

/** A run's floor: the least time the rate limits allow, what sets it, and the table behind it. */
export interface Floor {
  /** e.g. 'rate-limit floor'. */
  name: string;
  seconds: number;
  /** What sets it, printed after the number: 'bucket /api/v1/users'. */
  basis: string;
  detail: string[];
}

/** Okta's floor: the busiest bucket (floorOf), with every bucket's requests, floor and busiest window. */
export function oktaFloor(sim: SimBuckets, reserve: number): Floor {
  const floor = floorOf(sim, reserve);
  return {
    name: 'rate-limit floor',
    seconds: floor.seconds,
    basis: `bucket ${floor.bucket}`,
    detail: [
      'buckets (requests, floor s, busiest window of limit):',
      ...floor.per.map(
        (b) =>
          `  ${b.name.padEnd(36)} ${String(b.requests).padStart(7)}  ${b.seconds.toFixed(1).padStart(6)} s  ${sim.buckets[b.name]!.peakWindow}/${sim.buckets[b.name]!.limit}`,
      ),
    ],
  };
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const cores = availableParallelism();

/**
 * One backup's figures against its floor. `sim`: the simulator in this process (its name; its most
 * requests in flight at once, when it counts them). `allTypes`: every type's count on a line of its
 * own, instead of the four largest.
 */
export function printRun(
  title: string,
  r: RunResult,
  floor: Floor,
  sim: { name: string; maxConcurrency?: number },
  o: { allTypes?: boolean } = {},
) {
  const wall = r.wallMs / 1000;
  const ratio = wall / Math.max(floor.seconds, 0.001);
  const types = Object.entries(r.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const ru = (v: { resourceUnits?: number }) =>
    v.resourceUnits === undefined ? '' : `  ${String(v.resourceUnits).padStart(7)} RU`;
  const out = [
    `\n== ${title}`,
    `wall time        ${wall.toFixed(1)} s`,
    `objects          ${r.objects} (+${r.changes.added} ~${r.changes.changed} -${r.changes.removed})${
      o.allTypes
        ? ''
        : `; most: ${types
            .slice(0, 4)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')}`
    }${r.keptUnread ? `; ${r.keptUnread} kept unread (their group had not changed)` : ''}`,
    ...(o.allTypes ? types.map(([t, n]) => `  ${t.padEnd(44)} ${String(n).padStart(7)}`) : []),
    `requests         ${r.stats.requests} (429s: ${r.stats.rateLimited ?? 0}, retries: ${r.stats.retries ?? 0}${
      sim.maxConcurrency === undefined ? '' : `, sim max concurrency ${sim.maxConcurrency}`
    })`,
    `${floor.name.padEnd(16)} ${floor.seconds.toFixed(1)} s (${floor.basis}); wall ÷ floor = ${ratio.toFixed(2)}`,
    `peak RSS         ${mb(r.peakRssKb)} (the backup process; its CPU time ${(r.cpuMs / 1000).toFixed(1)} s)`,
    ...(r.cpu
      ? [
          `machine CPU      ${r.cpu.machine.toFixed(1)} s over ${cores} cores = a CPU floor of ${(r.cpu.machine / cores).toFixed(1)} s: ` +
            `backup ${r.cpu.child.toFixed(1)} s, ${sim.name} ${r.cpu.sim.toFixed(1)} s, Postgres and the rest ${r.cpu.rest.toFixed(1)} s; ` +
            `wall ÷ CPU floor = ${(wall / Math.max(r.cpu.machine / cores, 0.001)).toFixed(2)}`,
        ]
      : []),
    `written          ${r.rows} rows, ${(r.bytes / 1024 / 1024).toFixed(1)} MB`,
    ...floor.detail,
    `endpoints (requests${r.stats.resourceUnits === undefined ? '' : ', resource units'}):`,
    ...Object.entries(r.stats.byEndpoint ?? {})
      .sort((a, b) => b[1].requests - a[1].requests)
      .map(([k, v]) => `  ${k.padEnd(70)} ${String(v.requests).padStart(7)}${ru(v)}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return { wall, floor: floor.seconds, ratio };
}
