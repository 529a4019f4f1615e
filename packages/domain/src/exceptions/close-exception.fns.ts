import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { startedByLabel } from '../audit/started-by.fns.ts';
import { type ExceptionStatus, findExceptionRow, toExceptionView } from './exceptions.fns.ts';

/** Moves an exception from one of `from` to a closed status (rejected, revoked), audited; CONFLICT otherwise. */
export function closeException(
  deps: Deps,
  tenantId: string,
  input: { id: string; reason?: string },
  to: 'rejected' | 'revoked',
  from: readonly ExceptionStatus[],
) {
  return inTransaction(deps.db, async (trx) => {
    const row = await findExceptionRow(trx, tenantId, input.id);
    if (!from.includes(row.status as ExceptionStatus))
      throw new DomainError('CONFLICT', `The exception is ${row.status}: it cannot be ${to}`);
    const updated = await trx
      .updateTable('compliance_exceptions')
      .set({
        status: to,
        closed_by: startedByLabel(deps.actor),
        closed_at: deps.clock(),
        close_reason: input.reason || null,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new DomainError('CONFLICT', 'The exception changed meanwhile');
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: `compliance.exception_${to}`,
        target: { type: 'compliance_exception', id: row.id },
        data: {
          connectionId: row.connection_id,
          ruleId: row.rule_id,
          objectType: row.object_type,
          objectId: row.object_id,
          previousStatus: row.status,
          ...(input.reason ? { reason: input.reason } : {}),
        },
      },
    );
    return toExceptionView(updated);
  });
}
