import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken } from '@butterfly/domain/api-tokens';
import { findMember } from '@butterfly/domain/members';
import { ROLES } from '@butterfly/domain/permissions';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { UsageError, emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const days = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--expires takes a whole number of days (1 or more)');
  return n;
};

export function registerApiToken(token: Command) {
  token
    .command('create')
    .description("mint a token for a member, at most the member's role; printed once, alone on the last line")
    .argument('<tenant>', 'tenant slug')
    .argument('<email>', "the owner's email (or member id)")
    .option('--name <name>', 'what the token is for', 'CLI')
    .option('--role <role>', `a lower role than the owner's: ${ROLES.join(', ')}`)
    .option('--expires <days>', 'days until it stops working (default: until revoked)')
    .option('--json', 'print one JSON document')
    .action((slug: string, email: string, opts: { name: string; role?: string; expires?: string; json?: boolean }) => {
      // A usage error before the database is touched.
      const expiresInDays = opts.expires === undefined ? undefined : days(opts.expires);
      return withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const t = await createApiToken(deps, tenant.id, {
          member: email,
          name: opts.name,
          ...(opts.role ? { role: opts.role as never } : {}),
          ...(expiresInDays ? { expiresInDays } : {}),
        });
        emit(
          { json: !!opts.json },
          t,
          () => [
            `API token ${t.id} (${t.name}, ${t.role}) for ${t.ownerEmail} in ${tenant.slug}, ${t.expiresAt ? `until ${t.expiresAt}` : 'until revoked'}; shown once:`,
          ],
          t.token,
        );
      });
    });
  token
    .command('list')
    .description("a member's API tokens (never the secret)")
    .argument('<tenant>', 'tenant slug')
    .argument('<email>', "the owner's email (or member id)")
    .option('--json', 'print one JSON document')
    .action((slug: string, email: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const owner = await findMember(deps.db, tenant.id, email);
        const tokens = await listApiTokens(deps, tenant.id, { memberId: owner.id });
        emit({ json: !!opts.json }, tokens, () =>
          tokens.length
            ? tokens.map(
                (t) =>
                  `${t.id}  ${t.prefix}…  ${t.role}  ${t.expired ? 'expired' : 'active '}  ${t.name}  last used ${t.lastUsedAt ?? 'never'}`,
              )
            : [`no API tokens for ${owner.email}`],
        );
      }),
    );
  token
    .command('revoke')
    .description('revoke a token at once: the next request with it is refused')
    .argument('<tenant>', 'tenant slug')
    .argument('<token-id>', 'id from `api-token list`')
    .option('--json', 'print one JSON document')
    .action((slug: string, tokenId: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await revokeApiToken(deps, tenant.id, { tokenId });
        emit({ json: !!opts.json }, r, () => [`API token ${r.id} (${r.name}) revoked`]);
      }),
    );
}
