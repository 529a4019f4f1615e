import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { parseInput } from '../validation.fns.ts';
import { ZConsentInput, consentingMember } from './oauth-consents.fns.ts';

/** Whether the signed-in member already allowed this client everything it now asks for. */
export async function hasOAuthConsent(deps: Deps, raw: z.input<typeof ZConsentInput>): Promise<boolean> {
  const input = parseInput(ZConsentInput, raw);
  const actor = consentingMember(deps);
  const row = await deps.db
    .selectFrom('oauth_consents')
    .select('scopes')
    .where('tenant_id', '=', actor.tenantId)
    .where('member_id', '=', actor.memberId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  return !!row && input.scopes.every((s) => row.scopes.includes(s));
}
