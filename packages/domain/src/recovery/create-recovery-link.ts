import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { generateSecret } from '../credentials/tokens.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { findMember } from '../members/find-member.ts';

export const RECOVERY_TTL_MS = 15 * 60 * 1000;
export const RECOVERY_PREFIX = 'bfyrl_';

/**
 * Break-glass: a one-time sign-in link for an active super_admin that does not depend on the IdP
 * (Butterfly is needed most when the IdP is broken). Operators only (shell + database access), 15
 * minutes, single use, audited loudly; the dashboard shows recovery sign-ins afterwards.
 */
export async function createRecoveryLink(deps: Deps, tenantId: string, input: { email: string }) {
  if (deps.actor.kind !== 'operator')
    throw new DomainError('FORBIDDEN', 'Recovery links are created by an operator with the CLI');
  const member = await findMember(deps.db, tenantId, input.email);
  if (member.role !== 'super_admin' || !member.active) {
    throw new DomainError('VALIDATION', 'Recovery links are only for active super_admin members', {
      fields: { email: 'is not an active super_admin' },
    });
  }
  const { raw, hash } = generateSecret(RECOVERY_PREFIX);
  const expiresAt = new Date(deps.clock().getTime() + RECOVERY_TTL_MS);
  return inTransaction(deps.db, async (trx) => {
    const link = await trx
      .insertInto('recovery_links')
      .values({
        tenant_id: tenantId,
        member_id: member.id,
        token_hash: hash,
        created_by: deps.actor.label,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'recovery_link.created',
        target: { type: 'member', id: member.id },
        data: {
          linkId: link.id,
          email: member.email,
          expiresAt: expiresAt.toISOString(),
          warning: 'break-glass sign-in without the IdP',
        },
      },
    );
    return { id: link.id, token: raw, memberId: member.id, expiresAt };
  });
}
