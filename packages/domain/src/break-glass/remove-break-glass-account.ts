import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { type TBreakGlassInput, ZBreakGlassInput, toBreakGlassView } from './break-glass.fns.ts';

/** Withdraws a break-glass declaration (by Okta user id or the login recorded with it). Needs `connection.manage`; audited. */
export async function removeBreakGlassAccount(deps: Deps, tenantId: string, raw: TBreakGlassInput) {
  const input = parseInput(ZBreakGlassInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  return inTransaction(deps.db, async (trx) => {
    const connection = await findConnectionRow(trx, tenantId, input.connectionId);
    const row = await trx
      .deleteFrom('break_glass_accounts')
      .where('tenant_id', '=', tenantId)
      .where('connection_id', '=', connection.id)
      .where((eb) =>
        eb.or([eb('okta_user_id', '=', input.user), eb(eb.fn('lower', ['login']), '=', input.user.toLowerCase())]),
      )
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `"${input.user}" is not a break-glass account of this connection`);
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'connection.break_glass_removed',
        target: { type: 'connection', id: connection.id },
        data: { oktaUserId: row.okta_user_id, login: row.login },
      },
    );
    return { ...toBreakGlassView(row), removed: true as const };
  });
}
