import type { Command } from 'commander';
import { createTenant } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerTenant(tenant: Command) {
  tenant
    .command('create')
    .description('create a tenant (its SSO domains start unverified)')
    .argument('<slug>', 'short name used in URLs and commands, e.g. globex')
    .requiredOption('--name <name>', 'display name')
    .option('--domain <domain>', 'an SSO domain of the tenant (repeatable)', collect, [])
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { name: string; domain: string[]; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const t = await createTenant(deps, { slug, name: opts.name, domains: opts.domain });
        emit(
          { json: !!opts.json },
          t,
          () => [`created tenant ${t.slug} (${t.name})`, ...t.domains.map((d) => `  domain ${d} (unverified)`)],
          t.id,
        );
      }),
    );
}
