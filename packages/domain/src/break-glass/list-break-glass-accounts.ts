import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { ZConnectionId } from '../connections/connections.fns.ts';
import { toBreakGlassView } from './break-glass.fns.ts';

/** The break-glass accounts declared on a connection, by login. Anyone who can see compliance results may list them. */
export async function listBreakGlassAccounts(deps: Deps, tenantId: string, raw: { connectionId: string }) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'compliance.read');
  const connection = await findConnectionRow(deps.db, tenantId, connectionId);
  const rows = await deps.db
    .selectFrom('break_glass_accounts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connection.id)
    .orderBy('login')
    .orderBy('okta_user_id')
    .execute();
  return rows.map(toBreakGlassView);
}
