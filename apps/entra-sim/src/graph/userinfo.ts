import type { IncomingMessage } from 'node:http';
import type { TReply } from '../http/respond.ts';
import type { TSimDeps } from '../sts/deps.ts';
import { pairwiseSub } from '../sts/tokens.ts';
import { graphError, newRequestId } from './errors.ts';
import { authenticate } from './principal.ts';

/**
 * `GET /oidc/userinfo` (on graph.microsoft.com in Entra): the signed-in user of a delegated Graph
 * token, with the same pairwise `sub` as the app's ID token. App tokens have no user: 401.
 */
export async function userinfo(deps: TSimDeps, req: IncomingMessage): Promise<TReply> {
  const requestId = newRequestId();
  const auth = await authenticate(deps, req.headers.authorization);
  if (!auth.ok || !auth.principal.user)
    return graphError(401, 'InvalidAuthenticationToken', auth.ok ? 'A user token is required.' : auth.message, {
      requestId,
    });
  const { tenant, appId, user } = auth.principal;
  const u = tenant.collection('users').get(user.id)!;
  return {
    status: 200,
    body: {
      sub: pairwiseSub(tenant.id, appId, u.id),
      name: u.displayName,
      family_name: u.surname,
      given_name: u.givenName,
      ...(u.mail ? { email: u.mail } : {}),
      picture: `${deps.baseUrl}/v1.0/me/photo/$value`,
    },
  };
}
