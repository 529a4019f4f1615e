import type { Command } from 'commander';
import { ROLES } from '@butterfly/domain/permissions';
import { listScimGroupRoles, setScimGroupRole } from '@butterfly/domain/scim';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerScimGroupRole(cmd: Command) {
  cmd
    .command('set')
    .description("map a group to a role; members' roles are recomputed at once")
    .argument('<tenant>', 'tenant slug')
    .argument('<group>', 'group displayName (case-insensitive) or id')
    .argument('<role>', `one of ${ROLES.join(', ')}, or "none" to remove the mapping`)
    .option('--json', 'print one JSON document')
    .action((slug: string, group: string, role: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await setScimGroupRole(deps, tenant.id, { group, role: role === 'none' ? null : (role as never) });
        emit({ json: !!opts.json }, r, () => [
          `group "${r.displayName}" of ${tenant.slug} → ${r.role ?? 'no role'} (${r.members} member(s) recomputed)`,
        ]);
      }),
    );
  cmd
    .command('list')
    .description("a tenant's pushed groups and their roles")
    .argument('<tenant>', 'tenant slug')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const groups = await listScimGroupRoles(deps, tenant.id);
        emit({ json: !!opts.json }, groups, () =>
          groups.length
            ? groups.map((g) => `${g.groupId}  ${g.role ?? '-'}  ${g.displayName} (${g.members} member(s))`)
            : [`no SCIM groups in ${tenant.slug}`],
        );
      }),
    );
}
