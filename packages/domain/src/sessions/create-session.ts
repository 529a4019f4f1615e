import type { DB, Transaction } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { generateSecret } from '../credentials/tokens.fns.ts';
import type { Deps } from '../deps.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_PREFIX } from './sessions.fns.ts';

export interface TCreateSessionInput {
  tenantId: string;
  memberId: string;
  authMethod: 'sso' | 'recovery';
  idpSessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Starts a session: a fresh random id (so sign-in always rotates it), of which only the hash is
 * stored. The raw value goes into the signed cookie and nowhere else.
 */
export async function createSession(deps: Deps & { db: Transaction<DB> }, input: TCreateSessionInput) {
  const now = deps.clock();
  const { raw, hash } = generateSecret(SESSION_PREFIX);
  const row = await deps.db
    .insertInto('sessions')
    .values({
      tenant_id: input.tenantId,
      member_id: input.memberId,
      token_hash: hash,
      auth_method: input.authMethod,
      idp_session_id: input.idpSessionId ?? null,
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
      created_at: now,
      last_seen_at: now,
      idle_expires_at: new Date(now.getTime() + SESSION_IDLE_MS),
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  await appendAuditEvent(deps, {
    tenantId: input.tenantId,
    action: 'session.created',
    target: { type: 'member', id: input.memberId },
    data: { sessionId: row.id, authMethod: input.authMethod, ip: input.ip ?? null },
  });
  return { raw, id: row.id, expiresAt: row.expires_at };
}
