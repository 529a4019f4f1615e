import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { DB, Transaction } from '@butterfly/db';
import type { Deps } from '../deps.ts';

/**
 * The credential worked again (a backup or a directory sync completed, or a connection test found every scope): the
 * connection no longer needs attention. Audited only when it did; run in the caller's transaction.
 */
export async function clearNeedsAttention(
  deps: Deps & { db: Transaction<DB> },
  input: { tenantId: string; connectionId: string; via: 'backup' | 'test' | 'directory_sync' },
) {
  const cleared = await deps.db
    .updateTable('connections')
    .set({ status: 'ok', status_reason: null, status_changed_at: deps.clock() })
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', input.connectionId)
    .where('status', '=', 'needs_attention')
    .returning('id')
    .executeTakeFirst();
  if (!cleared) return false;
  await appendAuditEvent(deps, {
    tenantId: input.tenantId,
    action: 'connection.attention_cleared',
    target: { type: 'connection', id: cleared.id },
    data: { via: input.via },
  });
  return true;
}
