import { hashSecret, secretMatches } from '../credentials/tokens.fns.ts';
import type { Db } from '../deps.ts';
import type { Role } from '../permissions/matrix.ts';
import { capRole } from '../permissions/permissions.fns.ts';
import { API_TOKEN_LAST_USED_RESOLUTION_MS, API_TOKEN_PREFIX } from './api-tokens.fns.ts';

export interface ApiTokenPrincipal {
  tokenId: string;
  tenantId: string;
  memberId: string;
  email: string;
  role: Role;
}

/**
 * The member behind a presented API token, checked on every request: the token must exist
 * (revocation deletes it), be unexpired, and belong to an active member. Its role is capped at the
 * owner's role *now*, so demoting the owner narrows their tokens at once. Looked up by SHA-256 (the
 * unique index), then compared in constant time.
 */
export async function authenticateApiToken(
  deps: { db: Db; clock: () => Date },
  raw: string,
): Promise<ApiTokenPrincipal | null> {
  if (!raw.startsWith(API_TOKEN_PREFIX) || raw.length > 100) return null;
  const row = await deps.db
    .selectFrom('api_tokens as k')
    .innerJoin('members as m', (j) => j.onRef('m.id', '=', 'k.member_id').onRef('m.tenant_id', '=', 'k.tenant_id'))
    .select([
      'k.id',
      'k.tenant_id',
      'k.member_id',
      'k.token_hash',
      'k.role as token_role',
      'k.expires_at',
      'k.last_used_at',
      'm.email',
      'm.role',
      'm.active',
    ])
    .where('k.token_hash', '=', hashSecret(raw))
    .executeTakeFirst();
  if (!row || !secretMatches(raw, row.token_hash)) return null;
  const now = deps.clock();
  if (!row.active || (row.expires_at && row.expires_at <= now)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > API_TOKEN_LAST_USED_RESOLUTION_MS) {
    await deps.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    tokenId: row.id,
    tenantId: row.tenant_id,
    memberId: row.member_id,
    email: row.email,
    role: capRole(row.role as Role, row.token_role as Role | null),
  };
}
