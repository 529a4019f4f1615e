import type { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { parseInput } from '../validation.fns.ts';
import { ZConsentInput, consentingMember } from './oauth-consents.fns.ts';

/** Records that the signed-in member allowed a client these scopes (the consent page's Allow), audited. */
export async function grantOAuthConsent(deps: Deps, raw: z.input<typeof ZConsentInput>) {
  const input = parseInput(ZConsentInput, raw);
  const actor = consentingMember(deps);
  return inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('oauth_consents')
      .values({
        tenant_id: actor.tenantId,
        member_id: actor.memberId,
        client_id: input.clientId,
        scopes: input.scopes,
        created_at: deps.clock(),
      })
      .onConflict((oc) =>
        oc
          .constraint('oauth_consents_member_client_key')
          .doUpdateSet({ scopes: input.scopes, created_at: deps.clock() }),
      )
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: actor.tenantId,
        action: 'oauth.consent_granted',
        target: { type: 'member', id: actor.memberId },
        data: { clientId: input.clientId, scopes: input.scopes },
      },
    );
  });
}
