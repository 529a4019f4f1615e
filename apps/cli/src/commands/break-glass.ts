import type { Command } from 'commander';
import {
  type BreakGlassAccountView,
  addBreakGlassAccount,
  listBreakGlassAccounts,
  removeBreakGlassAccount,
} from '@butterfly/domain/break-glass';
import { findConnectionTenant } from '@butterfly/domain/connections';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const shown = (a: BreakGlassAccountView) =>
  `${a.oktaUserId}  ${a.login ?? '(no login)'}${a.displayName ? `  ${a.displayName}` : ''}  added by ${a.addedBy} ${a.addedAt}`;

/**
 * `connection break-glass add|list|remove`: a connection's break-glass accounts (decision 037). Users
 * are found by Okta id or login in the connection's latest snapshot, so back it up first.
 */
export function registerBreakGlass(connection: Command) {
  const bg = connection
    .command('break-glass')
    .description(
      "a connection's break-glass accounts: left out of MFA and session coverage, judged by OKTA-BREAKGLASS-* rules",
    );
  bg.command('add')
    .description('declare an Okta user (id or login, from the latest snapshot) a break-glass account')
    .argument('<connection-id>', 'connection id')
    .argument('<user>', 'Okta user id (00u…) or login')
    .option('--json', 'print one JSON document')
    .action((connectionId: string, user: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findConnectionTenant(deps, connectionId);
        const a = await addBreakGlassAccount(deps, tenantId, { connectionId, user });
        emit(
          { json: !!opts.json },
          a,
          () => [`declared ${a.login ?? a.oktaUserId} a break-glass account; the next scan judges it`],
          a.oktaUserId,
        );
      }),
    );
  bg.command('list')
    .description("a connection's break-glass accounts")
    .argument('<connection-id>', 'connection id')
    .option('--json', 'print one JSON document')
    .action((connectionId: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findConnectionTenant(deps, connectionId);
        const list = await listBreakGlassAccounts(deps, tenantId, { connectionId });
        emit({ json: !!opts.json }, list, () => (list.length ? list.map(shown) : ['no break-glass accounts declared']));
      }),
    );
  bg.command('remove')
    .description('withdraw a break-glass declaration (Okta user id or login)')
    .argument('<connection-id>', 'connection id')
    .argument('<user>', 'Okta user id (00u…) or login')
    .option('--json', 'print one JSON document')
    .action((connectionId: string, user: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findConnectionTenant(deps, connectionId);
        const a = await removeBreakGlassAccount(deps, tenantId, { connectionId, user });
        emit({ json: !!opts.json }, a, () => [`${a.login ?? a.oktaUserId} is no longer a break-glass account`]);
      }),
    );
}
