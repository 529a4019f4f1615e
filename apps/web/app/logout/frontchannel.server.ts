import { findLogoutTarget, frontchannelLogout } from '@butterfly/domain/logout';
import type { AppLoadContext } from '@remix-run/node';
import { systemDeps } from '../auth/session.server.ts';

/**
 * The whole page: Entra loads it in a hidden iframe and only looks at the status. No script, no
 * style sheet, nothing to click; framing allowed to the tenant's Entra authority only.
 */
function page(status: number, text: string, frameAncestor?: string) {
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${text}</title><p>${text}</p></html>`;
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; frame-ancestors ${frameAncestor ?? "'none'"}`,
    },
  });
}

/**
 * GET /sso/<tenant>/frontchannel-logout?sid=… — Microsoft Entra ID front-channel logout (Entra has
 * no back-channel logout). When someone signs out of Entra, Entra loads this URL in an iframe; the
 * Butterfly sessions started from that Entra session (`sid`) end, as a back-channel logout with
 * `sid` ends them. The request carries no credential (none can be asked of Entra), so it can only
 * ever log out, one Entra session at a time, and says the same 200 whether the sid was known or not
 * (decision 056 says what an attacker can and cannot do with it). Entra tenants only.
 */
export async function receiveFrontchannelLogout(
  request: Request,
  context: AppLoadContext,
  slug: string,
): Promise<Response> {
  const url = new URL(request.url);
  const target = await findLogoutTarget(context, slug);
  if (target?.provider !== 'entra') return page(404, 'Single sign-on is not configured here');
  const authority = new URL(target.issuer).origin;
  // OIDC Front-Channel Logout 1.0 §2: with `iss`, it must be this tenant's issuer.
  const iss = url.searchParams.get('iss');
  if (iss !== null && iss !== target.issuer) return page(400, 'Not this organisation’s sign-out', authority);
  const sids = url.searchParams.getAll('sid');
  const sid = sids[0];
  if (sids.length !== 1 || !sid || sid.length > 255) return page(400, 'No session named', authority);
  const result = await frontchannelLogout(systemDeps(context, `frontchannel-logout:${target.slug}`), target.tenantId, {
    sid,
  });
  context.log.info({ tenant: target.slug, ...result }, 'front-channel logout');
  return page(200, 'Signed out of Butterfly', authority);
}
