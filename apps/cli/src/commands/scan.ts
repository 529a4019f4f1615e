import type { Command } from 'commander';
import {
  type ScanView,
  listFindings,
  listScans,
  requestComplianceScan,
  runComplianceScan,
} from '@butterfly/domain/scans';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit, UsageError } from '../output.ts';
import { type RemoteOptions, remoteOptions, remoteTarget, withRemote } from '../remote.ts';
import { withRuntime } from '../runtime.ts';

const RESULTS = ['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE'] as const;
const SEVERITIES = ['CAT I', 'CAT II', 'CAT III'] as const;

/** `--severity "CAT I"` (repeatable, or comma-separated) and the like: checked against the allowed words. */
function oneOf<T extends string>(what: string, allowed: readonly T[], given: string[] | undefined): T[] | undefined {
  const values = given
    ?.flatMap((g) => g.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter(Boolean);
  if (!values?.length) return undefined;
  for (const v of values)
    if (!allowed.includes(v as T)) throw new UsageError(`${what} is one of ${allowed.join(', ')}; got "${v}"`);
  return values as T[];
}
const collect = (v: string, prev: string[] = []) => [...prev, v];

interface FindingLine {
  severity: string;
  result: string;
  ruleId: string;
  title: string;
  connectionName: string;
  accepted?: boolean;
}

export function registerScan(scan: Command) {
  remoteOptions(
    scan
      .command('list')
      .description("a tenant's compliance scans, newest first")
      .argument('<tenant>', 'tenant slug')
      .option('--connection <id>', "only this connection's scans")
      .option('--limit <n>', 'at most this many (default 100)', (v) => Number.parseInt(v, 10))
      .option('--json', 'print one JSON document'),
  ).action((slug: string, opts: { connection?: string; limit?: number; json?: boolean } & RemoteOptions) => {
    const input = {
      ...(opts.connection ? { connectionId: opts.connection } : {}),
      ...(opts.limit ? { limit: opts.limit } : {}),
    };
    const print = (list: ScanView[]) =>
      emit({ json: !!opts.json }, list, () =>
        list.length
          ? list.map(
              (s) =>
                `${s.id}  ${s.connectionName}  ${s.finishedAt}  ${s.counts.PASS} pass, ${s.counts.FAIL} fail, ${s.counts.MANUAL} manual${s.score === null ? '' : `  score ${s.score}`}`,
            )
          : [`${slug} has no scans`],
      );
    const remote = remoteTarget(opts);
    if (remote) return withRemote(remote, slug, async (client) => print(await client.compliance.scans.query(input)));
    return withRuntime(async ({ deps }) => print(await listScans(deps, (await getTenantBySlug(deps, slug)).id, input)));
  });

  remoteOptions(
    scan
      .command('findings')
      .description("results of each connection's latest scan (FAIL unless --result says otherwise), worst first")
      .argument('<tenant>', 'tenant slug')
      .option('--connection <id>', 'only this connection')
      .option('--severity <cat>', '"CAT I", "CAT II" or "CAT III" (repeat, or separate with commas)', collect)
      .option('--result <result>', 'PASS, FAIL, MANUAL or NOT_APPLICABLE (repeat, or separate with commas)', collect)
      .option('--json', 'print one JSON document'),
  ).action(
    (
      slug: string,
      opts: { connection?: string; severity?: string[]; result?: string[]; json?: boolean } & RemoteOptions,
    ) => {
      const severities = oneOf('--severity', SEVERITIES, opts.severity);
      const results = oneOf('--result', RESULTS, opts.result);
      const input = {
        ...(opts.connection ? { connectionId: opts.connection } : {}),
        ...(severities ? { severities } : {}),
        ...(results ? { results } : {}),
      };
      const print = (list: FindingLine[]) =>
        emit({ json: !!opts.json }, list, () =>
          list.length
            ? list.map(
                (f) =>
                  `${f.severity.padEnd(7)} ${f.result.padEnd(14)} ${f.ruleId}  ${f.title}  (${f.connectionName})${f.accepted ? '  accepted by exception' : ''}`,
              )
            : ['no findings'],
        );
      const remote = remoteTarget(opts);
      if (remote)
        return withRemote(remote, slug, async (client) => print(await client.compliance.findings.query(input)));
      return withRuntime(async ({ deps }) =>
        print(await listFindings(deps, (await getTenantBySlug(deps, slug)).id, input)),
      );
    },
  );

  scan
    .command('run')
    .description(
      'scan a snapshot with the current rule set (here and now, or queued with --queue); prints the scan id on the last line',
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<snapshot-id>', "a complete snapshot of one of the tenant's connections (another tenant's is not found)")
    .option('--queue', 'queue the scan for the worker instead, and print the job id')
    .option('--json', 'print one JSON document')
    .action((slug: string, snapshotId: string, opts: { queue?: boolean; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        if (opts.queue) {
          const { jobQueue } = await import('@butterfly/jobs');
          const r = await requestComplianceScan({ ...deps, jobs: jobQueue }, tenant.id, { snapshotId });
          emit(
            { json: !!opts.json },
            r,
            () => [`scan of snapshot ${snapshotId} queued for the worker (job ${r.jobId})`],
            r.jobId,
          );
          return;
        }
        const s = await runComplianceScan(deps, tenant.id, { snapshotId, trigger: 'manual' });
        const c = s.counts;
        emit(
          { json: !!opts.json },
          s,
          () => [
            `scan of ${s.connectionName} (snapshot ${s.snapshotId}): ${c.PASS} pass, ${c.FAIL} fail, ${c.MANUAL} manual, ${c.NOT_APPLICABLE} not applicable (rule set ${s.rulesetVersion})`,
          ],
          s.id,
        );
      }),
    );
}
