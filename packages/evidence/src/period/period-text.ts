import type { PeriodRecord, PeriodRegression } from '@butterfly/domain/evidence';

/** "3 d 4 h", "2 h 5 min", "40 s": a time to fix as a person reads it. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '—';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return `${d} d${h ? ` ${h} h` : ''}`;
  if (h) return `${h} h${m ? ` ${m} min` : ''}`;
  if (m) return `${m} min`;
  return `${seconds} s`;
}

/** "alice@corp.example (policy.lifecycle.update, 2026-10-02T09:00:00.000Z)"; who changed it, or that nobody is named. */
export const actorsText = (actors: PeriodRegression['changes'][number]['actors']) =>
  actors.length ? actors.map((a) => `${a.actor} (${a.eventType}, ${a.at})`).join('; ') : 'no actor in the System Log';

/** The headline figures, in the order the report shows them. */
export function summaryRows(r: PeriodRecord): [string, string][] {
  const s = r.summary;
  return [
    ['Tenant', `${r.tenant.name} (${r.tenant.id})`],
    ['Connection', `${r.connection.name} (${r.connection.id})`],
    ['Okta org', r.orgUrl ?? '—'],
    ['Window (UTC)', `${r.window.from} to ${r.window.to}`],
    [
      'Baseline scan (before the window)',
      r.baseline ? `${r.baseline.scanId} of ${r.baseline.snapshotTakenAt}` : 'none',
    ],
    ['Scans in the window', `${s.scans}${s.firstScanAt ? `, snapshots from ${s.firstScanAt} to ${s.lastScanAt}` : ''}`],
    ['Regressions (pass → fail)', `${s.regressions}: ${s.fixed} fixed, ${s.open} open at the window's end`],
    [
      'Time to fix',
      `median ${durationText(s.medianTimeToFixSeconds)}, longest ${durationText(s.longestTimeToFixSeconds)}`,
    ],
    ['Changes to what rules read', `${s.changes}, ${s.changesWithActor} with an actor from the System Log`],
    ['Exceptions in force', String(s.exceptionsInForce)],
    ['Failing at the start', s.failingAtStart.join(', ') || 'none'],
    ['Failing at the end', s.failingAtEnd.join(', ') || 'none'],
  ];
}
