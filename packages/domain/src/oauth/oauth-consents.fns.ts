import { z } from 'zod';
import type { DB, Transaction } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

export const ZConsentInput = z.object({
  clientId: z.string().min(1).max(100),
  scopes: z.array(z.string().min(1).max(100)).min(1).max(20),
});

/** Consent is given by the member in front of the browser, for themselves: a signed-in session only. */
export function consentingMember(deps: Deps) {
  const { actor } = deps;
  if (actor.kind !== 'member' || actor.via !== 'session')
    throw new DomainError('FORBIDDEN', 'Only a signed-in member can authorize an application for themselves');
  return actor;
}

/**
 * Revoking a client's tokens (RFC 7009: the extension's Disconnect) withdraws the member's consent
 * to that client too, so connecting again asks again.
 */
export async function withdrawConsent(
  trx: Transaction<DB>,
  where: { tenantId: string; memberId: string; clientId: string },
): Promise<number> {
  const r = await trx
    .deleteFrom('oauth_consents')
    .where('tenant_id', '=', where.tenantId)
    .where('member_id', '=', where.memberId)
    .where('client_id', '=', where.clientId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
