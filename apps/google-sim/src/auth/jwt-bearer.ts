import { createPublicKey } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { TDeps } from '../deps.ts';
import { opaque } from '../model/ids.ts';
import { oauthError } from '../model/errors.ts';
import { findUser } from '../store/world.ts';
import { isKnownScope } from './scopes.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const SHORT_LIVED =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
const DWD_MISSING =
  'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.';

/**
 * The service-account grant (spec C, E): an RS256 assertion signed with the key of the service
 * account named by `iss`, `aud` the token URL (the simulator's own `/token` or Google's), a
 * lifetime of at most an hour, a `scope`, and optionally `sub`: a user whose customer granted that
 * client id domain-wide delegation for every scope asked (else 401 `unauthorized_client`).
 */
export async function jwtBearerGrant(deps: TDeps, form: URLSearchParams) {
  const assertion = form.get('assertion');
  if (!assertion) throw oauthError(400, 'invalid_request', 'Missing required parameter: assertion');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    throw oauthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a JWT.');
  }
  const sa = typeof claims.iss === 'string' ? deps.world.serviceAccountByEmail(claims.iss) : undefined;
  if (!sa) throw oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
  if (header.alg !== 'RS256' || (header.kid !== undefined && header.kid !== sa.privateKeyId))
    throw oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  try {
    await jwtVerify(assertion, createPublicKey(sa.privateKeyPem), {
      algorithms: ['RS256'],
      currentDate: new Date(deps.clock()),
      clockTolerance: 300,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED' || code === 'ERR_JWT_CLAIM_VALIDATION_FAILED')
      throw oauthError(400, 'invalid_grant', SHORT_LIVED);
    throw oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  const ownTokenUrl = `${deps.baseUrl}/token`;
  if (claims.aud !== ownTokenUrl && claims.aud !== GOOGLE_TOKEN_URL)
    throw oauthError(
      400,
      'invalid_grant',
      `Invalid JWT: Failed audience check. The expected value was ${ownTokenUrl} but the JWT had ${JSON.stringify(claims.aud)}.`,
    );
  const now = Math.floor(deps.clock() / 1000);
  if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number')
    throw oauthError(400, 'invalid_grant', SHORT_LIVED);
  if (claims.exp - claims.iat > 3600 || claims.iat > now + 300 || claims.exp <= now - 300)
    throw oauthError(400, 'invalid_grant', SHORT_LIVED);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
  if (scopes.length === 0 || !scopes.every(isKnownScope))
    throw oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');

  let customerId: string | undefined;
  let userId: string | undefined;
  if (claims.sub !== undefined && claims.sub !== sa.email) {
    const email = String(claims.sub);
    const customer = deps.world.customer(email.split('@')[1] ?? '');
    const user = customer && findUser(customer, email);
    if (!customer || !user || user.suspended) throw oauthError(400, 'invalid_grant', 'Invalid email or User ID');
    const granted = customer.delegations[sa.clientId] ?? [];
    if (!scopes.every((s) => granted.includes(s))) throw oauthError(401, 'unauthorized_client', DWD_MISSING);
    customerId = customer.id;
    userId = user.id;
  }
  const token = opaque('ya29.sim-');
  deps.runtime.grants.set(token, {
    token,
    kind: 'sa',
    scopes,
    expiresAt: deps.clock() + 3600_000,
    clientId: sa.clientId,
    serviceAccount: sa.email,
    customerId,
    userId,
  });
  return { access_token: token, expires_in: 3599, token_type: 'Bearer' };
}
