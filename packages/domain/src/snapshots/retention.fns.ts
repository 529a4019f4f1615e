/** Which snapshots a backup schedule's retention keeps (prune-snapshots.ts); the schedule stores the counts. */
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
