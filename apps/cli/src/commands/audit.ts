import type { Command } from 'commander';
import { verifyAuditChain } from '@butterfly/domain/audit-review';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerAudit(audit: Command) {
  audit
    .command('verify')
    .description("verify a tenant's audit hash chain; exit 1 naming every changed, removed or moved entry")
    .argument('<tenant>', 'tenant slug')
    .option('--json', 'print one JSON document')
    .action((tenantSlug: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, tenantSlug);
        const v = await verifyAuditChain(deps, { tenantId: tenant.id });
        emit({ json: !!opts.json }, v, () =>
          v.ok
            ? [`audit log of ${tenant.slug} intact: ${v.checked} entries, head at seq ${v.headSeq}`]
            : [
                `audit log of ${tenant.slug} BROKEN (${v.problems.length} problem(s) in ${v.checked} entries):`,
                ...v.problems.map((p) => `  ${p.kind}: ${p.detail}`),
              ],
        );
        if (!v.ok) {
          process.stderr.write(`error AUDIT_CHAIN_BROKEN: ${v.problems.map((p) => p.detail).join('; ')}\n`);
          process.exitCode = 1;
        }
      }),
    );
}
