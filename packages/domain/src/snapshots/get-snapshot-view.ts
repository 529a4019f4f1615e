import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { toSnapshotView } from './snapshot-view.fns.ts';

/** One snapshot as lists show it (any status), for the dashboard and API. */
export async function getSnapshot(deps: Deps, tenantId: string, input: { snapshotId: string }) {
  await authorize(deps, tenantId, 'dashboard.view');
  return toSnapshotView(await getSnapshotRow(deps.db, tenantId, input.snapshotId));
}
