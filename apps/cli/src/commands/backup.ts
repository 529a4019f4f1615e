import type { Command } from 'commander';
import { webEnv } from '@butterfly/config';
import { listConnections, loadConnectionConfig } from '@butterfly/domain/connections';
import { type Deps, DomainError } from '@butterfly/domain/core';
import { backUpConnection } from '@butterfly/domain/backups';
import { requestBackup } from '@butterfly/domain/snapshots';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { jobQueue } from '@butterfly/jobs';
import { emit, UsageError } from '../output.ts';
import { type RemoteOptions, remoteOptions, remoteTarget, withRemote } from '../remote.ts';
import { idpClients } from '../idp-clients.ts';
import { withRuntime } from '../runtime.ts';

/** A connection of the tenant by id or by name. */
export async function resolveConnection(deps: Deps, tenantId: string, idOrName: string) {
  const all = await listConnections(deps, tenantId);
  const c = all.find((x) => x.id === idOrName) ?? all.find((x) => x.name === idOrName);
  if (!c) throw new DomainError('NOT_FOUND', `No connection "${idOrName}" in this tenant`);
  return c;
}

/** What "queue a backup" answered (here, or from the API with `--url`, where `since` is a string). */
function emitQueued(
  json: boolean,
  name: string,
  r: {
    alreadyRunning: boolean;
    state: string;
    since: Date | string;
    by: string;
    jobId: string | null;
    snapshotId: string | null;
  },
) {
  emit(
    { json },
    r,
    () => [
      r.alreadyRunning
        ? `a backup of ${name} is already ${r.state} (started ${new Date(r.since).toISOString()} by ${r.by}${r.jobId ? `, job ${r.jobId}` : ''}): nothing new queued`
        : `backup of ${name} queued for the worker (job ${r.jobId})`,
    ],
    r.jobId ?? r.snapshotId ?? '',
  );
}

export function registerBackup(backup: Command) {
  remoteOptions(
    backup
      .command('run')
      .description('back up a connection: queued for the worker, or run here and now with --wait')
      .argument('<tenant>', 'tenant slug')
      .argument('<connection>', 'connection id or name')
      .option(
        '--wait',
        'run the backup (then its compliance scan) in this process and print the snapshot id on the last line',
      )
      .option('--json', 'print one JSON document'),
  ).action((slug: string, connection: string, opts: { wait?: boolean; json?: boolean } & RemoteOptions) => {
    const remote = remoteTarget(opts);
    if (remote) {
      if (opts.wait)
        throw new UsageError(
          "--wait runs the backup in this process; with --url the server's worker runs it: leave out --wait",
        );
      return withRemote(remote, slug, async (client) => {
        const all = await client.connections.list.query();
        const c = all.find((x) => x.id === connection) ?? all.find((x) => x.name === connection);
        if (!c) throw new DomainError('NOT_FOUND', `No connection "${connection}" in this tenant`);
        emitQueued(!!opts.json, c.name, await client.backups.run.mutate({ connectionId: c.id }));
      });
    }
    return withRuntime(async ({ deps }) => {
      const tenant = await getTenantBySlug(deps, slug);
      const c = await resolveConnection(deps, tenant.id, connection);
      if (!opts.wait) {
        emitQueued(
          !!opts.json,
          c.name,
          await requestBackup({ ...deps, jobs: jobQueue }, tenant.id, { connectionId: c.id }),
        );
        return;
      }
      const client = idpClients()(await loadConnectionConfig(deps, tenant.id, c.id));
      let last = 0;
      // The worker's use-case: alerts, a compliance scan (run here, so it is there when this returns,
      // with its regression alerts) and retention.
      const s = await backUpConnection(
        { ...deps, jobs: jobQueue },
        {
          tenantId: tenant.id,
          connectionId: c.id,
          trigger: 'manual',
          client,
          appUrl: webEnv().APP_URL,
          scanHere: true,
          onProgress: (p) => {
            if (opts.json || Date.now() - last < 2000) return;
            last = Date.now();
            process.stderr.write(
              `  ${p.phase}: ${p.objects} objects, ${p.requests} requests, ${Math.round((p.rateLimitWaitMs ?? 0) / 1000)} s waited for the rate limit (${p.rateLimitWaits} pauses)\n`,
            );
          },
        },
      );
      const { changes } = s;
      emit(
        { json: !!opts.json },
        {
          id: s.snapshotId,
          objects: s.objectCount,
          changes,
          stats: s.stats,
          rowsWritten: s.rowsWritten,
          bytesWritten: s.bytesWritten,
        },
        () => [
          `snapshot of ${c.name}: ${s.objectCount} objects (+${changes.added} ~${changes.changed} -${changes.removed}) in ${((s.completedAt.getTime() - s.startedAt.getTime()) / 1000).toFixed(1)} s`,
        ],
        s.snapshotId,
      );
    });
  });
}
