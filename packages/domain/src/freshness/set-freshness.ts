import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { assertNotDeleted } from '../connections/connections.fns.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { pollJobKey } from './freshness.fns.ts';
import { getFreshness } from '../connections/connection-freshness.ts';
import { latestFullSnapshot } from '../connections/latest-full-snapshot.ts';

export const ZSetFreshnessInput = z.object({
  connectionId: z.string().trim().min(1).max(100),
  enabled: z.boolean(),
});

/** How far back a connection turned on reads the System Log at most (the last backup's start, if later). */
const CATCH_UP_MS = 24 * 3600 * 1000;

/**
 * Turns event-driven freshness on or off for a connection (decision 048), audited. Turned on, the
 * System Log is read from the start of the last full backup (at most a day back), so nothing
 * between that backup and now is missed, and the first poll is queued at once.
 */
export async function setFreshness(deps: Deps, tenantId: string, raw: z.input<typeof ZSetFreshnessInput>) {
  const input = parseInput(ZSetFreshnessInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  if (input.enabled && !deps.jobs) throw new DomainError('INTERNAL', 'No job queue wired');
  await inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, input.connectionId);
    assertNotDeleted(row);
    const now = deps.clock();
    const last = await latestFullSnapshot(trx, tenantId, row.id);
    const floor = new Date(now.getTime() - CATCH_UP_MS);
    const cursor = last && last.started_at > floor ? last.started_at : now;
    const existing = await trx
      .selectFrom('connection_freshness')
      .select(['enabled'])
      .where('tenant_id', '=', tenantId)
      .where('connection_id', '=', row.id)
      .forUpdate()
      .executeTakeFirst();
    if (existing?.enabled === input.enabled) return;
    const changed = { enabled: input.enabled, changed_at: now, changed_by: deps.actor.label };
    if (existing) {
      await trx
        .updateTable('connection_freshness')
        .set({ ...changed, ...(input.enabled ? { cursor_at: cursor, last_error: null } : {}) })
        .where('tenant_id', '=', tenantId)
        .where('connection_id', '=', row.id)
        .execute();
    } else {
      await trx
        .insertInto('connection_freshness')
        .values({ connection_id: row.id, tenant_id: tenantId, cursor_at: cursor, ...changed })
        .execute();
    }
    if (input.enabled)
      await deps.jobs!.enqueue(
        trx,
        'freshness.poll',
        { tenantId, connectionId: row.id, trigger: 'system_log' },
        { jobKey: pollJobKey(row.id) },
      );
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: input.enabled ? 'connection.freshness_enabled' : 'connection.freshness_disabled',
        target: { type: 'connection', id: row.id },
        data: { readsLogSince: input.enabled ? cursor.toISOString() : null },
      },
    );
  });
  return getFreshness(deps.db, tenantId, input.connectionId);
}
