import { decodeJwt, importJWK, jwtVerify } from 'jose';
import type { SimOrg } from '../../oidc/sim-org.ts';
import type { Json } from '../../model/types.ts';
import { ACCESS_TOKEN_SECONDS, mintAccessToken } from './tokens.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TTokenReply {
  status: number;
  body: Record<string, unknown>;
}

const refuse = (status: number, error: string, description: string): TTokenReply => ({
  status,
  body: { error, error_description: description },
});

/**
 * `POST /<org>/oauth2/v1/token` with `grant_type=client_credentials`, the way Okta serves service
 * apps calling the Management API: the client authenticates with `private_key_jwt` (an RS256/ES256
 * assertion with iss = sub = client_id, aud = this token endpoint, exp at most an hour away and a
 * `jti` never seen before), asks for `okta.*` scopes, and gets only scopes granted to the app
 * (`/api/v1/apps/{appId}/grants`). oidc-provider keeps serving every other grant.
 */
export async function clientCredentials(sim: SimOrg, form: URLSearchParams, now: number): Promise<TTokenReply> {
  const { org } = sim;
  const tokenUrl = `${org.url}/oauth2/v1/token`;
  const assertion = form.get('client_assertion');
  if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) {
    return refuse(
      401,
      'invalid_client',
      'Client authentication failed. Okta Management API scopes require private_key_jwt.',
    );
  }
  let clientId: unknown;
  try {
    clientId = decodeJwt(assertion).iss;
  } catch {
    return refuse(401, 'invalid_client', 'The client_assertion is not a valid JWT.');
  }
  const appId = typeof clientId === 'string' ? org.data.clientIds.get(clientId) : undefined;
  const app = appId ? org.app(appId) : undefined;
  if (app?.status !== 'ACTIVE' || typeof clientId !== 'string') {
    return refuse(401, 'invalid_client', 'The client_assertion token has an invalid client_id.');
  }
  if (app.credentials?.oauthClient?.token_endpoint_auth_method !== 'private_key_jwt') {
    return refuse(401, 'invalid_client', 'The client is not configured for private_key_jwt authentication.');
  }
  const verified = await verifyAssertion(sim, app, assertion, clientId, tokenUrl, now);
  if (verified) return refuse(401, 'invalid_client', verified);

  const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (!requested.length) {
    return refuse(
      400,
      'invalid_scope',
      "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
    );
  }
  if (requested.some((s) => !s.startsWith('okta.'))) {
    return refuse(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  }
  const granted = new Set(
    [...org.data.table(`grants:${app.id}`).values()].filter((g) => g.status === 'ACTIVE').map((g) => g.scopeId),
  );
  const denied = requested.filter((s) => !granted.has(s));
  if (denied.length) return refuse(400, 'invalid_scope', `The following scopes are not allowed: ${denied.join(', ')}`);

  const token = await mintAccessToken(sim.auth.keyRing, org.url, { clientId, scopes: requested }, now);
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, access_token: token, scope: requested.join(' ') },
  };
}

/** Why the assertion is refused, or undefined when it is good (its jti is then spent). */
async function verifyAssertion(
  sim: SimOrg,
  app: Json,
  assertion: string,
  clientId: string,
  tokenUrl: string,
  now: number,
) {
  const keys: Json[] = app.settings?.oauthClient?.jwks?.keys ?? [];
  let payload: Json;
  try {
    ({ payload } = await jwtVerify(
      assertion,
      async (header) => {
        const jwk = keys.find((k) => !header.kid || k.kid === header.kid);
        if (!jwk) throw new Error('no registered key matches the assertion kid');
        return importJWK(jwk, header.alg);
      },
      {
        issuer: clientId,
        subject: clientId,
        audience: tokenUrl,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'jti'],
      },
    ));
  } catch (error) {
    return `The client_assertion signature or claims are invalid: ${(error as Error).message}`;
  }
  const nowSeconds = Math.floor(now / 1000);
  if ((payload.exp as number) - nowSeconds > ACCESS_TOKEN_SECONDS)
    return 'The client_assertion token expiration is too far in the future.';
  const used = sim.org.usedJtis;
  for (const [jti, exp] of used) if (exp < nowSeconds) used.delete(jti);
  if (used.has(payload.jti)) return 'The client_assertion token has already been used (jti replay).';
  used.set(payload.jti, payload.exp);
  return undefined;
}
