import type { Command } from 'commander';
import { requestComplianceScan, runComplianceScan } from '@butterfly/domain/scans';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { jobQueue } from '@butterfly/jobs';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerScan(scan: Command) {
  scan
    .command('run')
    .description('scan a snapshot with the current rule set (here and now, or queued with --queue); prints the scan id on the last line')
    .argument('<tenant>', 'tenant slug')
    .argument('<snapshot-id>', "a complete snapshot of one of the tenant's connections (another tenant's is not found)")
    .option('--queue', 'queue the scan for the worker instead, and print the job id')
    .option('--json', 'print one JSON document')
    .action((slug: string, snapshotId: string, opts: { queue?: boolean; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        if (opts.queue) {
          const r = await requestComplianceScan({ ...deps, jobs: jobQueue }, tenant.id, { snapshotId });
          emit({ json: !!opts.json }, r, () => [`scan of snapshot ${snapshotId} queued for the worker (job ${r.jobId})`], r.jobId);
          return;
        }
        const s = await runComplianceScan(deps, tenant.id, { snapshotId, trigger: 'manual' });
        const c = s.counts;
        emit(
          { json: !!opts.json },
          s,
          () => [`scan of ${s.connectionName} (snapshot ${s.snapshotId}): ${c.PASS} pass, ${c.FAIL} fail, ${c.MANUAL} manual, ${c.NOT_APPLICABLE} not applicable (rule set ${s.rulesetVersion})`],
          s.id,
        );
      }),
    );
}
