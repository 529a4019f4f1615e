import type { IncomingMessage } from 'node:http';
import { parseJson, readBody } from '../http/body.ts';
import type { TReply } from '../http/respond.ts';
import type { TSimDeps } from '../sts/deps.ts';
import { batch } from './batch.ts';
import type { TGraphCall } from './context.ts';
import { dispatch } from './dispatch.ts';
import { graphError, newRequestId } from './errors.ts';
import type { SkipTokens } from './paging.ts';
import { authenticate } from './principal.ts';

const flat = (req: IncomingMessage) =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));

/** `/v1.0/…` and `/beta/…`: the bearer token first, then one call or a `$batch`. */
export async function handleGraph(deps: TSimDeps, tokens: SkipTokens, req: IncomingMessage, url: URL): Promise<TReply> {
  const [, version = '', ...rest] = url.pathname.split('/');
  const headers = flat(req);
  const requestId = newRequestId();
  const auth = await authenticate(deps, headers.authorization);
  if (!auth.ok)
    return graphError(
      401,
      'InvalidAuthenticationToken',
      auth.message,
      { requestId, clientRequestId: headers['client-request-id'] },
      {
        'www-authenticate': `Bearer realm="", authorization_uri="${deps.baseUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
      },
    );
  const method = (req.method ?? 'GET').toUpperCase();
  const text = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    return graphError(400, 'BadRequest', 'Unable to read JSON request payload.', { requestId });
  }
  const call: TGraphCall = {
    deps,
    tokens,
    principal: auth.principal,
    version: version as 'v1.0' | 'beta',
    method,
    path: rest.join('/'),
    query: url.searchParams,
    headers,
    body,
    requestId,
  };
  if (call.path === '$batch' && method === 'POST') return batch(call);
  return dispatch(call);
}
