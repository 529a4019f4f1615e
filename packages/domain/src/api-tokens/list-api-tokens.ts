import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { toApiTokenView } from './api-tokens.fns.ts';

/** A member's own API tokens (operators: anyone's), newest first; expired ones are listed as such. */
export async function listApiTokens(deps: Deps, tenantId: string, input: { memberId?: string } = {}) {
  await authorize(deps, tenantId, 'token.own');
  const { actor } = deps;
  const memberId = actor.kind === 'member' ? actor.memberId : input.memberId;
  if (actor.kind === 'member' && input.memberId !== undefined && input.memberId !== actor.memberId)
    throw new DomainError('NOT_FOUND', 'No such member');
  let q = deps.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'role', 'created_at', 'expires_at', 'last_used_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .orderBy('id');
  if (memberId !== undefined) q = q.where('member_id', '=', memberId);
  const now = deps.clock();
  return (await q.execute()).map((r) => toApiTokenView(r, now));
}
