import type { Command } from 'commander';
import type { Deps } from '@butterfly/domain/core';
import {
  type DirectorySyncStatus,
  getDirectorySyncStatus,
  requestDirectorySync,
  runDirectorySync,
  setDirectorySync,
  watchDirectory,
} from '@butterfly/domain/directory-sync';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit, UsageError } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { ago } from './connection-freshness.ts';
import { resolveConnection } from './connection-resolve.ts';

const ROLE_OPTIONS = [
  ['super_admin', '--super-admin <group>', 'superAdmin'],
  ['admin', '--admin <group>', 'admin'],
  ['backup_operator', '--backup-operator <group>', 'backupOperator'],
  ['auditor', '--auditor <group>', 'auditor'],
  ['read_only', '--read-only <group>', 'readOnly'],
] as const;

/** The status as lines: on/off, the five groups, the last run, lag and last error. */
function statusLines(name: string, s: DirectorySyncStatus): string[] {
  const c = s.counts;
  return [
    `${name}: directory sync ${s.enabled ? 'on' : 'off'}${s.running ? ' (running)' : ''}`,
    ...ROLE_OPTIONS.map(([role]) => `  ${role.padEnd(16)} ${s.groups[role]}`),
    `last run: ${ago(s.lastStartedAt)}${s.lastFinishedAt ? `, ended ${ago(s.lastFinishedAt)}` : ''}`,
    `last success: ${ago(s.lastSuccessAt)}${s.lagSeconds === null ? '' : ` (lag ${s.lagSeconds} s)`}`,
    ...(c
      ? [
          `last counts: ${c.users ?? 0} users, ${c.created} created, ${c.updated} updated, ${c.reactivated} reactivated, ${c.deactivated} deactivated, ${c.conflict} conflicts, ${c.foreign} not managed, ${c.last_super_admin} refused (last super_admin)`,
        ]
      : []),
    ...(s.missingGroups.length
      ? [`groups not found in Google (their roles go to nobody): ${s.missingGroups.join(', ')}`]
      : []),
    ...(s.lastError ? [`last error ${s.lastError.code}: ${s.lastError.message}`] : []),
    ...(s.watch
      ? [
          `users.watch: ${s.watch.expired ? 'expired' : 'until'} ${s.watch.expiresAt}, last call ${ago(s.watch.lastCallAt)}`,
        ]
      : []),
  ];
}

/** A subcommand on one Google connection of a tenant: `<tenant> <connection> [--json]`. */
const onConnection = (group: Command, name: string, description: string) =>
  group
    .command(name)
    .description(description)
    .argument('<tenant>', 'tenant slug')
    .argument('<connection>', 'Google connection id or name')
    .option('--json', 'print one JSON document');

async function target(deps: Deps, slug: string, idOrName: string) {
  const tenant = await getTenantBySlug(deps, slug);
  return { tenantId: tenant.id, c: await resolveConnection(deps, tenant.id, idOrName) };
}

/**
 * `directory-sync run|roles|on|off|status <tenant> <connection>` (decision 064): the members of a
 * Google Workspace connection, pulled from the customer's directory.
 */
export function registerDirectorySync(group: Command) {
  onConnection(group, 'run', 'sync the members now: queued for the worker, or run here with --wait')
    .option('--wait', 'run the sync in this process and print what it changed')
    .action((slug: string, idOrName: string, opts: { wait?: boolean; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const { tenantId, c } = await target(deps, slug, idOrName);
        if (!opts.wait) {
          const { jobQueue } = await import('@butterfly/jobs');
          const r = await requestDirectorySync({ ...deps, jobs: jobQueue }, tenantId, { connectionId: c.id });
          emit({ json: !!opts.json }, r, () => [`directory sync of ${c.name} queued (job ${r.jobId})`]);
          return;
        }
        const { idpClients } = await import('../idp-clients.ts');
        const r = await runDirectorySync({ ...deps, idpClientFor: idpClients() }, tenantId, { connectionId: c.id });
        emit({ json: !!opts.json }, r, () => statusLines(c.name, r.status));
        if (!r.ok) process.exitCode = 1;
      }),
    );

  const roles = onConnection(
    group,
    'roles',
    'name the Google group of each role (the highest group a user is in gives the role); leave a role out to keep its group, give "default" for butterfly-…@<primary domain>',
  );
  for (const [, flag] of ROLE_OPTIONS) roles.option(flag, 'group email');
  roles.action((slug: string, idOrName: string, opts: Record<string, string | boolean | undefined>) =>
    withRuntime(async ({ deps }) => {
      const groups = Object.fromEntries(
        ROLE_OPTIONS.filter(([, , key]) => typeof opts[key] === 'string').map(([role, , key]) => [
          role,
          opts[key] === 'default' ? null : opts[key],
        ]),
      );
      if (!Object.keys(groups).length) throw new UsageError('name at least one group (--admin <group-email>, …)');
      const { tenantId, c } = await target(deps, slug, idOrName);
      await setDirectorySync(deps, tenantId, { connectionId: c.id, groups });
      const s = await getDirectorySyncStatus(deps, tenantId, { connectionId: c.id });
      emit({ json: opts.json === true }, s, () => statusLines(c.name, s));
    }),
  );

  onConnection(
    group,
    'watch',
    'ask Google to call Butterfly on each change of a user (users.watch), so suspensions sync within seconds; the channel is renewed by the syncs (APP_URL must be reachable from Google over HTTPS)',
  ).action((slug: string, idOrName: string, opts: { json?: boolean }) =>
    withRuntime(async ({ deps }) => {
      const { tenantId, c } = await target(deps, slug, idOrName);
      const [{ webEnv }, { idpClients }] = await Promise.all([
        import('@butterfly/config'),
        import('../idp-clients.ts'),
      ]);
      const w = await watchDirectory(
        { ...deps, idpClientFor: idpClients() },
        tenantId,
        { connectionId: c.id },
        {
          appUrl: webEnv().APP_URL,
        },
      );
      emit({ json: !!opts.json }, w, () => [
        `Google calls ${w.address} on each change of a user of ${c.name} until ${w.expiresAt} (renewed by the syncs)`,
      ]);
    }),
  );

  // `on`, `off` and `status`: each prints the status after its change (status makes none).
  const commands = [
    ['on', 'sync the members every BUTTERFLY_DIRECTORY_SYNC_MINUTES (default 15)', true],
    ['off', 'stop the periodic sync (members stay as they are)', false],
    ['status', 'is the sync on, its role groups, the last run, lag and last error', undefined],
  ] as const;
  for (const [name, description, enabled] of commands)
    onConnection(group, name, description).action((slug: string, idOrName: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const { tenantId, c } = await target(deps, slug, idOrName);
        if (enabled !== undefined) await setDirectorySync(deps, tenantId, { connectionId: c.id, enabled });
        const s = await getDirectorySyncStatus(deps, tenantId, { connectionId: c.id });
        emit({ json: !!opts.json }, s, () => statusLines(c.name, s));
      }),
    );
}
