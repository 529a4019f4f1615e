/**
 * `pnpm bench:scim [--users 2000] [--connections 8] [--rate 0] [--seconds 15]`: the SCIM app
 * (src/main.ts, as deployed, in its own process) against a bench database seeded with `--users`
 * members, driven by autocannon over `--connections` connections, as fast as it answers (`--rate 0`)
 * or at a fixed offered rate: filter by userName (Okta's existence check), POST new users, PATCH
 * deactivate. Prints req/s, p50/p99, non-2xx, and the CPU each request cost the SCIM process
 * (process.cpuUsage, over IPC) and Postgres (its backends' /proc times) per scenario.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseEnv } from '@butterfly/config';
import { createDb, sql } from '@butterfly/db';
import { ensureDatabase } from '@butterfly/db/server';
import autocannon from 'autocannon';
import { dropBenchDatabase, freshBenchDatabase, seed } from './bench-seed.ts';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '8' },
    rate: { type: 'string', default: process.env.BENCH_RATE ?? '0' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '15' },
    /** Only the scenarios whose name contains this (case-insensitive), e.g. --only post: to profile one. */
    only: { type: 'string', default: '' },
  },
});
const whole = (name: keyof typeof args, min: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}`);
  return n;
};
const MEMBERS = whole('users', 1);
const CONNECTIONS = whole('connections', 1);
const RATE = whole('rate', 0);
const SECONDS = whole('seconds', 1);
const out = (line = '') => process.stdout.write(`${line}\n`);

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

async function startScim(url: string, masterKey: Buffer, port: number): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the SCIM process, written there when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      '--import',
      'tsx',
      '--import',
      resolve(import.meta.dirname, 'bench-cpu-probe.ts'),
      resolve(import.meta.dirname, '../src/main.ts'),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        BUTTERFLY_MASTER_KEY: masterKey.toString('base64'),
        SCIM_PORT: String(port),
        BUTTERFLY_SUPERVISED: '1',
        LOG_LEVEL: 'info',
      },
      // Request logs (JSON, info level) are written as in production, then discarded.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the SCIM app exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the SCIM app did not start within 20 s');
}

/** The SCIM process's CPU milliseconds so far (user + system), asked over IPC. */
function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the SCIM process did not report its CPU')), 5000);
    child.once('message', (m) => {
      clearTimeout(timer);
      const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
      ok((user + system) / 1000);
    });
    child.send('cpu');
  });
}

/**
 * CPU milliseconds so far of every process the postmaster started (the backends serving the pool;
 * Linux /proc, USER_HZ 100). Undefined where /proc or the postmaster is out of reach (a remote server).
 */
function postgresCpuMs(postmaster: number | undefined): number | undefined {
  if (!postmaster) return undefined;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14). The postmaster's
      // cutime/cstime hold the backends that have exited (the pool closes idle ones).
      if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      if (Number(pid) === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks * 10;
}

async function findPostmaster(url: string): Promise<number | undefined> {
  const db = createDb(url, { max: 1 });
  try {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
    return Number(stat.split(') ')[1]!.split(' ')[1]);
  } catch {
    return undefined;
  } finally {
    await db.destroy();
  }
}

type Scenario = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  next: (i: number) => { path: string; body?: string };
};

/** The request counter lives in the scenario, so the warm-up and the measured run never repeat an id. */
const counters = new Map<Scenario, number>();

function run(port: number, token: string, s: Scenario, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    duration: seconds,
    requests: [
      {
        method: s.method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/scim+json',
          'user-agent': 'butterfly-bench',
        },
        setupRequest: (req) => {
          const i = counters.get(s) ?? 0;
          counters.set(s, i + 1);
          return { ...req, ...s.next(i) };
        },
      },
    ],
  });
}

async function main() {
  const server = await ensureDatabase({ env: databaseEnv() });
  const url = await freshBenchDatabase(server.url);
  let child: ChildProcess | undefined;
  try {
    const t = performance.now();
    const { token, ids, masterKey } = await seed(url, MEMBERS);
    out(`seeded ${MEMBERS} members in ${Math.round(performance.now() - t)} ms`);
    const port = await freePort();
    child = await startScim(url, masterKey, port);
    const user = (n: string) =>
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: n,
        name: { givenName: 'B', familyName: 'N' },
        emails: [{ value: n, type: 'work', primary: true }],
        active: true,
      });
    const rand = () => 1 + Math.floor(Math.random() * MEMBERS);
    const scenarios: Scenario[] = [
      {
        name: 'GET filter userName eq',
        method: 'GET',
        next: () => ({ path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "USER${rand()}@bench.test"`)}` }),
      },
      {
        name: 'POST /Users',
        method: 'POST',
        next: (i) => ({ path: '/scim/v2/Users', body: user(`new${i}-${Date.now()}@bench.test`) }),
      },
      {
        name: 'PATCH active=false',
        method: 'PATCH',
        next: (i) => ({
          path: `/scim/v2/Users/${ids[i % ids.length]}`,
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [{ op: 'replace', value: { active: false } }],
          }),
        }),
      },
    ];
    const postmaster = await findPostmaster(url);
    const offered = RATE > 0 ? `${RATE} req/s offered` : 'as fast as answered';
    out(`each scenario: 2 s warm-up (not reported), then ${offered} for ${SECONDS} s over ${CONNECTIONS} connections`);
    // Figures from a shared machine mean little without its load: print it with them.
    out(
      `machine: ${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    out();
    out('scenario                  req/s   p50 ms   p99 ms   max ms   non-2xx   errors   CPU ms/req: scim    pg');
    for (const s of scenarios.filter((x) => x.name.toLowerCase().includes(args.only!.toLowerCase()))) {
      await run(port, token, s, 2);
      const cpu0 = await serverCpuMs(child);
      const pg0 = postgresCpuMs(postmaster);
      const r = await run(port, token, s, SECONDS);
      const scimMs = (await serverCpuMs(child)) - cpu0;
      const pg1 = postgresCpuMs(postmaster);
      const perReq = (ms: number | undefined) =>
        ms === undefined || r.requests.total === 0 ? 'n/a' : (ms / r.requests.total).toFixed(3);
      const row = [
        s.name.padEnd(24),
        r.requests.average.toFixed(0).padStart(6),
        String(r.latency.p50).padStart(8),
        String(r.latency.p99).padStart(8),
        String(r.latency.max).padStart(8),
        String(r.non2xx).padStart(9),
        String(r.errors + r.timeouts).padStart(8),
        perReq(scimMs).padStart(18),
        perReq(pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0).padStart(6),
      ];
      out(row.join(' '));
    }
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await dropBenchDatabase(server.url);
    if (server.startedHere) await server.stop();
  }
}

await main();
