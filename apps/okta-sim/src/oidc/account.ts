import type { FindAccount } from 'oidc-provider';
import type { Org } from '../orgs/org.ts';

/** Claims by scope, as Okta's org authorization server releases them. */
export const CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale', 'zoneinfo', 'updated_at'],
  email: ['email', 'email_verified'],
} as const;

/**
 * Looks a token's subject up in the org's directory. A deactivated user is "not found", so a code
 * or session minted before the deactivation yields nothing afterwards (token exchange fails with
 * invalid_grant, a signed-in session must sign in again), as with Okta.
 */
export function accountFinder(org: Org): FindAccount {
  return (_ctx, sub) => {
    const user = org.data.users.get(sub);
    if (user?.status !== 'ACTIVE') return undefined;
    const { profile } = user;
    return {
      accountId: user.id,
      claims: () => ({
        sub: user.id,
        name: `${profile.firstName} ${profile.lastName}`,
        given_name: profile.firstName,
        family_name: profile.lastName,
        preferred_username: profile.login,
        locale: 'en_US',
        zoneinfo: 'America/Los_Angeles',
        updated_at: Math.floor(user.lastUpdated / 1000),
        email: profile.email,
        email_verified: true,
      }),
    };
  };
}
