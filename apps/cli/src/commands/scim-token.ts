import type { Command } from 'commander';
import { createScimToken, listScimTokens, revokeScimToken } from '@butterfly/domain/scim';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerScimToken(token: Command) {
  token
    .command('create')
    .description('mint a token; printed once, alone on the last line (several may be active, for rotation)')
    .argument('<tenant>', 'tenant slug')
    .option('--label <label>', 'what the token is for, e.g. "Okta production"', 'SCIM')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { label: string; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const t = await createScimToken(deps, tenant.id, { label: opts.label });
        emit(
          { json: !!opts.json },
          t,
          () => [
            `SCIM token ${t.id} (${t.label}) for ${tenant.slug}; shown once, store it in your IdP as "Bearer <token>":`,
          ],
          t.token,
        );
      }),
    );
  token
    .command('list')
    .description("a tenant's SCIM tokens (never the secret)")
    .argument('<tenant>', 'tenant slug')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const tokens = await listScimTokens(deps, tenant.id);
        emit({ json: !!opts.json }, tokens, () =>
          tokens.length
            ? tokens.map(
                (t) =>
                  `${t.id}  ${t.prefix}…  ${t.active ? 'active ' : 'revoked'}  ${t.label}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}`,
              )
            : [`no SCIM tokens for ${tenant.slug}`],
        );
      }),
    );
  token
    .command('revoke')
    .description('revoke a token at once: the next request with it is refused')
    .argument('<tenant>', 'tenant slug')
    .argument('<token-id>', 'id from `scim-token list`')
    .option('--json', 'print one JSON document')
    .action((slug: string, tokenId: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await revokeScimToken(deps, tenant.id, { tokenId });
        emit({ json: !!opts.json }, r, () => [
          `SCIM token ${r.id} (${r.label}) ${r.alreadyRevoked ? 'was already revoked' : 'revoked'}`,
        ]);
      }),
    );
}
