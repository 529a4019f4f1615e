import { evValue, fail, manual, notApplicable, pass } from '../compliance.fns.ts';
import type { ComplianceRule, ComplianceSnapshot, ReadinessInput, RuleContext } from '../types.ts';
import { beyondStig } from './frameworks.ts';

const MINUTE_MS = 60_000;
/** A backup may run late by this much (queue, rate limits) before it counts as missed. */
export const BACKUP_GRACE_MINUTES = 60;
export const RESTORE_PREVIEW_MAX_DAYS = 90;

const NO_INPUT = "Butterfly's readiness data was not supplied to this scan.";
const asOf = (s: ComplianceSnapshot, r: ReadinessInput) => (r.asOf ?? s.takenAt).getTime();
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const readinessRules: ComplianceRule[] = [
  {
    id: 'BUTTERFLY-BACKUP-FRESHNESS',
    title: 'Every connection is backed up within its schedule',
    severity: 'CAT II',
    frameworks: beyondStig(['CC7.1', 'CC7.5'], ['A.8.9', 'A.8.13']),
    reads: [{ type: 'readiness', fields: ['connections[].schedule.intervalMinutes', 'connections[].lastBackupAt'] }],
    check: `Each scheduled connection: last backup no older than its interval + ${BACKUP_GRACE_MINUTES} minutes`,
    evaluate(s, { readiness }: RuleContext) {
      if (!readiness) return manual(NO_INPUT);
      const now = asOf(s, readiness);
      const scheduled = readiness.connections.filter((c) => c.schedule);
      const evidence = readiness.connections.flatMap((c) => [
        evValue('readiness', c.id, 'schedule.intervalMinutes', c.schedule?.intervalMinutes ?? null),
        evValue('readiness', c.id, 'lastBackupAt', iso(c.lastBackupAt)),
      ]);
      if (scheduled.length === 0) return notApplicable('No connection has a backup schedule.', evidence);
      const late = scheduled.filter(
        (c) =>
          !c.lastBackupAt ||
          now - c.lastBackupAt.getTime() > (c.schedule!.intervalMinutes + BACKUP_GRACE_MINUTES) * MINUTE_MS,
      );
      if (late.length)
        return fail(
          `Connections not backed up within their schedule: ${late.map((c) => `"${c.name ?? c.id}"`).join(', ')}.`,
          evidence,
        );
      return pass(`Every scheduled connection (${scheduled.length}) was backed up within its schedule.`, evidence);
    },
  },
  {
    id: 'BUTTERFLY-RESTORE-READINESS',
    title: `A restore preview ran in the last ${RESTORE_PREVIEW_MAX_DAYS} days`,
    severity: 'CAT II',
    frameworks: beyondStig(['CC7.5'], ['A.8.13']),
    reads: [{ type: 'readiness', fields: ['lastRestorePreviewAt'] }],
    check: `Last restore preview no older than ${RESTORE_PREVIEW_MAX_DAYS} days`,
    evaluate(s, { readiness }: RuleContext) {
      if (!readiness) return manual(NO_INPUT);
      if (readiness.lastRestorePreviewAt === undefined) {
        return manual(
          'This Butterfly does not record restore previews yet: confirm by hand that a restore was rehearsed in the last 90 days.',
        );
      }
      const last = readiness.lastRestorePreviewAt;
      const evidence = [evValue('readiness', 'restore_preview', 'lastRestorePreviewAt', iso(last))];
      if (!last)
        return fail('No restore preview has ever been run: nobody has checked that a restore would work.', evidence);
      const days = Math.floor((asOf(s, readiness) - last.getTime()) / (1440 * MINUTE_MS));
      if (days <= RESTORE_PREVIEW_MAX_DAYS) return pass(`The last restore preview ran ${days} days ago.`, evidence);
      return fail(`The last restore preview ran ${days} days ago (more than ${RESTORE_PREVIEW_MAX_DAYS}).`, evidence);
    },
  },
];
