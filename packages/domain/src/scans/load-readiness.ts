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
      schedule:
        r.enabled && r.cron ? { intervalMinutes: scheduleIntervalMinutes(r.cron, r.timezone ?? 'UTC', asOf) } : null,
      lastBackupAt: r.last_backup_at ? new Date(r.last_backup_at) : null,
    })),
    lastRestorePreviewAt: await lastRestorePreview(db, tenantId, asOf),
  };
}

/**
 * The last restore preview computed by `asOf` (a restore plan that reached `computed_at`, whatever
 * happened to it after: restores/last-restore-preview.ts reads the same). Read by name, so an
 * installation without restore plans yet answers "not recorded" (undefined), which the readiness rule
 * reports as MANUAL rather than FAIL.
 */
async function lastRestorePreview(db: Db, tenantId: string, asOf: Date): Promise<Date | null | undefined> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = 'restore_plans' and column_name in ('computed_at', 'tenant_id')`.execute(
    db,
  );
  if (rows[0]?.n !== 2) return undefined;
  const { rows: last } = await sql<{ at: Date | null }>`
    select max(computed_at) as at from restore_plans where tenant_id = ${tenantId} and computed_at <= ${asOf}`.execute(
    db,
  );
  return last[0]?.at ?? null;
}
