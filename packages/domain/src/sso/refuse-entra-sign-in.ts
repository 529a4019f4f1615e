import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { auditSignInRefused } from './audit-sign-in-refused.ts';

/**
 * A Microsoft Entra ID token whose directory is not the tenant's: its `tid` differs, or its `iss` is
 * not exactly `<authority>/<directory>/v2.0` (another tenant, `{tenantid}`, `common`). Entra signs
 * every directory's tokens with the same keys, so a valid signature proves nothing about whose
 * person this is. Audited as a refused sign-in with what the token named (it passed the signature
 * check), then refused with SSO_WRONG_DIRECTORY. Always throws. `seenAt`: where it showed, in the
 * ID token (the default), or at the token endpoint, which refused to redeem another directory's code
 * (AADSTS700005: the authorize request had been sent to another directory; no token to name).
 */
export async function refuseEntraSignIn(
  deps: Deps,
  tenantId: string,
  token: { tid?: unknown; iss?: unknown },
  seenAt: 'id_token' | 'token_endpoint' = 'id_token',
): Promise<never> {
  const named = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
  await auditSignInRefused(deps, tenantId, {
    reason: 'entra_wrong_directory',
    seenAt,
    tokenTid: named(token.tid),
    tokenIss: named(token.iss),
  });
  throw new DomainError('SSO_WRONG_DIRECTORY', 'The sign-in came from another Microsoft Entra ID directory');
}
