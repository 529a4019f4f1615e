/**
 * `pnpm bench:fleet [--tenants 1000] [--users 50] [--concurrency C] [--rate-scale X] [--auth ssws|oauth]`:
 * many small tenants through one worker. okta-sim (here) gets N orgs of `--users` generated users
 * plus the demo's content; the database (a fresh clone on the test Postgres) N tenants, each with one
 * connection and a daily backup schedule, all due at the same minute. Then a real worker process
 * (`pnpm start:worker`'s entry, WORKER_CONCURRENCY = `--concurrency`, default the setting's default)
 * runs every backup and its scan, and this prints tenants per hour, queue waits (mean, p95, max),
 * backup and scan durations, per-job overhead, the worker's peak RSS and CPU, failures and 429s.
 * Target (issue 20): ≥ 1,000 tenants per hour, no tenant starved.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { workerEnv } from '@butterfly/config';
import { createDb, sql } from '@butterfly/db';
import { cloneTemplate, ensureTemplate, ensureTestServer } from '@butterfly/db/testing/server';
import { createOktaSim } from '@butterfly/okta-sim';
import { machineBusySeconds } from './cpu.ts';
import { allDueAt, createFleet, fleet429s } from './fleet-setup.ts';
import { fleetReport } from './fleet-report.ts';
import { startWorker } from './fleet-worker.ts';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '1000' },
    users: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: String(workerEnv({}).WORKER_CONCURRENCY) },
    'rate-scale': { type: 'string', default: '1' },
    auth: { type: 'string', default: 'ssws' },
    'timeout-min': { type: 'string', default: '120' },
  },
});
const tenants = Number(values.tenants);
const users = Number(values.users);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(tenants) || tenants < 1) throw new Error('--tenants is a whole number ≥ 1');
if (!Number.isInteger(users) || users < 0 || users > 100_000) throw new Error('--users is 0 to 100000');
if (values.auth !== 'ssws' && values.auth !== 'oauth') throw new Error('--auth is ssws or oauth');
const auth = values.auth;

const t0 = Date.now();
const sim = await createOktaSim({
  rateScale: Number(values['rate-scale']),
  logger: { info: () => {}, error: (o, m) => console.error('okta-sim', m, o) },
});
const server = await ensureTestServer();
const clone = await cloneTemplate(server.adminUrl, await ensureTemplate(server.adminUrl));
const db = createDb(clone.url, { max: 4 });
const masterKey = randomBytes(32);
let worker: ReturnType<typeof startWorker> | undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);

try {
  const fleet = await createFleet({
    db,
    masterKey,
    simUrl: sim.url,
    tenants,
    users,
    auth,
    onProgress: (n) => n % 100 === 0 && say(`  ${n} tenants created`),
  });
  say(
    `setup: ${tenants} okta-sim orgs (${users} generated users each, plus the demo content) and tenants with a daily ` +
      `${auth === 'oauth' ? 'OAuth' : 'SSWS'} connection, in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );

  worker = startWorker({
    DATABASE_URL: clone.url,
    BUTTERFLY_MASTER_KEY: masterKey.toString('base64'),
    WORKER_CONCURRENCY: String(concurrency),
    BUTTERFLY_ALLOW_PRIVATE_URLS: 'true',
  });
  await worker.ready;
  // Every schedule due at the next minute the worker's tick runs at, at least 5 s from now.
  const dueAt = Math.ceil((Date.now() + 5000) / 60_000) * 60_000;
  await allDueAt(db, new Date(dueAt));
  say(`worker ready (concurrency ${concurrency}); all ${tenants} schedules due at ${new Date(dueAt).toISOString()}`);
  await new Promise((r) => setTimeout(r, dueAt - Date.now()));
  const busy0 = machineBusySeconds();

  const deadline = Date.now() + Number(values['timeout-min']) * 60_000;
  let last = '';
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const { rows } = await sql<{ backups: string; scans: string; failing: string; pending: string }>`
      select (select count(*) from snapshots where status = 'complete') as backups,
             (select count(*) from scans) as scans,
             (select count(*) from graphile_worker.jobs where last_error is not null) as failing,
             (select count(*) from graphile_worker.jobs where task_identifier in ('backup', 'compliance_scan')) as pending`.execute(
      db,
    );
    const { backups, scans, failing, pending } = rows[0]!;
    const line = `  ${backups} backups and ${scans} scans of ${tenants} done, ${pending} jobs queued or running, ${failing} failing`;
    if (line !== last && Math.floor((Date.now() - dueAt) / 30_000) !== Math.floor((Date.now() - dueAt - 2000) / 30_000))
      say(`${line} (${((Date.now() - dueAt) / 1000).toFixed(0)} s)`);
    last = line;
    if (Number(scans) >= tenants && Number(pending) === 0) break;
    if (Number(pending) === 0 && Number(scans) < tenants && Date.now() - dueAt > 90_000) break;
    if (Date.now() > deadline) {
      say('timed out');
      process.exitCode = 1;
      break;
    }
  }
  const machine = machineBusySeconds() - busy0;
  const workerCpu = worker.cpuSeconds();
  const peak = worker.peakRssKb();
  const { figures, lines } = await fleetReport(db, {
    dueAt,
    jobs: worker.jobs,
    scanJobs: worker.scanJobs,
    concurrency,
    tenants,
  });
  const limited = await fleet429s(sim.url, fleet);
  const cores = availableParallelism();
  say(`\n== fleet: ${tenants} tenants × ${users} users, concurrency ${concurrency}, ${cores} cores`);
  for (const l of lines) say(l);
  say(`429s             ${limited} (okta-sim, all orgs; must be 0)`);
  say(
    `worker           peak RSS ${(peak / 1024).toFixed(0)} MB, CPU ${workerCpu.toFixed(0)} s (${((1000 * workerCpu) / Math.max(figures.done, 1)).toFixed(0)} ms per tenant); ` +
      `machine CPU ${machine.toFixed(0)} s over ${cores} cores (${((1000 * machine) / Math.max(figures.done, 1)).toFixed(0)} ms per tenant, okta-sim and Postgres included)`,
  );
  say(
    `JSON ${JSON.stringify({ ...figures, concurrency, users, peakRssMb: Math.round(peak / 1024), workerCpuS: workerCpu, machineCpuS: machine, limited })}`,
  );
  if (figures.failures || limited || figures.done < tenants) process.exitCode = 1;
} finally {
  await worker?.stop();
  await db.destroy();
  await clone.drop();
  await server.stop();
  await sim.close();
}
