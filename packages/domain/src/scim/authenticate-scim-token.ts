import { hashSecret, secretMatches } from '../credentials/tokens.fns.ts';
import type { Db } from '../deps.ts';
import { SCIM_TOKEN_PREFIX } from './create-scim-token.ts';

/** How often last_used_at is written: often enough to spot an unused token, rarely enough to cost nothing. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The tenant and token behind a presented SCIM bearer token, or null. Looked up by its SHA-256 (the
 * unique index), then compared in constant time. Revoked tokens are null.
 */
export async function authenticateScimToken(deps: { db: Db; clock: () => Date }, raw: string) {
  if (!raw.startsWith(SCIM_TOKEN_PREFIX) || raw.length > 100) return null;
  const row = await deps.db
    .selectFrom('scim_tokens')
    .select(['id', 'tenant_id', 'label', 'token_hash', 'last_used_at'])
    .where('token_hash', '=', hashSecret(raw))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || !secretMatches(raw, row.token_hash)) return null;
  const now = deps.clock();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await deps.db.updateTable('scim_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { tokenId: row.id, tenantId: row.tenant_id, label: row.label };
}
