import type { IdpRequestStats } from '../idp/types.ts';
import type { LogWindowStats } from './log-events.ts';
import type { ChangeFeedStats } from './change-feeds.ts';

/** What the IdP calls cost, how long the backup took, and what became of the System Log window. */
export type BackupStats = IdpRequestStats & {
  durationMs: number;
  childrenKeptUnread: number;
  logEvents?: LogWindowStats;
  /** Decision 060: the types read through the provider's change feed, and how. */
  changeFeed?: ChangeFeedStats;
};

/** Objects added, changed and removed since the last complete (full) snapshot. */
export interface BackupChanges {
  added: number;
  changed: number;
  removed: number;
}

/**
 * One snapshot that `runBackup` made visible (status complete), in the domain's terms: the raw
 * `snapshots` row stays in the snapshot-writing layer.
 */
export interface CompletedBackup {
  snapshotId: string;
  tenantId: string;
  connectionId: string;
  seq: number;
  trigger: string;
  startedAt: Date;
  completedAt: Date;
  /** Objects in the snapshot (kept ones included). */
  objectCount: number;
  /** Objects in the snapshot by type. */
  counts: Record<string, number>;
  changes: BackupChanges;
  stats: BackupStats;
  /** Rows the backup wrote (versions, entries, closed entries): the cost of a backup in the database. */
  rowsWritten: number;
  bytesWritten: number;
}
