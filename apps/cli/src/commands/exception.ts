import type { Command } from 'commander';
import { findConnectionTenant } from '@butterfly/domain/connections';
import {
  type ExceptionView,
  findExceptionTenant,
  listExceptions,
  requestException,
  revokeException,
} from '@butterfly/domain/exceptions';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const scopeOf = (e: ExceptionView) => (e.scope ? `${e.scope.objectType} ${e.scope.objectId}` : 'whole rule');
const shown = (e: ExceptionView) =>
  `${e.id}  ${e.status.padEnd(9)}  ${e.ruleId}  ${scopeOf(e)}  until ${e.expiresAt}  asked by ${e.requestedBy}${e.approvedBy ? `, approved by ${e.approvedBy}` : ''}`;

/** `--expires`: an ISO date-time, or a duration from now in days (`30d`) or hours (`12h`). */
export function parseExpiry(value: string, now: Date): string {
  const m = /^(\d{1,4})([dh])$/.exec(value.trim());
  if (!m) return value;
  return new Date(now.getTime() + Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
}

/**
 * `exception add|list|revoke`: compliance exceptions (decision 038). The CLI asks for and withdraws
 * them; approval by a second member stays in the dashboard and the API.
 */
export function registerException(group: Command) {
  group
    .command('add')
    .description('ask for a finding to be accepted until an expiry (a member approves it in the dashboard)')
    .argument('<connection-id>', 'connection id')
    .argument('<rule-id>', 'rule id, e.g. OKTA-APP-000560')
    .requiredOption('--rationale <text>', 'why the risk is accepted')
    .requiredOption('--expires <when>', 'ISO date-time, or from now: 30d, 12h (at most a year)')
    .option('--object-type <type>', 'accept the finding for one object only: its type as the evidence names it')
    .option('--object-id <id>', 'the object id (with --object-type)')
    .option('--json', 'print one JSON document')
    .action(
      (
        connectionId: string,
        ruleId: string,
        opts: { rationale: string; expires: string; objectType?: string; objectId?: string; json?: boolean },
      ) =>
        withRuntime(async ({ deps }) => {
          const tenantId = await findConnectionTenant(deps, connectionId);
          const e = await requestException(deps, tenantId, {
            connectionId,
            ruleId,
            rationale: opts.rationale,
            expiresAt: parseExpiry(opts.expires, deps.clock()),
            ...(opts.objectType ? { objectType: opts.objectType } : {}),
            ...(opts.objectId ? { objectId: opts.objectId } : {}),
          });
          emit(
            { json: !!opts.json },
            e,
            () => [
              `requested an exception for ${e.ruleId} (${scopeOf(e)}) until ${e.expiresAt}; a member approves it in the dashboard`,
            ],
            e.id,
          );
        }),
    );
  group
    .command('list')
    .description("a connection's exceptions, newest first")
    .argument('<connection-id>', 'connection id')
    .option('--status <status>', 'requested, active, rejected, revoked or expired')
    .option('--json', 'print one JSON document')
    .action(
      (
        connectionId: string,
        opts: { status?: 'requested' | 'active' | 'rejected' | 'revoked' | 'expired'; json?: boolean },
      ) =>
        withRuntime(async ({ deps }) => {
          const tenantId = await findConnectionTenant(deps, connectionId);
          const list = await listExceptions(deps, tenantId, {
            connectionId,
            ...(opts.status ? { status: opts.status } : {}),
          });
          emit({ json: !!opts.json }, list, () => (list.length ? list.map(shown) : ['no exceptions']));
        }),
    );
  group
    .command('revoke')
    .description('withdraw a requested or active exception: its findings count as open from the next scan')
    .argument('<exception-id>', 'exception id')
    .option('--reason <text>', 'why')
    .option('--json', 'print one JSON document')
    .action((id: string, opts: { reason?: string; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findExceptionTenant(deps, id);
        const e = await revokeException(deps, tenantId, { id, ...(opts.reason ? { reason: opts.reason } : {}) });
        emit({ json: !!opts.json }, e, () => [`revoked the exception for ${e.ruleId} (${scopeOf(e)})`]);
      }),
    );
}
