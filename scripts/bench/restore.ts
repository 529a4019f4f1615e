/**
 * `pnpm bench:restore --users N [--rate-scale X] [--changes N] [--full-read | --both]`: a whole-org restore preview of okta-sim's seeded
 * org with N generated users, after 1 % drift made through the API (profile edits, a few users and
 * a group deleted). Prints the preview's wall time split into our compute (the preview process's
 * CPU time) and rate-limit waits, the phases of the domain's work, and the process's peak RSS.
 * Setup reuses the backup benchmark's pieces: the first backup runs in run-backup.ts, the drift is
 * changes.ts; the preview runs in run-restore-preview.ts, alone in its process. By default the
 * preview compares what the System Log names as changed since the snapshot (decision 053);
 * `--full-read` compares every object, `--both` runs the two on the same drift, one after the other.
 */
import { parseArgs } from 'node:util';
import { addConnection } from '@butterfly/domain/connections';
import { createOktaSim } from '@butterfly/okta-sim';
import { benchDatabase } from './backup-harness.ts';
import { changeUsers } from './changes.ts';
import { deleteSome } from './restore-drift.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    'rate-scale': { type: 'string', default: '1' },
    'full-read': { type: 'boolean', default: false },
    both: { type: 'boolean', default: false },
    /** Profile edits of the drift (default 1 % of the backed-up objects): a small number shows a recent snapshot. */
    changes: { type: 'string' },
  },
});
const modes: ('log' | 'full')[] = values.both ? ['log', 'full'] : values['full-read'] ? ['full'] : ['log'];
const users = Number(values.users);
const rateScale = Number(values['rate-scale']);

const t0 = Date.now();
const sim = await createOktaSim({
  seed: 1,
  users,
  rateScale,
  logger: { info: () => {}, error: (o, m) => console.error('okta-sim', m, o) },
});
const org = (await (await fetch(`${sim.url}/_sim/orgs/acme`)).json()) as { url: string; apiToken: string };
process.stdout.write(
  `okta-sim: ${users} users, rate scale ${rateScale}, seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
);

const bench = await benchDatabase();
const connection = await addConnection(bench.deps, bench.tenant.id, {
  name: 'acme',
  orgUrl: org.url,
  credentials: { kind: 'ssws', token: org.apiToken },
});
const child = (script: string, env: Record<string, string> = {}) =>
  bench.child(script, { BENCH_CONNECTION: connection.id, ...env });

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
try {
  const full = await child('run-backup.ts');
  process.stdout.write(
    `backup: ${full.objects} objects in ${s(full.wallMs)} (its process: CPU ${s(full.cpuMs)}, peak RSS ${(full.peakRssKb / 1024).toFixed(0)} MB)\n`,
  );
  const edited = await changeUsers(
    sim.url,
    org,
    values.changes ? Number(values.changes) : Math.ceil(full.objects * 0.01),
  );
  const deleted = await deleteSome(org, Math.max(1, Math.ceil(users / 2000)));
  process.stdout.write(
    `drift: ${edited} user profiles edited, ${deleted.users} users and group "${deleted.group}" deleted through the API\n`,
  );
  for (const mode of modes) {
    // Okta's buckets are per minute: each preview starts with them as full as the first one's.
    if (mode !== modes[0]) await new Promise((ok) => setTimeout(ok, 61_000));
    const r = await child('run-restore-preview.ts', {
      BENCH_SNAPSHOT: full.snapshotId,
      BENCH_FULL_READ: mode === 'full' ? '1' : '0',
    });
    const t = r.summary.timings as Record<string, number>;
    const ours = r.cpuMs;
    const domain =
      (t.manifestCpuMs ?? 0) +
      (t.compareCpuMs ?? 0) +
      (t.missingCpuMs ?? 0) +
      (t.referrersCpuMs ?? 0) +
      (t.planCpuMs ?? 0);
    process.stdout.write(
      [
        `\n== whole-org restore preview, ${mode === 'full' ? 'full read' : 'from the System Log'} (${users} users, ${r.summary.compared} objects compared)`,
        `  ${r.summary.comparedBy?.message ?? ''}`,
        `wall time          ${s(r.wallMs)}`,
        `  our compute      ${s(ours)} CPU in the preview process, of which the domain's own ${s(domain)} (manifest ${s(t.manifestCpuMs ?? 0)}, hashing and comparing ${s(t.compareCpuMs ?? 0)}, planning ${s((t.planCpuMs ?? 0) + (t.missingCpuMs ?? 0) + (t.referrersCpuMs ?? 0))}); the rest is the connector reading Okta (HTTP, JSON) and GC`,
        `  rate-limit waits ${s(r.stats.rateLimitWaitMs)} over ${r.stats.rateLimitWaits} waits (summed across concurrent requests); ${r.stats.requests} requests, ${r.stats.rateLimited ?? 0} answered 429`,
        `  phases (wall)    log ${s(t.logMs ?? 0)}, manifest ${s(t.manifestMs ?? 0)}, live read ${s(t.liveMs ?? 0)}, missing ${s(t.missingMs ?? 0)}, referrers ${s(t.referrersMs ?? 0)}, plan + order ${s(t.planMs ?? 0)}`,
        `  not read         ${r.summary.unchangedChildren ?? 0} rows whose parent showed them unchanged (members of groups with the snapshot's lastMembershipUpdated)`,
        `  most requests    ${Object.entries((r.stats.byEndpoint ?? {}) as Record<string, { requests: number }>)
          .sort((a, b) => b[1].requests - a[1].requests)
          .slice(0, 5)
          .map(([e, x]) => `${e} ${x.requests}`)
          .join(', ')}`,
        `peak RSS           ${(r.peakRssKb / 1024).toFixed(0)} MB (the preview process)`,
        `plan               ${r.summary.steps} steps, blast radius ${r.summary.blastRadius}, ${r.summary.newIds} new id(s)`,
        ...Object.entries(r.kinds as Record<string, number>)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, n]) => `  ${k.padEnd(40)} ${n}`),
        `targets at 100k users: compute < 10 s (the domain's own ${domain < 10_000 ? 'met' : 'missed'} here; the whole process with the connector's reading ${ours < 10_000 ? 'met' : 'missed'}), RSS < 400 MB (${r.peakRssKb < 400 * 1024 ? 'met' : 'missed'} here)`,
        '',
      ].join('\n'),
    );
  }
} finally {
  await bench.close();
  await sim.close();
}
