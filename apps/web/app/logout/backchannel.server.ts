import { backchannelLogout, recordLogoutJti } from '@butterfly/domain/logout';
import type { AppLoadContext } from '@remix-run/node';
import { systemDeps } from '../auth/session.server.ts';
import { LogoutTokenError, validateLogoutToken } from './logout-token.server.ts';
import { logoutTarget, receiverJson } from './receiver-context.server.ts';

/**
 * POST /sso/<tenant>/backchannel-logout (OIDC Back-Channel Logout 1.0, 2.5–2.8): a form with
 * `logout_token`, validated against the tenant's IdP, its jti remembered against replay, then the
 * domain ends the IdP session's sessions (sid) or everything the person holds (sub). 200 with
 * no-store on success, 400 for anything invalid. Authenticated by the token alone: cookies are
 * never read here (the CSRF guard exempts this path for that reason).
 */
export async function receiveBackchannelLogout(
  request: Request,
  context: AppLoadContext,
  slug: string,
): Promise<Response> {
  const refuse = (reason: string) => {
    context.log.warn({ tenant: slug.slice(0, 60), reason }, 'back-channel logout refused');
    return receiverJson(400, { error: 'invalid_request', error_description: reason });
  };
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return refuse('expected a form');
  const body = await request.text();
  if (body.length > 20_000) return refuse('body too large');
  const form = new URLSearchParams(body);
  const token = form.get('logout_token');
  if (!token || form.getAll('logout_token').length > 1) return refuse('logout_token is required, once');
  const target = await logoutTarget(context, slug);
  if (!target?.keys) return refuse('single sign-on is not configured for this tenant');
  let claims: Awaited<ReturnType<typeof validateLogoutToken>>;
  try {
    claims = await validateLogoutToken(token, { issuer: target.issuer, clientId: target.clientId, keys: target.keys });
  } catch (e) {
    if (e instanceof LogoutTokenError) return refuse(e.message);
    throw e;
  }
  const fresh = await recordLogoutJti(
    { db: context.db, clock: () => new Date() },
    { tenantId: target.tenantId, issuer: target.issuer, jti: claims.jti, expiresAt: claims.expiresAt },
  );
  if (!fresh) return refuse('this logout token was already used (jti replay)');
  const result = await backchannelLogout(systemDeps(context, `backchannel-logout:${target.slug}`), target.tenantId, {
    sub: claims.sub,
    sid: claims.sid,
  });
  context.log.info({ tenant: target.slug, ...result }, 'back-channel logout');
  return receiverJson(200);
}
