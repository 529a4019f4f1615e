/**
 * `pnpm bench:backup --provider google [--sim-port PORT]`: one full backup of
 * google-sim's demo customer (200 users; google-sim does not generate larger customers), through a
 * Google connection with the backup service account's key file, every Google host at the
 * simulator's one URL. The simulator runs here; the backup in a child process (backup-harness.ts).
 * Prints objects per type, requests per endpoint, wall, the backup's CPU and peak RSS, 403/429
 * throttles, and wall ÷ the quota floor: the longer of the minutes the Directory queries need at the
 * governor's share of the per-minute quota (half of 2,400, a sliding minute) and the Policy API pages
 * one second apart. No client keeping those finishes sooner.
 */
import { parseArgs } from 'node:util';
import { DIRECTORY_QUERIES_PER_MIN } from '@butterfly/connectors';
import { addGoogleConnection } from '@butterfly/domain/connections';
import { createGoogleSim, DEMO } from '@butterfly/google-sim';
import { benchDatabase } from './backup-harness.ts';
import { type Floor, printRun, type RunResult } from './report.ts';

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    'sim-port': { type: 'string', default: '0' },
  },
});
/** The governor's default share of the Directory quota (connectors/src/google/http/quota-governor.ts). */
const SHARE = 0.5;
const POLICY_PAGE_S = 1;

const t0 = Date.now();
const sim = await createGoogleSim({
  port: Number(values['sim-port']),
  logger: { info: () => {}, error: (o, m) => console.error('google-sim', m, o) },
});
const bench = await benchDatabase().catch(async (e) => {
  await sim.close();
  throw e;
});
try {
  const key = await fetch(`${sim.url}/_sim/service-accounts/${encodeURIComponent(DEMO.backup.email)}/key`);
  if (key.status !== 200) throw new Error(`google-sim key file: ${key.status}`);
  process.stdout.write(
    `google-sim: demo customer ${DEMO.customerId} (${DEMO.users} users), started in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `connection: service account ${DEMO.backup.email} as ${DEMO.admin}\n`,
  );
  const connection = await addGoogleConnection(bench.deps, bench.tenant.id, {
    name: 'bench',
    primaryDomain: DEMO.domain,
    adminEmail: DEMO.admin,
    serviceAccountKey: await key.text(),
    apiUrl: sim.url,
    tokenUrl: `${sim.url}/token`,
  });

  const full = await bench.backup(connection.id);
  const r = printRun(
    'full backup (google-sim demo)',
    full,
    quotaFloor(full),
    { name: 'google-sim' },
    { allTypes: true },
  );
  const limited = full.stats.rateLimited ?? 0;
  if (limited) process.exitCode = 1;
  process.stdout.write(
    `\n== summary\nfull: ${r.wall.toFixed(1)} s, quota floor ${r.floor.toFixed(1)} s, ratio ${r.ratio.toFixed(2)}, ` +
      `backup CPU ${(full.cpuMs / 1000).toFixed(1)} s, peak RSS ${(full.peakRssKb / 1024).toFixed(0)} MB, ` +
      `${full.stats.requests} requests, throttled answers ${limited} (must be 0)\n`,
  );
} finally {
  await bench.close();
  await sim.close();
}

/** The quota floor: Directory queries at the governor's share of the per-minute quota, or Policy pages a second apart. */
function quotaFloor(r: RunResult): Floor {
  const endpoints = Object.entries(r.stats.byEndpoint ?? {});
  const count = (test: (k: string) => boolean) =>
    endpoints.filter(([k]) => test(k)).reduce((n, [, v]) => n + v.requests, 0);
  // The Directory quota covers the Admin SDK and Groups Settings; the Policy API has its own pace.
  const directory = count((k) => / \/(admin|groups)\//.test(k));
  const policyPages = count((k) => / \/v1(beta1)?\/policies/.test(k));
  const perMin = DIRECTORY_QUERIES_PER_MIN * SHARE;
  // A sliding minute admits `perMin` at once; each further `perMin` waits for the minute to slide.
  const directoryS = directory > 0 ? Math.floor((directory - 1) / perMin) * 60 : 0;
  // The first page goes at once; each further one a second after the one before.
  const policyS = Math.max(0, policyPages - 1) * POLICY_PAGE_S;
  const seconds = Math.max(directoryS, policyS);
  return {
    name: 'quota floor',
    seconds,
    basis:
      directoryS >= policyS
        ? `${directory} Directory queries ÷ ${perMin} a minute`
        : `${policyPages} Policy API pages, ${POLICY_PAGE_S} s apart`,
    detail: [
      `Directory and Groups Settings: ${directory} queries at ${SHARE * 100} % of ${DIRECTORY_QUERIES_PER_MIN} a minute = ${directoryS.toFixed(1)} s ` +
        '(a sliding minute admits that many at once; each further batch waits a minute)',
      `Policy API: ${policyPages} pages, at least ${POLICY_PAGE_S} s apart = ${policyS.toFixed(1)} s`,
      ...(seconds === 0
        ? [
            `the run fits in one minute of quota and one Policy page: the floor is 0 s and wall ÷ floor says nothing ` +
              `(it binds above ${perMin} Directory queries or 1 Policy page)`,
          ]
        : []),
      `the governor held requests back ${r.stats.rateLimitWaits} times (${(r.stats.rateLimitWaitMs / 1000).toFixed(1)} s summed)`,
    ],
  };
}
