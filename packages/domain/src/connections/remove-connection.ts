import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { ZConnectionId } from './connections.fns.ts';
import { findConnectionRow } from './get-connection.ts';

/** Removes a connection and its sealed credential (its snapshots, once they exist, decide their own retention). */
export async function removeConnection(deps: Deps, tenantId: string, raw: { connectionId: string }) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'connection.manage');
  return inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, connectionId);
    await trx.deleteFrom('connections').where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
    await appendAuditEvent({ ...deps, db: trx }, {
      tenantId,
      action: 'connection.removed',
      target: { type: 'connection', id: row.id },
      data: { name: row.name, orgUrl: row.org_url },
    });
    return { id: row.id, removed: true as const };
  });
}
