import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { collectUnreferencedBodies } from '../bodies/collect-unreferenced.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { confirmationMatches } from './connections.fns.ts';
import { findConnectionRow } from './get-connection.ts';

export const ZRemoveConnectionInput = z.object({
  connectionId: z.string().trim().min(1).max(100),
  /** The connection's name, typed by whoever deletes it (like a restore's apply). */
  confirmName: z.string().max(500).default(''),
  /**
   * true: the connection is kept without credentials, read-only, with its snapshots, scans and
   * evidence (browsable and verifiable); false: everything of it is deleted. No default: the admin
   * chooses. A connection deleted with its snapshots kept can later be deleted with them.
   */
  keepSnapshots: z.boolean({ message: 'choose whether to keep its snapshots' }),
});
export type TRemoveConnectionInput = z.input<typeof ZRemoveConnectionInput>;

/**
 * Deletes a connection (docs/decisions/030-connection-lifecycle.md). Its credentials, write
 * credential and schedule go in every case; with `keepSnapshots` the row stays as a read-only
 * record so the snapshots and evidence that reference it stay intact, and its name is free again.
 * A name that does not match is refused (CONFIRMATION_MISMATCH), audited, and changes nothing.
 */
export async function removeConnection(deps: Deps, tenantId: string, raw: TRemoveConnectionInput) {
  const input = parseInput(ZRemoveConnectionInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  const outcome = await inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, input.connectionId);
    const target = { type: 'connection', id: row.id };
    if (!confirmationMatches(input.confirmName, row.name)) {
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'connection.remove_refused',
          outcome: 'failure',
          target,
          data: { reason: 'confirmation_mismatch' },
        },
      );
      return new DomainError(
        'CONFIRMATION_MISMATCH',
        input.confirmName.trim()
          ? `The name typed does not match the connection's name ("${row.name}"): nothing was deleted`
          : `Type the connection's name ("${row.name}") to delete it`,
      );
    }
    if (row.deleted_at && input.keepSnapshots)
      throw new DomainError(
        'CONNECTION_DELETED',
        `The connection ${row.name} is already deleted with its snapshots kept`,
      );
    const snapshots = (
      await trx
        .selectFrom('snapshots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('connection_id', '=', row.id)
        .executeTakeFirstOrThrow()
    ).n;
    if (input.keepSnapshots) {
      await trx.deleteFrom('backup_schedules').where('connection_id', '=', row.id).execute();
      await trx
        .updateTable('connections')
        .set({
          deleted_at: deps.clock(),
          deleted_by: deps.actor.label,
          credentials_sealed: null,
          write_auth_kind: null,
          write_client_id: null,
          write_key_id: null,
          write_credentials_sealed: null,
          write_updated_at: null,
          paused_at: null,
          paused_by: null,
          pause_reason: null,
          updated_at: deps.clock(),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', row.id)
        .execute();
    } else {
      // Snapshots, scans, plans and schedules go with it (their foreign keys cascade).
      await trx.deleteFrom('connections').where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
    }
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'connection.removed',
        target,
        data: { name: row.name, orgUrl: row.org_url, keepSnapshots: input.keepSnapshots, snapshots: Number(snapshots) },
      },
    );
    return { id: row.id, removed: true as const, keptSnapshots: input.keepSnapshots };
  });
  // The refusal's audit event is committed; then the caller hears why.
  if (outcome instanceof DomainError) throw outcome;
  // Its snapshots' entries went with it: the versions only they named go too, bodies included.
  if (!outcome.keptSnapshots) await collectUnreferencedBodies(deps, tenantId);
  return outcome;
}
