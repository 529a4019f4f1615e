import type { EntraAuthCode } from '../errors.ts';

/**
 * AADSTS numbers the token endpoint answers a client-credentials request with, and the stable code
 * each becomes (learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */
const BY_AADSTS: Record<number, EntraAuthCode> = {
  7000215: 'BAD_SECRET', // invalid client secret provided
  7000222: 'SECRET_EXPIRED', // the provided client secret keys are expired
  700027: 'BAD_CERTIFICATE', // client assertion failed signature validation / key not registered
  700024: 'BAD_CERTIFICATE', // client assertion is not within its valid time range
  7000274: 'BAD_CERTIFICATE', // the assertion's key was not found on the app
  700016: 'UNKNOWN_APP', // application not found in the directory
  7000229: 'MISSING_CONSENT', // the app has no service principal in the tenant: never consented
  65001: 'MISSING_CONSENT', // the admin has not consented to the app
  650057: 'MISSING_CONSENT', // invalid resource: the app does not list the requested permissions
  90002: 'UNKNOWN_TENANT', // tenant not found
  900023: 'UNKNOWN_TENANT', // specified tenant identifier is neither a GUID nor a verified domain
  90023: 'UNKNOWN_TENANT',
  7000112: 'APP_DISABLED', // application is disabled
  700025: 'APP_DISABLED',
  70011: 'INVALID_SCOPE', // the provided value for scope is not valid
  1002012: 'INVALID_SCOPE',
};

/** The AADSTS number of a token error answer: `error_codes[0]`, else the prefix of `error_description`. */
export function aadstsOf(body: { error_codes?: unknown; error_description?: unknown }): number | undefined {
  if (Array.isArray(body.error_codes) && typeof body.error_codes[0] === 'number') return body.error_codes[0];
  const m = typeof body.error_description === 'string' ? body.error_description.match(/AADSTS(\d+)/) : null;
  return m ? Number(m[1]) : undefined;
}

export function authCodeOf(aadsts: number | undefined, oauthError?: string): EntraAuthCode {
  if (aadsts !== undefined && BY_AADSTS[aadsts]) return BY_AADSTS[aadsts];
  if (oauthError === 'invalid_scope') return 'INVALID_SCOPE';
  if (oauthError === 'unauthorized_client') return 'UNKNOWN_APP';
  return 'TOKEN_REFUSED';
}
