import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConnectionConfig } from '@butterfly/domain/connections';
import type { Deps } from '@butterfly/domain/core';
import {
  applyRestore,
  approveRestore,
  createRestorePlan,
  findRestorePlanTenant,
  getRestorePlan,
  previewRestore,
  type RestorePlanDetail,
  requestRestoreApply,
} from '@butterfly/domain/restores';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { jobQueue } from '@butterfly/jobs';
import { emit, UsageError } from '../output.ts';
import { webEnv } from '@butterfly/config';
import { idpClients } from '../idp-clients.ts';
import { withRuntime } from '../runtime.ts';
import { confirmationName } from './restore-confirm.ts';
import { planLines } from './restore-format.ts';
import { registerRestoreEnable } from './restore-enable.ts';
import { registerRestoreSettings } from './restore-settings.ts';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `type:id` pairs; an id may itself hold ':' (never a type), so split at the first one. */
function objectRefs(v: string) {
  return list(v).map((pair) => {
    const i = pair.indexOf(':');
    if (i <= 0 || i === pair.length - 1) throw new UsageError(`--objects wants type:id pairs, got "${pair}"`);
    return { type: pair.slice(0, i), id: pair.slice(i + 1) };
  });
}

const clients = async (deps: Deps, tenantId: string, connectionId: string) => {
  const factory = idpClients();
  return {
    read: factory(await loadConnectionConfig(deps, tenantId, connectionId)),
    write: factory(await loadConnectionConfig(deps, tenantId, connectionId, { purpose: 'restore' })),
  };
};

/**
 * Secrets for an apply, from a JSON file: `{"app:0oa1": {"credentials.oauthClient.client_secret": "…"}}`.
 * A value may be `{"env": "NAME"}`: read from this shell's environment, so a vault CLI can fill it
 * (`NAME=$(vault kv get …) butterfly restore apply …`) and the secret never sits in a file.
 */
function secretsFrom(file: string | undefined): Record<string, Record<string, string>> | undefined {
  if (!file) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string | { env: string }>>;
  return Object.fromEntries(
    Object.entries(raw).map(([ref, paths]) => [
      ref,
      Object.fromEntries(
        Object.entries(paths).map(([path, v]) => {
          if (typeof v === 'string') return [path, v];
          const value = process.env[v.env];
          if (!value) throw new UsageError(`${ref} ${path}: environment variable ${v.env} is not set`);
          return [path, value];
        }),
      ),
    ]),
  );
}

export function registerRestore(restore: Command) {
  registerRestoreSettings(restore);
  registerRestoreEnable(restore);
  restore
    .command('preview')
    .description(
      'compute a restore plan here and now (nothing is written to Okta); prints the plan id on the last line',
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<snapshot-id>', 'the snapshot to restore from')
    .option('--types <types>', 'only these object types (comma-separated)')
    .option('--objects <refs>', 'only these objects: type:id pairs (comma-separated)')
    .option('--with-dependencies', 'add what the chosen objects reference, transitively')
    .option('--deletions', 'delete live objects the snapshot lacks (otherwise listed as skipped)')
    .option(
      '--full-read',
      'compare every live object, not only those the System Log names as changed since the snapshot',
    )
    .option('--json', 'print one JSON document')
    .action(
      (
        slug: string,
        snapshotId: string,
        opts: {
          types?: string;
          objects?: string;
          withDependencies?: boolean;
          deletions?: boolean;
          fullRead?: boolean;
          json?: boolean;
        },
      ) =>
        withRuntime(async ({ deps }) => {
          if (opts.types && opts.objects) throw new UsageError('give --types or --objects, not both');
          const tenant = await getTenantBySlug(deps, slug);
          const scope = {
            ...(opts.types ? { types: list(opts.types) } : {}),
            ...(opts.objects ? { objects: objectRefs(opts.objects) } : {}),
            withDependencies: !!opts.withDependencies,
            deletions: !!opts.deletions,
          };
          const plan = await createRestorePlan(deps, tenant.id, { snapshotId, scope, fullRead: !!opts.fullRead });
          const { read, write } = await clients(deps, tenant.id, plan.connection_id);
          let last = 0;
          await previewRestore(deps, {
            tenantId: tenant.id,
            planId: plan.id,
            client: read,
            writeClient: write,
            onProgress: (p) => {
              if (opts.json || Date.now() - last < 2000) return;
              last = Date.now();
              process.stderr.write(`  ${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''}\n`);
            },
          });
          const detail = await getRestorePlan(deps, tenant.id, { planId: plan.id });
          emit({ json: !!opts.json }, detail, () => planLines(detail, { brief: true }), detail.id);
        }),
    );

  restore
    .command('show')
    .description('a plan: its steps in order, what each changes (before → after), caveats and the id map')
    .argument('<plan-id>', 'restore plan id')
    .option('--json', 'print one JSON document (the plan export)')
    .action((planId: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const detail = await getRestorePlan(deps, await findRestorePlanTenant(deps, planId), { planId });
        emit({ json: !!opts.json }, detail, () => planLines(detail, { brief: false }));
      }),
    );

  restore
    .command('approve')
    .description(
      'approve a plan that deletes or reaches many users: type its code back; the approver must not be who asked for the preview',
    )
    .argument('<plan-id>', 'restore plan id')
    .requiredOption('--confirm <code>', "the plan's short code, as `restore show` prints it")
    .option('--json', 'print one JSON document')
    .action((planId: string, opts: { confirm: string; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const plan = await approveRestore(deps, await findRestorePlanTenant(deps, planId), {
          planId,
          confirm: opts.confirm,
        });
        emit({ json: !!opts.json }, plan, () => [`plan ${plan.shortCode} approved by ${plan.approvedBy}`], plan.id);
      }),
    );

  restore
    .command('apply')
    .description(
      "apply a plan: queued for the worker, or here and now with --wait (a backup is taken first); asks for the connection's name unless --yes",
    )
    .argument('<plan-id>', 'restore plan id')
    .option('--wait', 'apply in this process and wait for the end')
    .option('--secrets-file <json>', 'write-only secrets to restore, by type:id then path (values or {"env": "NAME"})')
    .option(
      '--acknowledge-lockout-risk',
      'apply a plan that changes how admins sign in (global session, enrollment or Admin Console policies, their zones)',
    )
    .option('-y, --yes', "apply without typing the connection's name (required when stdin is not a terminal)")
    .option('--json', 'print one JSON document')
    .action(
      (
        planId: string,
        opts: { wait?: boolean; secretsFile?: string; acknowledgeLockoutRisk?: boolean; yes?: boolean; json?: boolean },
      ) =>
        withRuntime(async ({ deps }) => {
          const tenantId = await findRestorePlanTenant(deps, planId);
          const secrets = secretsFrom(opts.secretsFile);
          const confirmName = await confirmationName(await getRestorePlan(deps, tenantId, { planId }), opts);
          const input = {
            planId,
            acknowledgeLockoutRisk: !!opts.acknowledgeLockoutRisk,
            confirmName,
            ...(secrets ? { secrets } : {}),
          };
          if (!opts.wait) {
            const r = await requestRestoreApply({ ...deps, jobs: jobQueue }, tenantId, input);
            emit(
              { json: !!opts.json },
              r,
              () => [`apply of plan ${planId} queued for the worker (job ${r.jobId})`],
              r.jobId ?? planId,
            );
            return;
          }
          await requestRestoreApply(deps, tenantId, input, { inProcess: true });
          const plan = await getRestorePlan(deps, tenantId, { planId });
          const c = await clients(deps, tenantId, plan.connectionId);
          let last = 0;
          // The backup taken first queues its alerts and scan for the worker, as any backup does.
          await applyRestore(
            { ...deps, jobs: jobQueue },
            {
              tenantId,
              planId,
              readClient: c.read,
              writeClient: c.write,
              appUrl: webEnv().APP_URL,
              onProgress: (p) => {
                if (opts.json || Date.now() - last < 2000) return;
                last = Date.now();
                process.stderr.write(`  applying: ${p.done}/${p.total} steps\n`);
              },
            },
          );
          const done: RestorePlanDetail = await getRestorePlan(deps, tenantId, { planId });
          emit(
            { json: !!opts.json },
            done,
            () => [
              `plan ${done.shortCode} ${done.status}: ${done.steps.filter((s) => s.status === 'done').length} step(s) applied; backup taken first: ${done.preApplySnapshotId}`,
            ],
            done.id,
          );
        }),
    );
}
