import type { IncomingMessage } from 'node:http';
import type { TDeps } from '../deps.ts';
import { json, type TReply } from '../http/io.ts';
import { bodyText } from '../http/io.ts';
import { oauthError } from '../model/errors.ts';
import { authorizationCodeGrant } from '../oidc/code-grant.ts';
import { takeFault } from '../store/faults.ts';
import { JWT_BEARER, jwtBearerGrant } from './jwt-bearer.ts';

/** `POST /token` (oauth2.googleapis.com/token): the service-account grant and the code grant. */
export async function tokenEndpoint(deps: TDeps, req: IncomingMessage): Promise<TReply> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    throw oauthError(400, 'invalid_request', 'Bad Request');
  const form = new URLSearchParams(await bodyText(req));
  const fault = takeFault(deps, 'token');
  if (fault) throw oauthError(fault.status, fault.reason, fault.message);
  const grantType = form.get('grant_type');
  const headers = { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' };
  if (grantType === JWT_BEARER) return json(await jwtBearerGrant(deps, form), 200, headers);
  if (grantType === 'authorization_code') return json(await authorizationCodeGrant(deps, req, form), 200, headers);
  if (!grantType) throw oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  throw oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
}
