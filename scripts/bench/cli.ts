/**
 * `pnpm bench:cli [--runs N]`: wall time of the admin CLI as an operator types it, `pnpm butterfly …`
 * (pnpm's own start-up included), over N runs each: `--help`, and two read commands against a
 * database holding one tenant with a connection and three snapshots. The same commands through
 * `node apps/cli/bin/butterfly.ts` show what pnpm adds. Nothing to start first: the database is a
 * throwaway clone on the test Postgres (as `pnpm bench:scan`), dropped afterwards; the CLI attaches
 * to it as it attaches to the one `pnpm start` runs. Targets (issue 17): `--help` under 1 s, a read
 * command under 1.5 s. Prints median and p95 wall times, the median CPU time (what the machine's load
 * does not change), the load average, and any line a run
 * printed that the command did not (a package manager's banner).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@butterfly/db';
import { cloneTemplate, ensureTemplate, ensureTestServer } from '@butterfly/db/testing';
import { runBackup } from '@butterfly/domain/snapshots';
import { fakeIdp, seedConnection, seedTenant, testDeps } from '@butterfly/domain/testing';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'apps/cli/bin/butterfly.ts');

/**
 * CPU seconds of every process this one has waited for (Linux: /proc/self/stat, fields cutime and
 * cstime, which include the CLI under pnpm). Under load, wall time is mostly waiting for a core;
 * the CPU a command costs does not change with the load. Undefined where there is no /proc.
 */
const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
function childrenCpu(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / ticks;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function time(
  label: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  runs: number,
  expect: (stdout: string) => boolean,
) {
  const walls: number[] = [];
  const cpus: number[] = [];
  const loads: number[] = [];
  let stray = '';
  for (let run = 0; run < runs; run++) {
    loads.push(loadavg()[0]!);
    const cpu0 = childrenCpu();
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { env, cwd: root, encoding: 'utf8' });
    walls.push(performance.now() - t0);
    const cpu1 = childrenCpu();
    if (cpu0 !== undefined && cpu1 !== undefined) cpus.push(cpu1 - cpu0);
    if (r.status !== 0 || !expect(r.stdout))
      throw new Error(`${label} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    // The CLI writes nothing to stderr on success: a line there is someone else's.
    stray ||= r.stderr.trim();
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const cpu = cpus.length ? `  CPU median ${percentile(cpus, 50).toFixed(2)} s` : '';
  const med = percentile(walls, 50);
  const p95 = percentile(walls, 95);
  const load = loads.reduce((a, b) => a + b, 0) / loads.length;
  process.stdout.write(
    `${label.padEnd(44)} median ${(med / 1000).toFixed(2)} s  p95 ${(p95 / 1000).toFixed(2)} s${cpu}  (${runs} runs, load ${load.toFixed(1)})${stray ? `  stray output: ${JSON.stringify(stray.split('\n')[0])}` : ''}\n`,
  );
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
  const server = await ensureTestServer();
  const clone = await cloneTemplate(server.adminUrl, await ensureTemplate(server.adminUrl));
  const db = createDb(clone.url, { max: 2 });
  const masterKey = randomBytes(32);
  try {
    const deps = testDeps(db, { kind: 'operator', label: 'bench' }, masterKey);
    const tenant = await seedTenant(deps, 'bench');
    const connectionId = await seedConnection(deps, tenant.id, 'bench-okta');
    for (let i = 0; i < 3; i++) {
      const objects = Array.from({ length: 50 }, (_, n) => ({
        type: 'group',
        id: `00g${n}`,
        body: { id: `00g${n}`, profile: { name: `Group ${n}`, version: i } },
      }));
      await runBackup(deps, { tenantId: tenant.id, connectionId, trigger: 'bench', client: fakeIdp(objects) });
    }
    const env = { ...process.env, DATABASE_URL: clone.url, BUTTERFLY_MASTER_KEY: masterKey.toString('base64') };
    // Once untimed: the first run after a change fills Node's compile cache.
    spawnSync('pnpm', ['butterfly', 'snapshot', 'list', 'bench'], { env, cwd: root });
    const listsSnapshots = (out: string) => out.trim().split('\n').length === 3;
    time('pnpm butterfly --help', ['pnpm', 'butterfly', '--help'], env, runs, (out) =>
      out.includes('Usage: butterfly'),
    );
    time(
      'pnpm butterfly connection list bench',
      ['pnpm', 'butterfly', 'connection', 'list', 'bench'],
      env,
      runs,
      (out) => out.includes('bench-okta'),
    );
    time(
      'pnpm butterfly snapshot list bench',
      ['pnpm', 'butterfly', 'snapshot', 'list', 'bench'],
      env,
      runs,
      listsSnapshots,
    );
    time('node apps/cli/bin/butterfly.ts --help', [process.execPath, bin, '--help'], env, runs, (out) =>
      out.includes('Usage: butterfly'),
    );
    time(
      'node apps/cli/bin/butterfly.ts snapshot list',
      [process.execPath, bin, 'snapshot', 'list', 'bench'],
      env,
      runs,
      listsSnapshots,
    );
  } finally {
    await db.destroy();
    await clone.drop();
    await server.stop();
  }
}

await main();
