/**
 * `pnpm bench:backup [--provider okta] --users N [--rate-scale X] [--latency-ms L] [--auth ssws|oauth] [--share P]`: a full backup of okta-sim's seeded org with N
 * generated users, then 1 % of the objects changed through the API and an incremental backup.
 * For each: wall time, requests per endpoint, the rate-limit floor and wall ÷ floor, the backup
 * process's peak RSS, rows and bytes written. The simulator runs here; each backup runs in a child
 * process (run-backup.ts) so its memory is measured alone; the database is a fresh clone on the
 * embedded test server. `--latency-ms` delays each of the simulator's API answers, as a real org's
 * round trips do (tens of milliseconds): the backup must then keep requests in flight side by side.
 * `BENCH_NODE_OPTIONS` is the backup process's NODE_OPTIONS (heap limits, profiling).
 * `--auth oauth`: the connection is the org's OAuth service app (private_key_jwt), which okta-sim
 * caps at its share of each bucket as Okta does (decision 047); `--share P` raises that share in the
 * simulator and on the connection alike. Each run prints the 429s received (must be 0) and the most
 * of each bucket used in one window against the ceiling (50 % or P for OAuth, 1 − reserve for SSWS).
 */
import { parseArgs } from 'node:util';
import { addConnection, DEFAULT_OAUTH_RATE_LIMIT_SHARE, updateConnection } from '@butterfly/domain/connections';
import { createOktaSim } from '@butterfly/okta-sim';
import { benchDatabase } from './backup-harness.ts';
import { changeUsers } from './changes.ts';
import { oktaFloor, printPoliteness, printRun, type SimBuckets } from './report.ts';

const { values } = parseArgs({
  options: {
    provider: { type: 'string', default: 'okta' },
    users: { type: 'string', default: '10000' },
    'rate-scale': { type: 'string', default: '1' },
    reserve: { type: 'string', default: '0.2' },
    'latency-ms': { type: 'string', default: '0' },
    'full-only': { type: 'boolean' },
    auth: { type: 'string', default: 'ssws' },
    share: { type: 'string' },
  },
});
if (values.auth !== 'ssws' && values.auth !== 'oauth') throw new Error('--auth is ssws or oauth');
const oauth = values.auth === 'oauth';
const share = values.share === undefined ? undefined : Number(values.share);
if (share !== undefined && !(oauth && Number.isInteger(share) && share >= 1 && share <= 100))
  throw new Error('--share is a percent from 1 to 100, with --auth oauth');
const users = Number(values.users);
const rateScale = Number(values['rate-scale']);
// The floor counts what the governor allows itself: 1 − reserve for SSWS, the app's share for OAuth.
const ceilingPercent = oauth
  ? (share ?? DEFAULT_OAUTH_RATE_LIMIT_SHARE)
  : Math.round(100 * (1 - Number(values.reserve)));
const reserve = 1 - ceilingPercent / 100;

const t0 = Date.now();
const latencyMs = Number(values['latency-ms']);
const sim = await createOktaSim({
  seed: 1,
  users,
  rateScale,
  latencyMs,
  logger: { info: () => {}, error: (o, m) => console.error('okta-sim', m, o) },
});
const control = async (method: string, path: string, body?: unknown): Promise<any> => {
  const res = await fetch(`${sim.url}/_sim/orgs/acme${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`okta-sim ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
};
const org: { url: string; apiToken: string } = await control('GET', '');
const serviceApp: { clientId: string; privateKeyPem: string } = await control('GET', '/service-app-key');
if (share !== undefined) await control('PUT', `/clients/${serviceApp.clientId}/rate-limit-share`, { percent: share });
process.stdout.write(
  `okta-sim: ${users} users, rate scale ${rateScale}, ${latencyMs} ms latency, seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
    `connection: ${oauth ? `OAuth service app (ceiling ${ceilingPercent} % of each bucket)` : `SSWS token (ceiling ${ceilingPercent} %)`}\n`,
);

const bench = await benchDatabase();
const { deps, tenant } = bench;
const connection = await addConnection(deps, tenant.id, {
  name: 'acme',
  orgUrl: org.url,
  credentials: oauth
    ? { kind: 'oauth', clientId: serviceApp.clientId, privateKey: serviceApp.privateKeyPem }
    : { kind: 'ssws', token: org.apiToken },
});
if (share !== undefined)
  await updateConnection(deps, tenant.id, { connectionId: connection.id, rateLimitShare: share });
const politeness = { percent: ceilingPercent, ...(oauth ? { clientId: serviceApp.clientId } : {}) };

const backup = () => bench.backup(connection.id);

const oktaSim = (sim: SimBuckets) => ({ name: 'okta-sim', maxConcurrency: sim.maxConcurrency });

/** Ends the run early (`--full-only`), cleaning up. */
class Done extends Error {}

/** Starts a run at the top of a fresh rate-limit window, with the simulator's counters at zero. */
async function freshWindow() {
  await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 200));
  await control('DELETE', '/stats');
}

try {
  await freshWindow();
  const full = await backup();
  const fullSim = (await control('GET', '/stats')) as SimBuckets;
  const a = printRun(`full backup (${users} users)`, full, oktaFloor(fullSim, reserve), oktaSim(fullSim));
  const pa = printPoliteness(fullSim, full, politeness);
  if (!pa.ok) process.exitCode = 1;
  if (values['full-only']) throw new Done();

  const changed = await changeUsers(sim.url, org, Math.ceil(full.objects * 0.01));
  process.stdout.write(`\nchanged ${changed} users through the API (1 % of ${full.objects} objects)\n`);
  await freshWindow();
  const inc = await backup();
  const incSim = (await control('GET', '/stats')) as SimBuckets;
  const b = printRun('incremental backup', inc, oktaFloor(incSim, reserve), oktaSim(incSim));
  const pb = printPoliteness(incSim, inc, politeness);
  if (!pb.ok) process.exitCode = 1;
  const pct = (x: number, y: number) => `${((100 * x) / y).toFixed(2)} %`;
  process.stdout.write(
    [
      '\n== summary',
      `full:        ${a.wall.toFixed(1)} s, floor ${a.floor.toFixed(1)} s, ratio ${a.ratio.toFixed(2)}, peak RSS ${(full.peakRssKb / 1024).toFixed(0)} MB`,
      `incremental: ${b.wall.toFixed(1)} s, floor ${b.floor.toFixed(1)} s, ratio ${b.ratio.toFixed(2)}, peak RSS ${(inc.peakRssKb / 1024).toFixed(0)} MB`,
      `incremental wrote ${pct(inc.rows, full.rows)} of the full's rows and ${pct(inc.bytes, full.bytes)} of its bytes`,
      `polite:      429s ${pa.received} full / ${pb.received} incremental (must be 0); max share of a bucket in one window ${pa.maxShare.toFixed(1)} % (${pa.bucket}) / ${pb.maxShare.toFixed(1)} % (${pb.bucket}), ceiling ${ceilingPercent} %`,
      '',
    ].join('\n'),
  );
} catch (e) {
  if (!(e instanceof Done)) throw e;
} finally {
  await bench.close();
  await sim.close();
}
