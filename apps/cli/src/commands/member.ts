import type { Command } from 'commander';
import { addMember } from '@butterfly/domain/members';
import { ROLES } from '@butterfly/domain/permissions';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerMember(member: Command) {
  member
    .command('add')
    .description('add a member by hand (role source: manual)')
    .argument('<tenant>', 'tenant slug')
    .argument('<email>', 'email, also the userName')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--json', 'print one JSON document')
    .action((tenantSlug: string, email: string, opts: { role: string; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, tenantSlug);
        const m = await addMember(deps, tenant.id, { email, role: opts.role as never });
        emit({ json: !!opts.json }, m, () => [`added ${m.email} to ${tenant.slug} as ${m.role}`], m.id);
      }),
    );
}
