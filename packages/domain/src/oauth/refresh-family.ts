import { randomUUID } from 'node:crypto';
import type { DB, Transaction } from '@butterfly/db';
import { generateSecret } from '../credentials/tokens.fns.ts';
import { REFRESH_TOKEN_PREFIX, REFRESH_TTL_MS } from './oauth.fns.ts';

/**
 * Inserts a refresh token: the first of a new family (no `familyId`) or the next one of a family
 * being rotated. Only the hash is stored; the raw token goes to the client once.
 */
export async function insertRefreshToken(
  trx: Transaction<DB>,
  now: Date,
  row: { tenantId: string; memberId: string; clientId: string; familyId?: string },
) {
  const secret = generateSecret(REFRESH_TOKEN_PREFIX);
  const familyId = row.familyId ?? randomUUID();
  await trx
    .insertInto('refresh_tokens')
    .values({
      tenant_id: row.tenantId,
      member_id: row.memberId,
      client_id: row.clientId,
      token_hash: secret.hash,
      family_id: familyId,
      created_at: now,
      expires_at: new Date(now.getTime() + REFRESH_TTL_MS),
    })
    .execute();
  return { raw: secret.raw, familyId };
}

/** Ends a whole family (reuse detected, revocation, expiry): every token of it, used or not. */
export async function deleteFamily(trx: Transaction<DB>, tenantId: string, familyId: string) {
  const r = await trx
    .deleteFrom('refresh_tokens')
    .where('tenant_id', '=', tenantId)
    .where('family_id', '=', familyId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
