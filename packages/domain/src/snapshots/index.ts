/** @butterfly/domain/snapshots: the snapshots area's use-cases and types, for the apps, API and jobs. */
export { runBackup, type TRunBackupInput } from './run-backup.ts';
export type { BackupChanges, BackupStats, CompletedBackup } from './completed-backup.ts';
export { beginBackup } from './begin-backup.ts';
export { failAbandonedBackups } from './fail-abandoned-backups.ts';
export { listSnapshots } from './list-snapshots.ts';
export { getSnapshotRow } from './get-snapshot.ts';
export { readSnapshot, type SnapshotObject } from './read-snapshot.ts';
export { objectHistory } from './object-history.ts';
export { requestBackup } from './request-backup.ts';
export { pruneSnapshots } from './prune-snapshots.ts';
export { toSnapshotView, type SnapshotView } from './snapshot-view.fns.ts';
export { contentAddress, stripLinks } from '../bodies/object-codec.fns.ts';
export type { BackupProgress } from './snapshots.fns.ts';
export { findSnapshotTenant } from './find-snapshot-tenant.ts';
export { getBackupProgress } from './get-backup-progress.ts';
export { getSnapshot } from './get-snapshot-view.ts';
export {
  listSnapshotObjects,
  ZListSnapshotObjectsInput,
  type TListSnapshotObjectsInput,
} from './list-snapshot-objects.ts';
export { getSnapshotObject, ZGetSnapshotObjectInput } from './get-snapshot-object.ts';
export { getObjectHistory, ZObjectHistoryInput } from './get-object-history.ts';
export {
  getEffectiveSettings,
  ZGetEffectiveSettingsInput,
  type EffectiveEntityView,
  type EffectiveSettingView,
} from './get-effective-settings.ts';
export { MASK, isRedactionMarker, redactChange, redactSecrets } from './redact.fns.ts';
export { objectLabel } from './object-label.fns.ts';
export { fingerprintOf, withoutVolatile, ALWAYS_VOLATILE } from './objects.fns.ts';
