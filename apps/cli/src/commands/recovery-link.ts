import type { Command } from 'commander';
import { webEnv } from '@butterfly/config';
import { createRecoveryLink } from '@butterfly/domain/recovery';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerRecoveryLink(link: Command) {
  link
    .command('create')
    .description('a one-time sign-in URL for an active super_admin (15 minutes, single use, audited)')
    .argument('<tenant>', 'tenant slug')
    .argument('<email>', "the super_admin's email")
    .option('--json', 'print one JSON document')
    .action((slug: string, email: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await createRecoveryLink(deps, tenant.id, { email });
        const url = `${webEnv().APP_URL}/recover/${r.token}`;
        emit(
          { json: !!opts.json },
          { id: r.id, url, expiresAt: r.expiresAt.toISOString() },
          () => [
            `recovery link for ${email} in ${tenant.slug}, valid until ${r.expiresAt.toISOString()} (single use):`,
          ],
          url,
        );
      }),
    );
}
