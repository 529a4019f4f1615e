import type { Command } from 'commander';
import { loadConnectionConfig } from '@butterfly/domain/connections';
import { enableRestoredPolicies, getRestorePlan } from '@butterfly/domain/restores';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { idpClients } from '../idp-clients.ts';
import { withRuntime } from '../runtime.ts';

/**
 * `butterfly restore enable-policies <tenant> <plan-id> --confirm <code>` (decision 059): the second
 * step of a restore that wrote Conditional Access policies in report-only state.
 */
export function registerRestoreEnable(restore: Command) {
  restore
    .command('enable-policies')
    .description(
      "switch the policies an applied plan restored in report-only state (Entra Conditional Access) to the snapshot's state; refuses if any changed since",
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<plan-id>', 'the applied restore plan')
    .requiredOption('--confirm <code>', "the plan's short code, as `restore show` prints it")
    .option('--acknowledge-lockout-risk', 'enable even a policy that blocks every Global Administrator')
    .option('--json', 'print one JSON document')
    .action(
      (slug: string, planId: string, opts: { confirm: string; acknowledgeLockoutRisk?: boolean; json?: boolean }) =>
        withRuntime(async ({ deps }) => {
          const tenant = await getTenantBySlug(deps, slug);
          const plan = await getRestorePlan(deps, tenant.id, { planId });
          const client = idpClients()(
            await loadConnectionConfig(deps, tenant.id, plan.connectionId, { purpose: 'restore' }),
          );
          const r = await enableRestoredPolicies(
            deps,
            tenant.id,
            { planId, confirm: opts.confirm, acknowledgeLockoutRisk: !!opts.acknowledgeLockoutRisk },
            { client },
          );
          emit(
            { json: !!opts.json },
            r,
            () =>
              r.policies.map(
                (p) => `${p.already ? 'already' : 'enabled'} ${p.type} ${p.label} (${p.liveId}): state ${p.state}`,
              ),
            r.planId,
          );
        }),
    );
}
