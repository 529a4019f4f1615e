import type { OktaScope } from '../catalog.ts';
import { OktaAuthError } from '../errors.ts';
import type { Authenticator } from '../authenticator.ts';

/**
 * Which scopes an OAuth service app is not granted: one token request for them all (Okta refuses
 * the whole request when one is missing), then one per scope. An SSWS token has no scopes (it acts
 * with its owner's admin role): nothing to report.
 */
export async function missingScopes(
  auth: Authenticator,
  scopes: readonly OktaScope[],
  signal?: AbortSignal,
): Promise<OktaScope[]> {
  if (auth.kind !== 'oauth' || !scopes.length) return [];
  const refused = async (asked: readonly OktaScope[]) => {
    try {
      await auth.authorization(asked, signal);
      return false;
    } catch (e) {
      if (e instanceof OktaAuthError && e.oauthError === 'invalid_scope') return true;
      throw e;
    }
  };
  if (!(await refused(scopes))) return [];
  const out: OktaScope[] = [];
  for (const scope of scopes) if (await refused([scope])) out.push(scope);
  return out;
}
