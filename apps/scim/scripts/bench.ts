/**
 * `pnpm bench:scim`: the SCIM app (src/main.ts, as deployed, in its own process) against a bench
 * database seeded with 10k members, driven by autocannon at a fixed rate: filter by userName (Okta's
 * existence check), POST new users, PATCH deactivate. Prints req/s, p50/p99 and non-2xx per scenario.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { databaseEnv } from '@butterfly/config';
import { ensureDatabase } from '@butterfly/db/server';
import autocannon from 'autocannon';
import { dropBenchDatabase, freshBenchDatabase, seed } from './bench-seed.ts';

const MEMBERS = 10_000;
const RATE = Number(process.env.BENCH_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
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
    [...profile, '--import', 'tsx', resolve(import.meta.dirname, '../src/main.ts')],
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
      stdio: ['ignore', 'ignore', 'inherit'],
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
    connections: 10,
    overallRate: RATE,
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
    out(`each scenario: 2 s warm-up (not reported), then ${RATE} req/s offered for ${SECONDS} s over 10 connections`);
    // Figures from a shared machine mean little without its load: print it with them.
    out(
      `machine: ${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    out();
    out('scenario                  req/s   p50 ms   p99 ms   max ms   non-2xx   errors');
    for (const s of scenarios) {
      await run(port, token, s, 2);
      const r = await run(port, token, s, SECONDS);
      const row = [
        s.name.padEnd(24),
        r.requests.average.toFixed(0).padStart(6),
        String(r.latency.p50).padStart(8),
        String(r.latency.p99).padStart(8),
        String(r.latency.max).padStart(8),
        String(r.non2xx).padStart(9),
        String(r.errors + r.timeouts).padStart(8),
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
