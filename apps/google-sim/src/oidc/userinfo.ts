import type { IncomingMessage } from 'node:http';
import type { TDeps } from '../deps.ts';
import { json, type TReply } from '../http/io.ts';
import { accountBySub } from './accounts.ts';

/** `GET /v1/userinfo` (openidconnect.googleapis.com) with a sign-in access token. */
export function userinfo(deps: TDeps, req: IncomingMessage): TReply {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const grant = m ? deps.runtime.grants.get(m[1]!) : undefined;
  const fail = json({ error: 'invalid_request', error_description: 'Invalid Credentials' }, 401, {
    'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  });
  if (grant?.kind !== 'user' || grant.expiresAt <= deps.clock()) return fail;
  const account = accountBySub(deps, grant.userId ?? grant.consumerSub ?? '', grant.customerId);
  if (!account || account.suspended) return fail;
  return json({
    sub: account.sub,
    ...(grant.scopes.includes('profile')
      ? {
          name: `${account.givenName} ${account.familyName}`,
          given_name: account.givenName,
          family_name: account.familyName,
        }
      : {}),
    ...(grant.scopes.includes('email') ? { email: account.email, email_verified: account.emailVerified } : {}),
    ...(account.hd ? { hd: account.hd } : {}),
  });
}
