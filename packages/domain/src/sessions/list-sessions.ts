import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/**
 * A member's live sessions. Members see their own; operators (CLI) anyone's. Never the token hash.
 */
export async function listSessions(deps: Deps, input: { tenantId: string; memberId: string }) {
  const { actor } = deps;
  const own = actor.kind === 'member' && actor.tenantId === input.tenantId && actor.memberId === input.memberId;
  if (!own && actor.kind !== 'operator') throw new DomainError('NOT_FOUND', 'No such member');
  const rows = await deps.db
    .selectFrom('sessions')
    .select(['id', 'auth_method', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at', 'idle_expires_at'])
    .where('tenant_id', '=', input.tenantId)
    .where('member_id', '=', input.memberId)
    .where('expires_at', '>', deps.clock())
    .where('idle_expires_at', '>', deps.clock())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authMethod: r.auth_method,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: new Date(Math.min(r.idle_expires_at.getTime(), r.expires_at.getTime())).toISOString(),
  }));
}
