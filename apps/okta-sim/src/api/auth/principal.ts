import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SimOrg } from '../../oidc/sim-org.ts';
import type { Principal } from '../context.ts';
import { forbidden, invalidToken } from '../../okta/errors.ts';
import { verifyAccessToken } from './tokens.ts';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Who is calling: `Authorization: SSWS <token>` (the admin API token, valid while its
 * `/api/v1/api-tokens` entry exists) or `Bearer <access token>` from the client-credentials
 * grant. Anything else is Okta's 401 E0000011.
 */
export async function authenticate({ org, auth }: SimOrg, req: IncomingMessage, now: number): Promise<Principal> {
  const header = req.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  if (scheme === 'SSWS') {
    const live = org.data.table('apiTokens').has(org.admin.tokenId);
    if (live && sameSecret(value, org.admin.token)) return org.admin.principal;
    const owner = org.userTokens.principal(value);
    if (owner) return owner;
  } else if (scheme.toLowerCase() === 'bearer') {
    const claims = await verifyAccessToken(auth.keyRing, org.url, value, now);
    const appId = claims && org.data.clientIds.get(claims.clientId);
    const app = appId ? org.app(appId) : undefined;
    if (claims && app?.status === 'ACTIVE') {
      // Okta also requires an admin role on the service app; without one every call is a 403.
      if (!org.data.table(`clientRoles:${claims.clientId}`).size) throw forbidden();
      return {
        kind: 'oauth',
        id: claims.clientId,
        type: 'PublicClientApp',
        alternateId: claims.clientId,
        displayName: app.label,
        scopes: new Set(claims.scopes),
      };
    }
  }
  const bearer = scheme.toLowerCase() === 'bearer';
  throw invalidToken(
    bearer
      ? {
          'www-authenticate': `Bearer realm="${org.url}", error="invalid_token", error_description="The token is not valid."`,
        }
      : {},
  );
}

/**
 * OAuth callers need the operation's scope: `okta.<family>.read` for reads (`.manage` includes
 * read), `okta.<family>.manage` for writes. SSWS tokens carry their owner's admin role instead.
 * A missing scope is a 403 E0000006 with `WWW-Authenticate: … error="insufficient_scope"`.
 */
export function requireScope(
  principal: Principal,
  family: string,
  method: string,
  orgUrl: string,
  resource: string,
): void {
  if (principal.kind === 'ssws') return;
  const read = `okta.${family}.read`;
  const manage = `okta.${family}.manage`;
  const write = method !== 'GET' && method !== 'HEAD';
  const granted = principal.scopes!;
  if (write ? granted.has(manage) : granted.has(read) || granted.has(manage)) return;
  const needed = write ? manage : read;
  throw forbidden({
    'www-authenticate': [
      `Bearer authorization_uri="${orgUrl}/oauth2/v1/authorize"`,
      `realm="${orgUrl}"`,
      `scope="${needed}"`,
      'error="insufficient_scope"',
      'error_description="The access token provided does not contain the required scopes."',
      `resource="${resource}"`,
    ].join(', '),
  });
}
