/** @butterfly/domain/schedules: the schedules area's use-cases and types, for the apps, API and jobs. */
export { setBackupSchedule, ZSetBackupScheduleInput } from './set-backup-schedule.ts';
export { enqueueDueBackups } from './enqueue-due-backups.ts';
export { backupJobKey } from '../snapshots/current-backup.ts';
export { retainedSnapshots, nextRun, cronFor, checkCron, type Retention } from './schedules.fns.ts';
export { getBackupSchedule, DEFAULT_RETENTION } from './get-backup-schedule.ts';
