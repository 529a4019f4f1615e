import type { Command } from 'commander';
import { webEnv } from '@butterfly/config';
import { listConnections, loadConnectionConfig } from '@butterfly/domain/connections';
import { type Deps, DomainError } from '@butterfly/domain/core';
import { backUpConnection, requestBackup } from '@butterfly/domain/snapshots';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { jobQueue } from '@butterfly/jobs';
import { emit } from '../output.ts';
import { idpClients } from '../idp-clients.ts';
import { withRuntime } from '../runtime.ts';

/** A connection of the tenant by id or by name. */
export async function resolveConnection(deps: Deps, tenantId: string, idOrName: string) {
  const all = await listConnections(deps, tenantId);
  const c = all.find((x) => x.id === idOrName) ?? all.find((x) => x.name === idOrName);
  if (!c) throw new DomainError('NOT_FOUND', `No connection "${idOrName}" in this tenant`);
  return c;
}

export function registerBackup(backup: Command) {
  backup
    .command('run')
    .description('back up a connection: queued for the worker, or run here and now with --wait')
    .argument('<tenant>', 'tenant slug')
    .argument('<connection>', 'connection id or name')
    .option('--wait', 'run the backup (then its compliance scan) in this process and print the snapshot id on the last line')
    .option('--json', 'print one JSON document')
    .action((slug: string, connection: string, opts: { wait?: boolean; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const c = await resolveConnection(deps, tenant.id, connection);
        if (!opts.wait) {
          const r = await requestBackup({ ...deps, jobs: jobQueue }, tenant.id, { connectionId: c.id });
          emit(
            { json: !!opts.json },
            r,
            () => [
              r.alreadyRunning
                ? `a backup of ${c.name} is already ${r.state} (started ${r.since.toISOString()} by ${r.by}${r.jobId ? `, job ${r.jobId}` : ''}): nothing new queued`
                : `backup of ${c.name} queued for the worker (job ${r.jobId})`,
            ],
            r.jobId ?? r.snapshotId ?? '',
          );
          return;
        }
        const client = idpClients()(await loadConnectionConfig(deps, tenant.id, c.id));
        let last = 0;
        // The same steps as the worker's job: alerts, a compliance scan (run here, so it is there when
        // this returns) and retention.
        const s = await backUpConnection({ ...deps, jobs: jobQueue }, {
          tenantId: tenant.id,
          connectionId: c.id,
          trigger: 'manual',
          client,
          appUrl: webEnv().APP_URL,
          scanHere: true,
          onProgress: (p) => {
            if (opts.json || Date.now() - last < 2000) return;
            last = Date.now();
            process.stderr.write(`  ${p.phase}: ${p.objects} objects, ${p.requests} requests, ${Math.round((p.rateLimitWaitMs ?? 0) / 1000)} s waited for the rate limit (${p.rateLimitWaits} pauses)\n`);
          },
        });
        const changes = s.changes as { added: number; changed: number; removed: number };
        emit(
          { json: !!opts.json },
          { id: s.id, objects: s.object_count, changes, stats: s.stats, rowsWritten: s.rows_written, bytesWritten: Number(s.bytes_written) },
          () => [`snapshot of ${c.name}: ${s.object_count} objects (+${changes.added} ~${changes.changed} -${changes.removed}) in ${((s.completed_at!.getTime() - s.started_at.getTime()) / 1000).toFixed(1)} s`],
          s.id,
        );
      }),
    );
}
