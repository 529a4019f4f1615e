import { sql } from '@butterfly/db';
import type { ReadinessInput } from '../compliance/types.ts';
import type { Db } from '../deps.ts';
import { scheduleIntervalMinutes } from './scans.fns.ts';

/**
 * Butterfly's own state for the readiness rules, as it was at `asOf` (the scanned snapshot's time,
 * so a later re-scan of the same snapshot judges the same facts): every connection of the tenant
 * with its schedule's interval and its last complete backup by then, and the last restore preview.
 */
export async function loadReadiness(db: Db, tenantId: string, asOf: Date): Promise<ReadinessInput> {
  const rows = await db
    .selectFrom('connections as c')
    .leftJoin('backup_schedules as s', 's.connection_id', 'c.id')
    .select(['c.id', 'c.name', 's.enabled', 's.cron', 's.timezone'])
    .select((eb) =>
      eb
        .selectFrom('snapshots as p')
        .select((e) => e.fn.max('p.completed_at').as('at'))
        .whereRef('p.connection_id', '=', 'c.id')
        .where('p.status', '=', 'complete')
        .where('p.kind', '=', 'full')
        .where('p.completed_at', '<=', asOf)
        .as('last_backup_at'),
    )
    .where('c.tenant_id', '=', tenantId)
    .orderBy('c.name')
    .execute();
  return {
    connections: rows.map((r) => ({
      id: r.id,
      name: r.name,
      schedule: r.enabled && r.cron ? { intervalMinutes: scheduleIntervalMinutes(r.cron, r.timezone ?? 'UTC', asOf) } : null,
      lastBackupAt: r.last_backup_at ? new Date(r.last_backup_at) : null,
    })),
    lastRestorePreviewAt: await lastRestorePreview(db, tenantId, asOf),
  };
}

/**
 * Restore previews are recorded by the restore feature's own table. Until that table exists the
 * answer is "not recorded" (undefined), which the readiness rule reports as MANUAL rather than FAIL.
 */
async function lastRestorePreview(db: Db, tenantId: string, asOf: Date): Promise<Date | null | undefined> {
  const { rows } = await sql<{ col: string }>`
    select column_name as col from information_schema.columns
    where table_schema = current_schema() and table_name = 'restore_previews' and column_name in ('completed_at', 'created_at', 'tenant_id')`.execute(db);
  const cols = new Set(rows.map((r) => r.col));
  const at = cols.has('completed_at') ? 'completed_at' : cols.has('created_at') ? 'created_at' : undefined;
  if (!at || !cols.has('tenant_id')) return undefined;
  const { rows: last } = await sql<{ at: Date | null }>`
    select max(${sql.ref(at)}) as at from restore_previews where tenant_id = ${tenantId} and ${sql.ref(at)} <= ${asOf}`.execute(db);
  return last[0]?.at ?? null;
}
