import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { DEFAULT_RETENTION } from './get-backup-schedule.ts';
import { checkCron, cronFor, nextRun } from './schedules.fns.ts';
import { assertNotDeleted } from '../connections/connections.fns.ts';
import { findConnectionRow } from '../connections/get-connection.ts';

const keep = z.number().int().min(0).max(1000);
export const ZSetBackupScheduleInput = z.object({
  connectionId: z.string(),
  enabled: z.boolean().default(true),
  frequency: z.enum(['hourly', 'daily', 'weekly', 'cron']),
  cron: z.string().optional(),
  timezone: z.string().default('UTC'),
  retention: z.object({ hourly: keep, daily: keep, weekly: keep, monthly: keep }).default(DEFAULT_RETENTION),
});
export type TSetBackupScheduleInput = z.input<typeof ZSetBackupScheduleInput>;

export async function setBackupSchedule(deps: Deps, tenantId: string, raw: TSetBackupScheduleInput) {
  const input = parseInput(ZSetBackupScheduleInput, raw);
  await authorize(deps, tenantId, 'schedule.manage');
  if (!Intl.supportedValuesOf('timeZone').includes(input.timezone) && input.timezone !== 'UTC') {
    throw new DomainError('VALIDATION', `timezone: unknown time zone ${input.timezone}`, {
      fields: { timezone: 'unknown time zone' },
    });
  }
  if (input.frequency === 'cron' && !input.cron)
    throw new DomainError('VALIDATION', 'cron: is required for a cron schedule', { fields: { cron: 'is required' } });
  const cron = cronFor(input.frequency, input.cron);
  const problem = checkCron(cron, input.timezone);
  if (problem) throw new DomainError('VALIDATION', `cron: ${problem}`, { fields: { cron: problem } });
  // A deleted connection (snapshots kept) is never backed up again: no schedule to set.
  assertNotDeleted(await findConnectionRow(deps.db, tenantId, input.connectionId));
  const values = {
    enabled: input.enabled,
    frequency: input.frequency,
    cron,
    timezone: input.timezone,
    keep_hourly: input.retention.hourly,
    keep_daily: input.retention.daily,
    keep_weekly: input.retention.weekly,
    keep_monthly: input.retention.monthly,
    next_run_at: nextRun(cron, input.timezone, deps.clock()),
    updated_at: deps.clock(),
  };
  return inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('backup_schedules')
      .values({ connection_id: input.connectionId, tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('connection_id').doUpdateSet(values))
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'schedule.changed',
        target: { type: 'connection', id: input.connectionId },
        data: { ...values, next_run_at: values.next_run_at.toISOString(), updated_at: undefined },
      },
    );
    return { ...input, cron, nextRunAt: values.next_run_at.toISOString() };
  });
}
