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

export interface Retention {
  hourly: number;
  daily: number;
  weekly: number;
  monthly: number;
}

/**
 * Grandfather-father-son by count: the newest snapshot of each of the last N hours, days, ISO weeks
 * and months (UTC). The newest snapshot is always kept (incremental storage and restores rely on it),
 * and so is every snapshot taken within the hour before it: a backup taken right after another (a
 * "Back up now" after the scheduled run) never replaces it, so the change between them stays visible.
 */
/** Snapshots this close to the newest one are all kept, whatever the counts say. */
const RECENT_MS = 3_600_000;

export function retainedSnapshots<T extends { id: string; at: Date }>(snapshots: T[], keep: Retention): Set<string> {
  const sorted = [...snapshots].sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>();
  const newest = sorted[0];
  if (!newest) return kept;
  for (const s of sorted) if (newest.at.getTime() - s.at.getTime() < RECENT_MS) kept.add(s.id);
  const buckets: [keyof Retention, (d: Date) => string][] = [
    ['hourly', (d) => d.toISOString().slice(0, 13)],
    ['daily', (d) => d.toISOString().slice(0, 10)],
    ['weekly', isoWeek],
    ['monthly', (d) => d.toISOString().slice(0, 7)],
  ];
  for (const [kind, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const s of sorted) {
      if (seen.size >= keep[kind]) break;
      const b = bucketOf(s.at);
      if (seen.has(b)) continue;
      seen.add(b);
      kept.add(s.id);
    }
  }
  return kept;
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return `${t.getUTCFullYear()}-W${Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
}
