import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { assertNotDeleted, toConnectionView, VIEW_COLUMNS, ZConnectionId } from './connections.fns.ts';
import { findConnectionRow } from './get-connection.ts';

/** Resumes backups of a paused connection: the schedule's next run backs it up again. */
export async function resumeConnection(deps: Deps, tenantId: string, raw: { connectionId: string }) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'connection.manage');
  return inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, connectionId);
    assertNotDeleted(row);
    if (!row.paused_at) return toConnectionView(row);
    const updated = await trx
      .updateTable('connections')
      .set({ paused_at: null, paused_by: null, pause_reason: null, updated_at: deps.clock() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .returning(VIEW_COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'connection.resumed',
        target: { type: 'connection', id: row.id },
        data: { pausedSince: row.paused_at.toISOString() },
      },
    );
    return toConnectionView(updated);
  });
}
