import { isUuid } from '../db.fns.ts';
import type { Db, Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { getFreshness } from './connection-freshness.ts';
import { toConnectionView, VIEW_COLUMNS, ZConnectionId } from './connections.fns.ts';

export async function getConnection(deps: Deps, tenantId: string, raw: { connectionId: string }) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'dashboard.view');
  const view = toConnectionView(await findConnectionRow(deps.db, tenantId, connectionId));
  // Decision 048: event-driven freshness and the recovery point ("protected up to 40 s ago").
  return { ...view, freshness: await getFreshness(deps.db, tenantId, view.id) };
}

/** The row of one of the tenant's connections; another tenant's (or a malformed id) is NOT_FOUND. */
export async function findConnectionRow(db: Db, tenantId: string, connectionId: string) {
  const row = isUuid(connectionId)
    ? await db
        .selectFrom('connections')
        .select(VIEW_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', connectionId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'No such connection');
  return row;
}
