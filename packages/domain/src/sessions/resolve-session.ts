import type { Db } from '../deps.ts';
import { hashSecret, secretMatches } from '../credentials/tokens.fns.ts';
import type { Role } from '../permissions/matrix.ts';
import { SESSION_IDLE_MS, SESSION_PREFIX, SESSION_TOUCH_MS } from './sessions.fns.ts';

export interface SessionPrincipal {
  sessionId: string;
  tenantId: string;
  tenantSlug: string;
  memberId: string;
  email: string;
  role: Role;
  authMethod: 'sso' | 'recovery';
}

/**
 * The member behind a session cookie, checked on every request: the session must exist (revocation
 * deletes it), be within its idle and absolute expiry, and belong to an active member. Anything else
 * is "no session" — expired rows are deleted on the way.
 */
export async function resolveSession(
  deps: { db: Db; clock: () => Date },
  raw: string | null | undefined,
): Promise<SessionPrincipal | null> {
  if (!raw?.startsWith(SESSION_PREFIX) || raw.length > 100) return null;
  const row = await deps.db
    .selectFrom('sessions as s')
    .innerJoin('members as m', (j) => j.onRef('m.id', '=', 's.member_id').onRef('m.tenant_id', '=', 's.tenant_id'))
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .select([
      's.id',
      's.tenant_id',
      's.member_id',
      's.token_hash',
      's.auth_method',
      's.last_seen_at',
      's.idle_expires_at',
      's.expires_at',
      'm.email',
      'm.role',
      'm.active',
      't.slug',
    ])
    .where('s.token_hash', '=', hashSecret(raw))
    .executeTakeFirst();
  if (!row || !secretMatches(raw, row.token_hash)) return null;
  const now = deps.clock();
  if (!row.active || row.expires_at <= now || row.idle_expires_at <= now) {
    await deps.db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_TOUCH_MS) {
    await deps.db
      .updateTable('sessions')
      .set({
        last_seen_at: now,
        idle_expires_at: new Date(Math.min(now.getTime() + SESSION_IDLE_MS, row.expires_at.getTime())),
      })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    sessionId: row.id,
    tenantId: row.tenant_id,
    tenantSlug: row.slug,
    memberId: row.member_id,
    email: row.email,
    role: row.role as Role,
    authMethod: row.auth_method as 'sso' | 'recovery',
  };
}
