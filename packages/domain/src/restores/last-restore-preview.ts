import type { Db, Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';

export interface LastRestorePreview {
  connectionId: string;
  planId: string;
  snapshotId: string;
  computedAt: Date;
  /** Steps the preview found (what a restore from that snapshot would change then). */
  steps: number;
}

/**
 * "Restore readiness": when each connection last had a preview computed successfully (a plan that
 * reached `ready`, whatever happened to it after). Compliance's readiness rule reads it too.
 */
export async function lastRestorePreviews(deps: Deps, tenantId: string): Promise<Map<string, LastRestorePreview>> {
  await authorize(deps, tenantId, 'dashboard.view');
  return latest(deps.db, tenantId);
}

/** The last successful preview of one connection, or null if it never had one. */
export async function lastRestorePreview(
  deps: Deps,
  tenantId: string,
  connectionId: string,
): Promise<LastRestorePreview | null> {
  await authorize(deps, tenantId, 'dashboard.view');
  return (await latest(deps.db, tenantId, connectionId)).get(connectionId) ?? null;
}

async function latest(db: Db, tenantId: string, connectionId?: string) {
  let q = db
    .selectFrom('restore_plans')
    .select(['connection_id', 'id', 'snapshot_id', 'computed_at', 'summary'])
    .distinctOn('connection_id')
    .where('tenant_id', '=', tenantId)
    .where('computed_at', 'is not', null)
    .orderBy('connection_id')
    .orderBy('computed_at', 'desc');
  if (connectionId) q = q.where('connection_id', '=', connectionId);
  const rows = await q.execute();
  const stepsOf = (summary: unknown) => Number((summary as { steps?: number } | null)?.steps ?? 0);
  return new Map(
    rows.map((r) => [
      r.connection_id,
      {
        connectionId: r.connection_id,
        planId: r.id,
        snapshotId: r.snapshot_id,
        computedAt: r.computed_at!,
        steps: stepsOf(r.summary),
      },
    ]),
  );
}
