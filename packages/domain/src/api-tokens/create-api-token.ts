import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { generateSecret } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { findMember } from '../members/find-member.ts';
import type { Role } from '../permissions/matrix.ts';
import { authorize } from '../permissions/authorize.ts';
import { rolePrecedence } from '../permissions/permissions.fns.ts';
import { parseInput } from '../validation.fns.ts';
import {
  API_TOKEN_PREFIX,
  type TCreateApiTokenInput,
  ZCreateApiTokenInput,
  toApiTokenView,
  visiblePrefix,
} from './api-tokens.fns.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Mints an API token for a member: a member for themselves (token.own), an operator (CLI) for anyone
 * by id or email. The token carries a role no higher than its owner's, stored explicitly so a later
 * promotion of the owner does not widen it; requests cap it again at the owner's current role. A
 * token cannot mint tokens: a leaked one must not be able to outlive its own revocation.
 * The raw token is returned once and never stored.
 */
export async function createApiToken(deps: Deps, tenantId: string, raw: TCreateApiTokenInput & { member?: string }) {
  const input = parseInput(ZCreateApiTokenInput, raw);
  const { actor } = deps;
  await authorize(deps, tenantId, 'token.own');
  if (actor.kind === 'member' && (actor.via === 'api_token' || actor.via === 'access_token')) {
    throw new DomainError('FORBIDDEN', 'API tokens are created from a signed-in dashboard session or the CLI');
  }
  let ownerRef = raw.member;
  if (actor.kind === 'member') {
    if (ownerRef !== undefined && ownerRef !== actor.memberId) throw new DomainError('NOT_FOUND', 'No such member');
    ownerRef = actor.memberId;
  }
  if (!ownerRef) throw new DomainError('VALIDATION', 'member: whose token is it?', { fields: { member: 'required' } });
  const owner = await findMember(deps.db, tenantId, ownerRef);
  if (!owner.active) throw new DomainError('MEMBER_INACTIVE', `${owner.email} is deactivated`);
  const ownerRole = owner.role as Role;
  const role = input.role ?? ownerRole;
  if (rolePrecedence(role) < rolePrecedence(ownerRole)) {
    throw new DomainError('VALIDATION', `role: a token cannot carry more than its owner's role (${ownerRole})`, {
      fields: { role: `at most ${ownerRole}` },
    });
  }
  const now = deps.clock();
  const secret = generateSecret(API_TOKEN_PREFIX);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        tenant_id: tenantId,
        member_id: owner.id,
        name: input.name,
        prefix: visiblePrefix(secret.raw),
        token_hash: secret.hash,
        role,
        created_at: now,
        expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
      })
      .returning(['id', 'name', 'prefix', 'role', 'created_at', 'expires_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'api_token.created',
        target: { type: 'api_token', id: row.id },
        data: {
          owner: owner.id,
          name: row.name,
          prefix: row.prefix,
          role,
          expiresAt: row.expires_at?.toISOString() ?? null,
        },
      },
    );
    return { ...toApiTokenView(row, now), ownerEmail: owner.email, token: secret.raw };
  });
}
