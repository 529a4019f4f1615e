/** @butterfly/domain/backups: the one backup use-case (snapshot, alerts, scan, retention) for the job, the CLI and restore. */
export {
  backUpConnection,
  type BackupOutcome,
  type BackupScan,
  type TBackUpConnectionInput,
} from './back-up-connection.ts';
export type { BackupChanges, BackupStats, CompletedBackup } from '../snapshots/completed-backup.ts';
