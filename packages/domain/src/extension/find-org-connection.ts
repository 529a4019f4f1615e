import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';

/**
 * The tenant's connection that backs up the Okta org the extension is looking at, by its org URL
 * (normalised by ZOrgUrl on both sides). Several connections may name one org: the one backed up
 * most recently answers. None is NOT_FOUND, phrased for the admin who sees it in the panel.
 */
export async function findOrgConnection(db: Db, tenantId: string, orgUrl: string) {
  const row = await db
    .selectFrom('connections as c')
    .select(['c.id', 'c.name', 'c.org_url'])
    .select((eb) =>
      eb
        .selectFrom('snapshots as s')
        .select((e) => e.fn.max('s.completed_at').as('at'))
        .whereRef('s.connection_id', '=', 'c.id')
        .where('s.status', '=', 'complete')
        .where('s.kind', '=', 'full')
        .as('last_backup_at'),
    )
    .where('c.tenant_id', '=', tenantId)
    .where('c.org_url', '=', orgUrl)
    .orderBy('last_backup_at', (o) => o.desc().nullsLast())
    .orderBy('c.name')
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No connection in Butterfly backs up ${orgUrl}`);
  return row;
}
