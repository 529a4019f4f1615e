import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { parseInput } from '../validation.fns.ts';
import { consentingMember } from './oauth-consents.fns.ts';

/**
 * The member disconnects a client: the consent goes, and so does every refresh token the client
 * holds for them (access tokens name their refresh family and stop on the next request). The next
 * authorization asks again.
 */
export async function revokeOAuthConsent(deps: Deps, raw: { clientId: string }) {
  const input = parseInput(z.object({ clientId: z.string().min(1).max(100) }), raw);
  const actor = consentingMember(deps);
  return inTransaction(deps.db, async (trx) => {
    const consents = await trx.deleteFrom('oauth_consents').where('tenant_id', '=', actor.tenantId).where('member_id', '=', actor.memberId).where('client_id', '=', input.clientId).executeTakeFirst();
    const tokens = await trx.deleteFrom('refresh_tokens').where('tenant_id', '=', actor.tenantId).where('member_id', '=', actor.memberId).where('client_id', '=', input.clientId).executeTakeFirst();
    const revoked = { consents: Number(consents.numDeletedRows), refreshTokens: Number(tokens.numDeletedRows) };
    if (revoked.consents || revoked.refreshTokens) {
      await appendAuditEvent({ ...deps, db: trx }, { tenantId: actor.tenantId, action: 'oauth.consent_revoked', target: { type: 'member', id: actor.memberId }, data: { clientId: input.clientId, ...revoked } });
    }
    return revoked;
  });
}
