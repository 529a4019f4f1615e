import { createLocalJWKSet, jwtVerify } from 'jose';
import { GRAPH_AUDIENCE, GRAPH_APP_ID, issuerV1, type TSimDeps } from '../sts/deps.ts';
import type { Tenant } from '../store/tenant.ts';

/** Who calls Graph: an app with application permissions, or a user through an app with delegated ones. */
export interface TPrincipal {
  tenant: Tenant;
  appId: string;
  appName: string;
  servicePrincipalId?: string;
  /** Application permissions (`roles`) or delegated scopes (`scp`). */
  permissions: string[];
  user?: { id: string; displayName: string; userPrincipalName: string };
}

export type TAuthResult = { ok: true; principal: TPrincipal } | { ok: false; message: string };

/** Verifies a bearer token against the current JWKS, as Graph does: signature, lifetime, audience, issuer. */
export async function authenticate(deps: TSimDeps, authorization: string | undefined): Promise<TAuthResult> {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) return { ok: false, message: 'Access token is empty.' };
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, createLocalJWKSet(deps.keys.jwks()), {
      audience: [GRAPH_AUDIENCE, GRAPH_APP_ID],
      currentDate: new Date(deps.clock()),
    });
    claims = verified.payload as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED')
      return { ok: false, message: 'Access token validation failure. Invalid audience.' };
    if (code === 'ERR_JWKS_NO_MATCHING_KEY')
      return { ok: false, message: 'Signing key not found: the token was signed with a key that has rolled.' };
    return { ok: false, message: 'IDX14100: JWT is not well formed.' };
  }
  const tenant = deps.registry.find(String(claims.tid ?? ''));
  if (!tenant || claims.iss !== issuerV1(deps, tenant.id))
    return { ok: false, message: 'Access token validation failure. Invalid issuer.' };
  const base = { tenant, appId: String(claims.appid), appName: String(claims.app_displayname ?? '') };
  if (claims.idtyp === 'app') {
    const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
    return { ok: true, principal: { ...base, servicePrincipalId: String(claims.oid), permissions: roles } };
  }
  const user = tenant.collection('users').get(String(claims.oid));
  if (!user) return { ok: false, message: 'Access token validation failure: the user no longer exists.' };
  return {
    ok: true,
    principal: {
      ...base,
      permissions: String(claims.scp ?? '')
        .split(' ')
        .filter(Boolean),
      user: { id: user.id, displayName: String(user.displayName), userPrincipalName: String(user.userPrincipalName) },
    },
  };
}
