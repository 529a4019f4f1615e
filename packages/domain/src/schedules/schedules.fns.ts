import { Cron } from 'croner';

export type Frequency = 'hourly' | 'daily' | 'weekly' | 'cron';

/** The cron expression a frequency stands for (minute 7, 02:07 UTC, Sundays 02:07: off the hour, like people avoid). */
export function cronFor(frequency: Frequency, cron?: string): string {
  switch (frequency) {
    case 'hourly':
      return '7 * * * *';
    case 'daily':
      return '7 2 * * *';
    case 'weekly':
      return '7 2 * * 0';
    default:
      if (!cron) throw new Error('a cron expression is required');
      return cron;
  }
}

/** Validates a 5-field cron expression and refuses schedules more frequent than every 15 minutes. */
export function checkCron(expr: string, timezone = 'UTC'): string | undefined {
  if (expr.trim().split(/\s+/).length !== 5) return 'must have 5 fields (minute hour day month weekday)';
  try {
    const runs = new Cron(expr, { timezone }).nextRuns(3, new Date('2026-01-01T00:00:00Z'));
    if (runs.length < 2) return 'never runs';
    for (let i = 1; i < runs.length; i++)
      if (runs[i]!.getTime() - runs[i - 1]!.getTime() < 15 * 60_000) return 'runs more often than every 15 minutes';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function nextRun(expr: string, timezone: string, after: Date): Date {
  const next = new Cron(expr, { timezone }).nextRun(after);
  if (!next) throw new Error(`${expr} has no next run`);
  return next;
}

// Retention is the snapshots' own rule (snapshots/retention.fns.ts, used by pruning); named here too
// for the schedule's callers.
export { type Retention, retainedSnapshots } from '../snapshots/retention.fns.ts';
