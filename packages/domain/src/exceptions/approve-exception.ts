import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { startedByLabel } from '../audit/started-by.fns.ts';
import { parseInput } from '../validation.fns.ts';
import { ZExceptionId, findExceptionRow, toExceptionView } from './exceptions.fns.ts';

/** The permission a second member needs to approve or reject an exception (decision 038): the connection's owners. */
export const EXCEPTION_APPROVE_PERMISSION = 'connection.manage' as const;

/**
 * Approves a requested exception: from now until its expiry, scans annotate the findings it covers.
 * Needs `connection.manage` and a member (the CLI cannot approve) who is not the one who asked
 * (SELF_APPROVAL); an exception past its expiry cannot be approved (EXCEPTION_EXPIRED). Audited.
 */
export async function approveException(deps: Deps, tenantId: string, raw: { id: string }) {
  const { id } = parseInput(ZExceptionId, raw);
  await authorize(deps, tenantId, EXCEPTION_APPROVE_PERMISSION);
  const { actor } = deps;
  if (actor.kind !== 'member')
    throw new DomainError('FORBIDDEN', 'An exception is approved by a member, in the dashboard or the API');
  const now = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    const row = await findExceptionRow(trx, tenantId, id);
    if (row.requested_by_member_id === actor.memberId)
      throw new DomainError('SELF_APPROVAL', 'You asked for this exception: a different member approves it');
    if (row.status !== 'requested')
      throw new DomainError('CONFLICT', `The exception is ${row.status}, not awaiting approval`);
    if (row.expires_at.getTime() <= now.getTime())
      throw new DomainError('EXCEPTION_EXPIRED', 'The exception has passed its expiry; ask for a new one');
    const updated = await trx
      .updateTable('compliance_exceptions')
      .set({
        status: 'active',
        approved_by: startedByLabel(actor),
        approved_by_member_id: actor.memberId,
        approved_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .where('status', '=', 'requested')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new DomainError('CONFLICT', 'The exception changed meanwhile');
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'compliance.exception_approved',
        target: { type: 'compliance_exception', id: row.id },
        data: {
          connectionId: row.connection_id,
          ruleId: row.rule_id,
          objectType: row.object_type,
          objectId: row.object_id,
          expiresAt: row.expires_at.toISOString(),
          requestedBy: row.requested_by,
        },
      },
    );
    return toExceptionView(updated);
  });
}
