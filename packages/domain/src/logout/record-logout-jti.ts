import type { Db } from '../deps.ts';

/**
 * Remembers a logout token's `jti` until the token expires; false when it was seen before (a replay).
 * The insert is the check (primary key, ON CONFLICT DO NOTHING), so two deliveries of one token at
 * once cannot both pass. Expired entries are swept on the way: they can no longer be replayed,
 * because the token's own `exp` refuses it.
 */
export async function recordLogoutJti(
  deps: { db: Db; clock: () => Date },
  input: { tenantId: string; issuer: string; jti: string; expiresAt: Date },
): Promise<boolean> {
  await deps.db.deleteFrom('logout_token_jtis').where('expires_at', '<', deps.clock()).execute();
  const inserted = await deps.db
    .insertInto('logout_token_jtis')
    .values({
      tenant_id: input.tenantId,
      issuer: input.issuer,
      jti: input.jti.slice(0, 255),
      expires_at: input.expiresAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'issuer', 'jti']).doNothing())
    .returning('jti')
    .executeTakeFirst();
  return inserted !== undefined;
}
