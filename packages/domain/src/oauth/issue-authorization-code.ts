import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { generateSecret } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { parseInput } from '../validation.fns.ts';
import { CODE_PREFIX, CODE_TTL_MS, ZCodeChallenge } from './oauth.fns.ts';

export const ZIssueCodeInput = z.object({
  clientId: z.string().min(1).max(100),
  redirectUri: z.url().max(500),
  codeChallenge: ZCodeChallenge,
});

/**
 * An authorization code for the signed-in member (the web app has already checked the client and
 * its redirect URI). Bound to client, redirect URI, PKCE challenge and the member's current token
 * epoch; only its hash is stored.
 */
export async function issueAuthorizationCode(deps: Deps, raw: z.input<typeof ZIssueCodeInput>) {
  const input = parseInput(ZIssueCodeInput, raw);
  const { actor } = deps;
  if (actor.kind !== 'member' || actor.via !== 'session')
    throw new DomainError('FORBIDDEN', 'Authorization codes are issued to a signed-in browser session');
  const member = await deps.db
    .selectFrom('members')
    .select(['id', 'active', 'token_epoch'])
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', actor.memberId)
    .executeTakeFirst();
  if (!member?.active) throw new DomainError('MEMBER_INACTIVE', 'Your Butterfly access has been deactivated');
  const now = deps.clock();
  const secret = generateSecret(CODE_PREFIX);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('oauth_codes')
      .values({
        tenant_id: actor.tenantId,
        member_id: member.id,
        client_id: input.clientId,
        code_hash: secret.hash,
        redirect_uri: input.redirectUri,
        code_challenge: input.codeChallenge,
        token_epoch: member.token_epoch,
        created_at: now,
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: actor.tenantId,
        action: 'oauth.code_issued',
        target: { type: 'member', id: member.id },
        data: { clientId: input.clientId, codeId: row.id },
      },
    );
    return { code: secret.raw, expiresInSeconds: CODE_TTL_MS / 1000 };
  });
}
