import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { assertNotDeleted, toConnectionView, VIEW_COLUMNS } from './connections.fns.ts';
import { findConnectionRow } from './get-connection.ts';

export const ZPauseConnectionInput = z.object({
  connectionId: z.string().trim().min(1).max(100),
  /** Why, for the others who see "Paused" (an Okta migration, a credential being rotated). */
  reason: z.string().trim().max(500).optional(),
});

/**
 * Pauses backups of a connection: the schedule tick skips it, "Back up now" is refused
 * (CONNECTION_PAUSED), and a backup already queued is skipped when it comes up. Snapshots, diffs,
 * scans and restores of what is stored are unaffected. Pausing a paused connection changes nothing.
 */
export async function pauseConnection(deps: Deps, tenantId: string, raw: z.input<typeof ZPauseConnectionInput>) {
  const input = parseInput(ZPauseConnectionInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  return inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, input.connectionId);
    assertNotDeleted(row);
    if (row.paused_at) return toConnectionView(row);
    const updated = await trx
      .updateTable('connections')
      .set({
        paused_at: deps.clock(),
        paused_by: deps.actor.label,
        pause_reason: input.reason || null,
        updated_at: deps.clock(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .returning(VIEW_COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'connection.paused',
        target: { type: 'connection', id: row.id },
        data: { reason: input.reason || null },
      },
    );
    return toConnectionView(updated);
  });
}
