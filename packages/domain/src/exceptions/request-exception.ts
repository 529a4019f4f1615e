import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { startedByLabel } from '../audit/started-by.fns.ts';
import { parseInput } from '../validation.fns.ts';
import {
  type TRequestException,
  ZRequestException,
  actorMemberId,
  checkExpiry,
  toExceptionView,
} from './exceptions.fns.ts';

/**
 * Asks for a finding to be accepted (decision 038): one rule on one connection, for one object or the
 * whole rule, until an expiry at most a year ahead. Needs `compliance.run`; audited. It does nothing
 * until a different member approves it. One open (requested or active) exception per scope.
 */
export async function requestException(deps: Deps, tenantId: string, raw: TRequestException) {
  const input = parseInput(ZRequestException, raw);
  await authorize(deps, tenantId, 'compliance.run');
  const now = deps.clock();
  checkExpiry(input.expiresAt, now);
  return inTransaction(deps.db, async (trx) => {
    const connection = await findConnectionRow(trx, tenantId, input.connectionId);
    let open = trx
      .selectFrom('compliance_exceptions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('connection_id', '=', connection.id)
      .where('rule_id', '=', input.ruleId)
      .where('status', 'in', ['requested', 'active'])
      .where('expires_at', '>', now);
    open = input.objectType
      ? open.where('object_type', '=', input.objectType).where('object_id', '=', input.objectId ?? '')
      : open.where('object_type', 'is', null);
    if (await open.executeTakeFirst())
      throw new DomainError('CONFLICT', 'An exception for this rule and scope is already requested or active');
    const row = await trx
      .insertInto('compliance_exceptions')
      .values({
        tenant_id: tenantId,
        connection_id: connection.id,
        rule_id: input.ruleId,
        object_type: input.objectType ?? null,
        object_id: input.objectId ?? null,
        rationale: input.rationale,
        expires_at: input.expiresAt,
        status: 'requested',
        requested_by: startedByLabel(deps.actor),
        requested_by_member_id: actorMemberId(deps),
        requested_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'compliance.exception_requested',
        target: { type: 'compliance_exception', id: row.id },
        data: {
          connectionId: connection.id,
          ruleId: row.rule_id,
          objectType: row.object_type,
          objectId: row.object_id,
          expiresAt: row.expires_at.toISOString(),
          rationale: row.rationale,
        },
      },
    );
    return toExceptionView(row);
  });
}
