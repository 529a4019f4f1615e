import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TDeps } from '../deps.ts';
import { opaque } from '../model/ids.ts';
import { oauthError } from '../model/errors.ts';
import { accountBySub, issuerOf } from './accounts.ts';

function sameText(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** client_secret_basic or client_secret_post. */
function clientOf(deps: TDeps, req: IncomingMessage, form: URLSearchParams) {
  let id = form.get('client_id') ?? '';
  let secret = form.get('client_secret') ?? '';
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [u, p] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    id = decodeURIComponent(u ?? '');
    secret = decodeURIComponent(p ?? '');
  }
  const client = deps.world.oauthClients.get(id);
  if (!client || !sameText(client.secret, secret)) throw oauthError(401, 'invalid_client', 'Unauthorized');
  return client;
}

const hashHalf = (token: string) => createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');

/** The code grant: one use per code, its redirect URI, and its PKCE verifier when it had a challenge. */
export async function authorizationCodeGrant(deps: TDeps, req: IncomingMessage, form: URLSearchParams) {
  const client = clientOf(deps, req, form);
  const code = form.get('code') ?? '';
  const entry = deps.runtime.codes.get(code);
  deps.runtime.codes.delete(code);
  if (!entry || entry.clientId !== client.clientId || entry.expiresAt <= deps.clock())
    throw oauthError(400, 'invalid_grant', 'Malformed auth code.');
  if (form.get('redirect_uri') !== entry.redirectUri) throw oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
  if (entry.challenge) {
    const verifier = form.get('code_verifier');
    if (!verifier) throw oauthError(400, 'invalid_grant', 'Missing code verifier.');
    const derived =
      entry.challengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (derived !== entry.challenge) throw oauthError(400, 'invalid_grant', 'Invalid code verifier.');
  }
  const account = accountBySub(deps, entry.account.sub, entry.account.customerId);
  if (!account || account.suspended) throw oauthError(400, 'invalid_grant', 'Account has been deleted');
  const scopes = entry.scope.split(/\s+/).filter(Boolean);
  const accessToken = opaque('ya29.sim-');
  deps.runtime.grants.set(accessToken, {
    token: accessToken,
    kind: 'user',
    scopes,
    expiresAt: deps.clock() + 3600_000,
    clientId: client.clientId,
    customerId: account.customerId,
    userId: account.customerId ? account.sub : undefined,
    consumerSub: account.customerId ? undefined : account.sub,
  });
  const now = Math.floor(deps.clock() / 1000);
  const claims: Record<string, unknown> = {
    iss: issuerOf(deps),
    azp: client.clientId,
    aud: client.clientId,
    sub: account.sub,
    ...(account.hd ? { hd: account.hd } : {}),
    ...(scopes.includes('email') ? { email: account.email, email_verified: account.emailVerified } : {}),
    at_hash: hashHalf(accessToken),
    ...(entry.nonce ? { nonce: entry.nonce } : {}),
    ...(scopes.includes('profile')
      ? {
          name: `${account.givenName} ${account.familyName}`,
          given_name: account.givenName,
          family_name: account.familyName,
        }
      : {}),
    iat: now,
    exp: now + 3600,
  };
  return {
    access_token: accessToken,
    expires_in: 3599,
    scope: scopes.join(' '),
    token_type: 'Bearer',
    id_token: await deps.keys.sign(claims),
  };
}
