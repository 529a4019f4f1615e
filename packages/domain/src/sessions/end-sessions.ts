import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUuid } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/**
 * Signs the current member out of one session (`only`), or of every session but the current one
 * (`allExcept`: "sign out everywhere else").
 */
export async function endSessions(deps: Deps, input: { only: string } | { allExcept: string }) {
  const { actor } = deps;
  if (actor.kind !== 'member') throw new DomainError('FORBIDDEN', 'Only a signed-in member ends their own sessions');
  const id = 'only' in input ? input.only : input.allExcept;
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'No such session');
  return inTransaction(deps.db, async (trx) => {
    let q = trx.deleteFrom('sessions').where('tenant_id', '=', actor.tenantId).where('member_id', '=', actor.memberId);
    q = 'only' in input ? q.where('id', '=', input.only) : q.where('id', '!=', input.allExcept);
    const ended = Number((await q.executeTakeFirst()).numDeletedRows);
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: actor.tenantId,
        action: 'only' in input ? 'session.ended' : 'session.others_ended',
        target: { type: 'member', id: actor.memberId },
        data: { ended },
      },
    );
    return { ended };
  });
}
