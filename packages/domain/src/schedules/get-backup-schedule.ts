import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { findConnectionRow } from '../connections/get-connection.ts';

/** The defaults a connection without a schedule is offered (and what ZSetBackupScheduleInput assumes). */
export const DEFAULT_RETENTION = { hourly: 24, daily: 30, weekly: 12, monthly: 24 } as const;

/** A connection's backup schedule and retention, or null when it has none (backups run only on demand). */
export async function getBackupSchedule(deps: Deps, tenantId: string, input: { connectionId: string }) {
  await authorize(deps, tenantId, 'dashboard.view');
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  const s = await deps.db
    .selectFrom('backup_schedules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connection.id)
    .executeTakeFirst();
  if (!s) return { connectionId: connection.id, schedule: null };
  return {
    connectionId: connection.id,
    schedule: {
      enabled: s.enabled,
      frequency: s.frequency as 'hourly' | 'daily' | 'weekly' | 'cron',
      cron: s.cron,
      timezone: s.timezone,
      retention: { hourly: s.keep_hourly, daily: s.keep_daily, weekly: s.keep_weekly, monthly: s.keep_monthly },
      nextRunAt: s.enabled ? s.next_run_at.toISOString() : null,
      updatedAt: s.updated_at.toISOString(),
    },
  };
}
