import type { IncomingMessage } from 'node:http';
import type { TCaller, TDeps, TGrant } from '../deps.ts';
import { GoogleError, rpcError } from '../model/errors.ts';

/** Which error dialect the API answers in: the Admin SDK's or Cloud Identity's. */
export type TDialect = 'admin' | 'rpc';

function unauthenticated(dialect: TDialect) {
  const message =
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
  if (dialect === 'rpc') return rpcError(401, 'UNAUTHENTICATED', message);
  return new GoogleError(
    401,
    {
      error: {
        code: 401,
        message,
        errors: [
          {
            message: 'Invalid Credentials',
            domain: 'global',
            reason: 'authError',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
        status: 'UNAUTHENTICATED',
      },
    },
    { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );
}

export function insufficientScopes(dialect: TDialect) {
  const message = 'Request had insufficient authentication scopes.';
  if (dialect === 'rpc') return rpcError(403, 'PERMISSION_DENIED', message);
  return new GoogleError(403, {
    error: {
      code: 403,
      message,
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      status: 'PERMISSION_DENIED',
    },
  });
}

export function notAuthorized(dialect: TDialect) {
  if (dialect === 'rpc') return rpcError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
  const message = 'Not Authorized to access this resource/api';
  return new GoogleError(403, {
    error: { code: 403, message, errors: [{ message, domain: 'global', reason: 'forbidden' }] },
  });
}

/** The live grant of the request's bearer token (401 in the API's dialect otherwise). */
export function grantOf(deps: TDeps, req: IncomingMessage, dialect: TDialect): TGrant {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const grant = m ? deps.runtime.grants.get(m[1]!) : undefined;
  if (!grant || grant.expiresAt <= deps.clock()) throw unauthenticated(dialect);
  return grant;
}

/**
 * A delegated call of an admin API: a token holding one of `anyOf` (a write scope implies its
 * read), acting for a user who is a super admin (spec C: the Policy API needs one; the simulator
 * asks it of every admin API, as Butterfly's connection does). A service account acting as itself
 * is not authorized.
 */
export function adminCaller(deps: TDeps, req: IncomingMessage, anyOf: readonly string[], dialect: TDialect): TCaller {
  const grant = grantOf(deps, req, dialect);
  if (!grant.scopes.some((s) => anyOf.includes(s))) throw insufficientScopes(dialect);
  const customer = grant.customerId ? deps.world.customers.get(grant.customerId) : undefined;
  const user = grant.userId ? customer?.users.get(grant.userId) : undefined;
  if (grant.kind !== 'sa' || !customer || !user || user.suspended || !user.isAdmin) throw notAuthorized(dialect);
  return { grant, customer, user };
}
