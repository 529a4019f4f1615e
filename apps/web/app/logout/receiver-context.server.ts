import { findLogoutTarget } from '@butterfly/domain/logout';
import type { AppLoadContext } from '@remix-run/node';

/** Logout answers tell a machine what happened; never cached (BCL 1.0 2.8). */
export const receiverJson = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: {
      'Cache-Control': 'no-store',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    },
  });

/**
 * The tenant a receiver URL names, its IdP's discovery document and JWKS. Null when the tenant does
 * not exist or has no SSO settings, or its IdP cannot be read (keys unknown: nothing can verify).
 */
export async function logoutTarget(context: AppLoadContext, slug: string) {
  const target = await findLogoutTarget(context, slug);
  if (!target) return null;
  try {
    const meta = await context.services.discovery.get(target.issuer);
    return { ...target, issuer: meta.issuer, keys: context.services.keySets.forUri(meta.jwks_uri) };
  } catch (err) {
    context.log.warn({ err, tenant: slug }, 'logout receiver: the IdP configuration could not be read');
    return { ...target, keys: null };
  }
}
