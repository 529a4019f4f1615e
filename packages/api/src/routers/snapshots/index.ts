import { router } from '../../trpc.ts';
import { appCredentialsProcedure } from './credentials.ts';
import { snapshotDiffProcedure } from './diff.ts';
import { effectiveSettingsProcedure } from './effective-settings.ts';
import { getSnapshotProcedure } from './get.ts';
import { objectHistoryProcedure } from './history.ts';
import { listSnapshotsProcedure } from './list.ts';
import { snapshotObjectProcedure } from './object.ts';
import { snapshotObjectsProcedure } from './objects.ts';

export const snapshotsRouter = router({
  list: listSnapshotsProcedure,
  get: getSnapshotProcedure,
  objects: snapshotObjectsProcedure,
  object: snapshotObjectProcedure,
  diff: snapshotDiffProcedure,
  history: objectHistoryProcedure,
  credentials: appCredentialsProcedure,
  effectiveSettings: effectiveSettingsProcedure,
});
