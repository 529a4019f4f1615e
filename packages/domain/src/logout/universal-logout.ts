import { z } from 'zod';
import { revokeAllCredentials } from '../credentials/revoke-all-credentials.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { ZEmail } from '../members/members.fns.ts';

/** Subject identifiers (RFC 9493) that Okta's Universal Logout sends. Other formats are refused. */
export const ZUniversalLogoutSubject = z.discriminatedUnion('format', [
  z.object({ format: z.literal('email'), email: ZEmail }),
  z.object({ format: z.literal('iss_sub'), iss: z.string().min(1).max(500), sub: z.string().min(1).max(255) }),
]);
export type TUniversalLogoutSubject = z.output<typeof ZUniversalLogoutSubject>;

const trim = (u: string) => u.replace(/\/+$/, '');

/**
 * Okta Universal Logout for one person of a tenant (the web app has verified the org's JWT): every
 * credential ends through revokeAllCredentials. `iss_sub` is matched on the IdP subject recorded at
 * sign-in, and only for the tenant's own issuer: a subject of another IdP names nobody here.
 * NOT_FOUND when no member matches.
 */
export async function universalLogout(
  deps: Deps,
  tenant: { tenantId: string; issuer: string },
  subject: TUniversalLogoutSubject,
) {
  const { tenantId } = tenant;
  if (subject.format === 'iss_sub' && trim(subject.iss) !== trim(tenant.issuer))
    throw new DomainError('NOT_FOUND', 'No such user');
  return inTransaction(deps.db, async (trx) => {
    let q = trx.selectFrom('members').select(['id']).where('tenant_id', '=', tenantId);
    q =
      subject.format === 'email'
        ? q.where((eb) => eb(eb.fn('lower', ['email']), '=', subject.email))
        : q.where('idp_subject', '=', subject.sub);
    const member = await q.forUpdate().executeTakeFirst();
    if (!member) throw new DomainError('NOT_FOUND', 'No such user');
    const revoked = await revokeAllCredentials(
      { ...deps, db: trx },
      { tenantId, memberId: member.id, reason: 'universal_logout' },
    );
    return { memberId: member.id, ...revoked };
  });
}
