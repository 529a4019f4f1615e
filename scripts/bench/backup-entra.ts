/**
 * `pnpm bench:backup --provider entra [--users N] [--share P] [--latency-ms L] [--sim-port PORT]`: one full backup of
 * an entra-sim tenant seeded with N users (default 10,000), through an Entra connection with a client
 * secret whose login and Graph URLs are the simulator's. The simulator runs here; the backup in a
 * child process (backup-harness.ts). Prints objects per type, requests and resource units per
 * endpoint, wall, the backup's CPU and peak RSS, 429s, and wall ÷ the resource-unit floor: the RU the
 * backup was charged ÷ (the share the governor keeps to, `--share`, default 50 % × the RU per 10 s
 * Graph gives a tenant of that size) × 10 s. No client keeping that share finishes sooner.
 * `--latency-ms` delays each Graph call as a real round trip does (a `$batch` once).
 */
import { parseArgs } from 'node:util';
import { RU_PER_10S, type TenantSize } from '@butterfly/connectors';
import { addEntraConnection, updateConnection } from '@butterfly/domain/connections';
import { createEntraSim, READ_CONSENT } from '@butterfly/entra-sim';
import { benchDatabase } from './backup-harness.ts';
import { type Floor, printRun, type RunResult } from './report.ts';

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    users: { type: 'string', default: '10000' },
    share: { type: 'string' },
    'latency-ms': { type: 'string', default: '0' },
    'sim-port': { type: 'string', default: '0' },
  },
});
const users = Number(values.users);
if (!(Number.isInteger(users) && users >= 1 && users <= 100_000)) throw new Error('--users is 1 to 100000');
const share = values.share === undefined ? undefined : Number(values.share);
if (share !== undefined && !(Number.isInteger(share) && share >= 1 && share <= 100))
  throw new Error('--share is a percent from 1 to 100');

// Graph's bucket for the tenant's size (decision 057), and what the governor plans over: it does not
// learn the size, so it assumes the smallest bucket, over 10 s plus its 1 s latency margin.
const size: TenantSize = users < 50 ? 'small' : users <= 500 ? 'medium' : 'large';
const sharePct = share ?? 50;
const GOVERNOR_WINDOW_S = 11;
const latencyMs = Number(values['latency-ms']);

const t0 = Date.now();
const sim = await createEntraSim({
  demo: false,
  port: Number(values['sim-port']),
  latencyMs,
  logger: { info: () => {}, error: (o, m) => console.error('entra-sim', m, o) },
});
const bench = await benchDatabase().catch(async (e) => {
  await sim.close();
  throw e;
});
try {
  const tenant = sim.control.createTenant({ name: 'bench', users }) as { id: string };
  const app = await sim.control.registerApp(tenant.id, { displayName: 'Butterfly Backup', roles: READ_CONSENT });
  process.stdout.write(
    `entra-sim: ${users} users (bucket ${RU_PER_10S[size]} RU per 10 s, ${size}), ${latencyMs} ms latency, seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `connection: client secret, share ${sharePct} %\n`,
  );
  const connection = await addEntraConnection(bench.deps, bench.tenant.id, {
    name: 'bench',
    directoryId: tenant.id,
    clientId: app.clientId,
    credentials: { kind: 'client_secret', clientSecret: app.secret! },
    loginUrl: sim.url,
    graphUrl: sim.url,
  });
  if (share !== undefined)
    await updateConnection(bench.deps, bench.tenant.id, { connectionId: connection.id, rateLimitShare: share });

  const full = await bench.backup(connection.id);
  const r = printRun(`full backup (${users} users)`, full, ruFloor(full), { name: 'entra-sim' }, { allTypes: true });
  const limited = full.stats.rateLimited ?? 0;
  if (limited) process.exitCode = 1;
  process.stdout.write(
    `\n== summary\nfull: ${r.wall.toFixed(1)} s, RU floor ${r.floor.toFixed(1)} s, ratio ${r.ratio.toFixed(2)}, ` +
      `backup CPU ${(full.cpuMs / 1000).toFixed(1)} s, peak RSS ${(full.peakRssKb / 1024).toFixed(0)} MB, ` +
      `${full.stats.requests} requests, ${full.stats.resourceUnits ?? '?'} RU, 429s ${limited} (must be 0)\n`,
  );
} finally {
  await bench.close();
  await sim.close();
}

/** The resource-unit floor of a run, from what Graph (the simulator) said each request cost. */
function ruFloor(r: RunResult): Floor {
  const spent = r.stats.resourceUnits;
  if (spent === undefined) throw new Error('the connector reported no resource units');
  const budget = Math.floor((RU_PER_10S[size] * sharePct) / 100);
  const planned = Math.floor((RU_PER_10S.small * sharePct) / 100);
  const atPlanned = (spent / planned) * GOVERNOR_WINDOW_S;
  return {
    name: 'RU floor',
    seconds: (spent / budget) * 10,
    basis: `${spent} RU charged ÷ ${budget} RU per 10 s = ${sharePct} % of a ${size} tenant's ${RU_PER_10S[size]}`,
    detail: [
      `the floor assumes Graph's documented bucket for ${users} users, that the app keeps ${sharePct} % of it for this backup, and`,
      '  spending at that rate throughout (a run under one window of budget could burst faster); RU as the answers said',
      `the governor plans over ${planned} RU per ${GOVERNOR_WINDOW_S} s (it does not learn the tenant's size: the smallest bucket; ` +
        `10 s + 1 s latency margin): at that rate ${atPlanned.toFixed(1)} s, wall ÷ that = ${(r.wallMs / 1000 / atPlanned).toFixed(2)}; ` +
        `it held requests back ${r.stats.rateLimitWaits} times (${(r.stats.rateLimitWaitMs / 1000).toFixed(1)} s summed)`,
      'requests of an endpoint include the $batch sub-requests to it; their RU are under POST /$batch',
    ],
  };
}
