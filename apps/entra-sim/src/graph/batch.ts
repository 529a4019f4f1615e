import type { TReply } from '../http/respond.ts';
import { errCtx, type TGraphCall } from './context.ts';
import { dispatch } from './dispatch.ts';
import { graphError, newRequestId } from './errors.ts';

export const BATCH_LIMIT = 20;

interface TSubRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
}

const lower = (h: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));

/**
 * `POST /$batch`: at most 20 requests, each run as its own call (its own permission check,
 * resource units, faults and throttling) and answered with its own status, headers and body, so
 * one 429 with Retry-After sits beside 200s [EE][MAE].
 */
export function batch(c: TGraphCall): TReply {
  const requests = (c.body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests))
    return graphError(400, 'BadRequest', "Invalid batch payload format: 'requests' must be an array.", errCtx(c));
  if (requests.length > BATCH_LIMIT)
    return graphError(400, 'BadRequest', `Number of included requests exceeds the limit of ${BATCH_LIMIT}.`, errCtx(c));
  const ids = new Set<string>();
  const responses = (requests as TSubRequest[]).map((r) => {
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : '';
    const sub = { ...c, requestId: newRequestId() };
    if (!id || ids.has(id))
      return { id, ...graphError(400, 'BadRequest', "Each request needs a unique 'id'.", errCtx(sub)) };
    ids.add(id);
    if (typeof r.method !== 'string' || typeof r.url !== 'string')
      return { id, ...graphError(400, 'BadRequest', "Each request needs 'method' and 'url'.", errCtx(sub)) };
    const url = new URL(r.url.replace(/^\/?(v1\.0|beta)\//, '/'), 'http://graph/');
    const reply = dispatch({
      ...sub,
      method: r.method.toUpperCase(),
      path: url.pathname.replace(/^\/+/, ''),
      query: url.searchParams,
      headers: { ...c.headers, ...lower(r.headers) },
      body: r.body,
    });
    return { id, status: reply.status, headers: reply.headers ?? {}, body: reply.body };
  });
  return { status: 200, body: { responses } };
}
