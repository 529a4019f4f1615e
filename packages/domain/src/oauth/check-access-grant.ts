import { isUuid } from '../db.fns.ts';
import type { Db } from '../deps.ts';
import type { Role } from '../permissions/matrix.ts';
import { capRole } from '../permissions/permissions.fns.ts';

export interface AccessTokenClaims {
  tenantId: string;
  memberId: string;
  role: Role;
  tokenEpoch: number;
  familyId: string;
}

/**
 * The per-request check behind a (signature-verified) access token: the member is active, their
 * token epoch is still the one the token carries (revokeAllCredentials bumps it), and the refresh
 * family the token came from still exists (revocation or reuse detection deletes it). One indexed
 * query; a revoked credential fails on its very next request, not when its five minutes run out.
 * The role is capped at the member's current one, so a demotion applies at once too.
 */
export async function checkAccessGrant(deps: { db: Db }, claims: AccessTokenClaims) {
  if (!isUuid(claims.tenantId) || !isUuid(claims.memberId) || !isUuid(claims.familyId)) return null;
  const row = await deps.db
    .selectFrom('members as m')
    .select(['m.email', 'm.role', 'm.active', 'm.token_epoch'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('refresh_tokens as r')
            .select('r.id')
            .where('r.family_id', '=', claims.familyId)
            .whereRef('r.member_id', '=', 'm.id')
            .whereRef('r.tenant_id', '=', 'm.tenant_id'),
        )
        .as('family_alive'),
    )
    .where('m.tenant_id', '=', claims.tenantId)
    .where('m.id', '=', claims.memberId)
    .executeTakeFirst();
  if (!row?.active || row.token_epoch !== claims.tokenEpoch || !row.family_alive) return null;
  return {
    tenantId: claims.tenantId,
    memberId: claims.memberId,
    email: row.email,
    role: capRole(row.role as Role, claims.role),
  };
}
