import type { IncomingMessage } from 'node:http';
import type { TDeps } from '../deps.ts';
import { bodyText, json, type TReply } from '../http/io.ts';

/**
 * `POST /revoke` (oauth2.googleapis.com/revoke): `token` (also accepted in the query, as Google
 * does) ends an access token at once; an unknown or expired one is 400 `invalid_token`.
 */
export async function revoke(deps: TDeps, req: IncomingMessage, url: URL): Promise<TReply> {
  const form = new URLSearchParams(await bodyText(req));
  const token = form.get('token') ?? url.searchParams.get('token') ?? '';
  const grant = deps.runtime.grants.get(token);
  if (!grant || grant.expiresAt <= deps.clock())
    return json({ error: 'invalid_token', error_description: 'Token expired or revoked' }, 400);
  deps.runtime.grants.delete(token);
  return json({}, 200);
}
