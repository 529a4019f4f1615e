import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';

/** A tenant's SCIM tokens, newest first: never the secret, only its recognisable prefix. */
export async function listScimTokens(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'scim.manage');
  const rows = await deps.db
    .selectFrom('scim_tokens')
    .select(['id', 'label', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    prefix: r.prefix,
    active: r.revoked_at === null,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}
