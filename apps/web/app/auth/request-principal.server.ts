import type { RequestPrincipal } from '@butterfly/api';
import type { AppLoadContext } from '@remix-run/node';
import { bearerPrincipal } from './bearer.server.ts';
import { getSessionPrincipal } from './session.server.ts';

/**
 * Who a request is from. With an Authorization header, only that header counts (an API token or an
 * access token); the session cookie is consulted only when there is none. That rule is what makes
 * the CSRF guard's Bearer exemption safe: an exempt request never borrows the browser's session.
 */
export async function requestPrincipal(request: Request, context: AppLoadContext): Promise<RequestPrincipal | null> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    return bearerPrincipal(authorization, {
      db: context.db,
      clock: () => new Date(),
      accessTokens: context.services.accessTokens,
    });
  }
  const s = await getSessionPrincipal(request, context);
  return (
    s && {
      tenantId: s.tenantId,
      memberId: s.memberId,
      email: s.email,
      role: s.role,
      via: 'session',
      sessionId: s.sessionId,
    }
  );
}
