import { at, str } from '../compliance/compliance.fns.ts';
import type { SnapshotObject } from '../compliance/types.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { openStoredSnapshot } from '../snapshots/stored-snapshot.ts';
import { startedByLabel } from '../audit/started-by.fns.ts';
import { parseInput } from '../validation.fns.ts';
import { type TBreakGlassInput, ZBreakGlassInput, toBreakGlassView } from './break-glass.fns.ts';
import { latestFullSnapshot } from '../connections/latest-full-snapshot.ts';

/** The user with this Okta id or login (case-insensitive) in the connection's latest complete full snapshot. */
async function findUser(
  deps: Deps,
  tenantId: string,
  connectionId: string,
  user: string,
): Promise<SnapshotObject | undefined> {
  const snap = await latestFullSnapshot(deps.db, tenantId, connectionId);
  if (!snap)
    throw new DomainError(
      'VALIDATION',
      'The connection has no complete backup yet: break-glass accounts are picked from its latest snapshot.',
      { fields: { connectionId: 'back up the connection first' } },
    );
  const snapshot = await openStoredSnapshot(deps, snap);
  if (!snapshot.has('user')) return undefined;
  const byId = await snapshot.get('user', user);
  if (byId) return byId;
  const wanted = user.toLowerCase();
  for await (const u of snapshot.objects('user')) if (loginOf(u)?.toLowerCase() === wanted) return u;
  return undefined;
}

/** An Okta user's login, or an Entra user's userPrincipalName (SCuBA base policies may exclude break-glass, decision 058). */
const loginOf = (u: SnapshotObject) => str(at(u.body, 'profile.login')) ?? str(at(u.body, 'userPrincipalName'));

/**
 * Declares an Okta user of the connection a break-glass account (decision 037), found by id or login
 * in its latest snapshot. Needs `connection.manage`; audited. Coverage rules then leave aside policy
 * rules that target only these accounts, and OKTA-BREAKGLASS-* judge the accounts on the next scan.
 */
export async function addBreakGlassAccount(deps: Deps, tenantId: string, raw: TBreakGlassInput) {
  const input = parseInput(ZBreakGlassInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  const user = await findUser(deps, tenantId, connection.id, input.user);
  if (!user)
    throw new DomainError('VALIDATION', `No Okta user "${input.user}" in the connection's latest snapshot`, {
      fields: { user: 'no user with this id or login in the latest snapshot' },
    });
  const login = loginOf(user) ?? null;
  const displayName =
    [str(at(user.body, 'profile.firstName')), str(at(user.body, 'profile.lastName'))].filter(Boolean).join(' ') ||
    (str(at(user.body, 'displayName')) ?? null);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('break_glass_accounts')
      .values({
        tenant_id: tenantId,
        connection_id: connection.id,
        okta_user_id: user.id,
        login,
        display_name: displayName,
        added_by: startedByLabel(deps.actor),
        added_at: deps.clock(),
      })
      .onConflict((oc) => oc.columns(['connection_id', 'okta_user_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new DomainError('CONFLICT', `${login ?? user.id} is already a break-glass account of this connection`);
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'connection.break_glass_added',
        target: { type: 'connection', id: connection.id },
        data: { oktaUserId: user.id, login },
      },
    );
    return toBreakGlassView(row);
  });
}
