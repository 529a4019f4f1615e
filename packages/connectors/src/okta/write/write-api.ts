import type { Authenticator } from '../authenticator.ts';
import type { OktaScope } from '../catalog.ts';
import { type ApiAnswer, classify } from '../http/api.ts';
import type { Transport } from '../http/transport.ts';

export interface WriteRequest {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** The endpoint's path template (its rate-limit bucket and stats key, like reads). */
  template: string;
  /** The `.manage` scope the write needs (named in errors and asked for in the token). */
  scope: string;
  body?: unknown;
  /** Safe to send twice: a cut-off request is retried. Creates are not. */
  idempotent: boolean;
  signal?: AbortSignal;
}

/**
 * Writes through the same transport and governor as the backup's reads: the same rate-limit
 * buckets and reserve, one fresh token on a 401, 429 waited out, 5xx retried only when the write
 * is idempotent (a create answered 500 may still have happened).
 */
export async function send(transport: Transport, auth: Authenticator, r: WriteRequest): Promise<ApiAnswer> {
  const scope = r.scope as OktaScope;
  let refreshed = false;
  const json = r.body === undefined ? undefined : JSON.stringify(r.body);
  return transport.request(
    {
      method: r.method,
      url: r.url,
      template: r.template,
      signal: r.signal,
      retryCutOff: r.idempotent,
      body: json === undefined ? undefined : async () => json,
      headers: async (signal) => ({
        authorization: await auth.authorization([scope], signal),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      }),
    },
    (res, sent) => {
      if (res.status === 401 && !refreshed && auth.invalidate(sent.authorization ?? '')) {
        refreshed = true;
        return { kind: 'again' };
      }
      const outcome = classify(res, scope);
      return outcome.kind === 'retry' && !r.idempotent ? { kind: 'fail', error: outcome.error } : outcome;
    },
  );
}
