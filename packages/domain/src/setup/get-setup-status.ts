import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { latestScans } from '../scans/latest-scans.ts';

/**
 * The home page's checklist for a new tenant, from real data: an IdP connection, a complete backup,
 * an enabled backup schedule, SSO, an active SCIM token, and someone besides the first member; with
 * the last backup and the open findings (FAIL results of each connection's latest scan) once there
 * are some. Counts only, so every role that sees the dashboard may read it (dashboard.view).
 */
export async function getSetupStatus(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'dashboard.view');
  const { db } = deps;
  const count = (table: 'connections' | 'backup_schedules' | 'tenant_sso' | 'scim_tokens' | 'members') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId);
  const [connections, schedules, sso, scimTokens, members, lastBackup, scans] = await Promise.all([
    count('connections').executeTakeFirstOrThrow(),
    count('backup_schedules').where('enabled', '=', true).executeTakeFirstOrThrow(),
    count('tenant_sso').executeTakeFirstOrThrow(),
    count('scim_tokens').where('revoked_at', 'is', null).executeTakeFirstOrThrow(),
    count('members').where('active', '=', true).executeTakeFirstOrThrow(),
    db
      .selectFrom('snapshots as s')
      .innerJoin('connections as c', (j) =>
        j.onRef('c.id', '=', 's.connection_id').onRef('c.tenant_id', '=', 's.tenant_id'),
      )
      .select(['s.id', 's.completed_at', 'c.id as connection_id', 'c.name as connection_name'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.kind', '=', 'full')
      .where('s.status', '=', 'complete')
      .orderBy('s.completed_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    latestScans(db, tenantId),
  ]);
  const n = (row: { n: string | number | bigint }) => Number(row.n);
  const openFindings = scans.reduce((sum, s) => sum + Number((s.counts as { FAIL?: number }).FAIL ?? 0), 0);
  return {
    connections: n(connections),
    backedUp: !!lastBackup,
    schedules: n(schedules),
    sso: n(sso) > 0,
    scimTokens: n(scimTokens),
    members: n(members),
    lastBackup: lastBackup
      ? {
          snapshotId: lastBackup.id,
          completedAt: lastBackup.completed_at!.toISOString(),
          connectionId: lastBackup.connection_id,
          connectionName: lastBackup.connection_name,
        }
      : null,
    /** Null until a scan exists: "no findings" and "never scanned" are different answers. */
    openFindings: scans.length ? openFindings : null,
  };
}
export type SetupStatus = Awaited<ReturnType<typeof getSetupStatus>>;
