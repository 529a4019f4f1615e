import { randomUUID } from 'node:crypto';
import type { TReply } from '../http/respond.ts';

/** The AADSTS codes the simulator answers with, and the OAuth error each goes with. */
export const AADSTS = {
  missingParameter: [900144, 'invalid_request', 'The request body must contain the following parameter'],
  tenantNotFound: [90002, 'invalid_request', 'Tenant not found. Check to make sure you have the correct tenant ID'],
  appNotFound: [700016, 'unauthorized_client', 'Application was not found in the directory'],
  invalidSecret: [
    7000215,
    'invalid_client',
    'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID',
  ],
  invalidAssertion: [700027, 'invalid_client', 'Client assertion failed signature validation'],
  assertionAudience: [700021, 'invalid_client', 'Client assertion audience claim does not match Realm issuer'],
  noCredential: [
    7000218,
    'invalid_client',
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'",
  ],
  invalidScope: [
    1002012,
    'invalid_scope',
    'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier',
  ],
  unsupportedGrant: [70003, 'unsupported_grant_type', 'The app requested an unsupported grant type'],
  badCode: [
    70008,
    'invalid_grant',
    'The provided authorization code or refresh token has expired or was already redeemed',
  ],
  wrongTenantCode: [
    700005,
    'invalid_grant',
    'Provided Authorization Code is intended to use against other tenant, thus rejected',
  ],
  pkceMismatch: [
    501481,
    'invalid_grant',
    'The Code_Verifier does not match the code_challenge supplied in the authorization request',
  ],
  redirectMismatch: [
    50011,
    'invalid_request',
    'The redirect URI specified in the request does not match the redirect URIs configured for the application',
  ],
  pkceRequired: [
    9002325,
    'invalid_request',
    'Proof Key for Code Exchange is required for cross-origin authorization code redemption',
  ],
} as const;

export type TAadstsCode = keyof typeof AADSTS;

export function aadstsBody(which: TAadstsCode, detail?: string) {
  const [code, error, text] = AADSTS[which];
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${code}: ${text}${detail ? `: ${detail}` : ''}. Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  };
}

/** Entra answers a failed client authentication with 401, every other token error with 400. */
export function aadstsReply(which: TAadstsCode, detail?: string): TReply {
  const body = aadstsBody(which, detail);
  return {
    status: body.error === 'invalid_client' ? 401 : 400,
    headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
    body,
  };
}
