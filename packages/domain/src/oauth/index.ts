/** @butterfly/domain/oauth: the oauth area's use-cases and types, for the apps, API and jobs. */
export {
  CODE_TTL_MS,
  REFRESH_TOKEN_PREFIX,
  REFRESH_TTL_MS,
  ZCodeChallenge,
  ZCodeVerifier,
  pkceMatches,
  type AccessGrant,
} from './oauth.fns.ts';
export { issueAuthorizationCode } from './issue-authorization-code.ts';
export { hasOAuthConsent } from './find-oauth-consent.ts';
export { grantOAuthConsent } from './grant-oauth-consent.ts';
export { redeemAuthorizationCode } from './redeem-authorization-code.ts';
export { rotateRefreshToken } from './rotate-refresh-token.ts';
export { revokeRefreshFamily, revokeRefreshToken } from './revoke-refresh-token.ts';
export { checkAccessGrant, type AccessTokenClaims } from './check-access-grant.ts';
