import type { Authenticator } from '../authenticator.ts';
import type { OktaScope } from '../catalog.ts';
import { OktaApiError, OktaAuthError, OktaMissingScopeError } from '../errors.ts';
import type { Outcome } from './governor.ts';
import type { RawResponse, Transport } from './transport.ts';

export interface ApiAnswer {
  body: unknown;
  headers: Headers;
}

/**
 * Authenticated GETs on the Management API with Okta's error semantics: 429 waits, 5xx retries,
 * one fresh token on a 401, a missing scope or permission becomes a typed error naming the scope,
 * and any other 4xx fails at once (retrying a 400 or a 404 cannot change the answer).
 */
export class OktaApi {
  private readonly transport: Transport;
  private readonly auth: Authenticator;

  constructor(transport: Transport, auth: Authenticator) {
    this.transport = transport;
    this.auth = auth;
  }

  /**
   * `scope` is what this read needs (named in errors); `tokenScopes` what the access token asks for:
   * a run asks once for every scope it needs, so one token serves the whole backup.
   */
  get(
    url: string,
    o: { template: string; scope: OktaScope; tokenScopes?: readonly OktaScope[]; signal?: AbortSignal },
  ): Promise<ApiAnswer> {
    let refreshed = false;
    return this.transport.request(
      {
        method: 'GET',
        url,
        template: o.template,
        signal: o.signal,
        headers: async (signal) => ({
          authorization: await this.auth.authorization(o.tokenScopes ?? [o.scope], signal),
        }),
      },
      (res, sent) => {
        if (res.status === 401 && !refreshed && this.auth.invalidate(sent.authorization ?? '')) {
          refreshed = true;
          return { kind: 'again' };
        }
        return classify(res, o.scope);
      },
    );
  }
}

export function classify(res: RawResponse, scope: OktaScope): Outcome<ApiAnswer> {
  if (res.status >= 200 && res.status < 300) return { kind: 'done', value: { body: res.body, headers: res.headers } };
  const err = apiError(res);
  if (res.status === 429) return { kind: 'rate_limited', error: err };
  if (res.status >= 500) return { kind: 'retry', error: err };
  const insufficientScope = /insufficient_scope/i.test(res.headers.get('www-authenticate') ?? '');
  if (insufficientScope || (res.status === 403 && err.errorCode !== 'E0000015')) {
    return { kind: 'fail', error: new OktaMissingScopeError(scope, res.status, err.message) };
  }
  if (res.status === 401 && err.errorCode !== 'E0000015')
    return { kind: 'fail', error: new OktaAuthError(`Okta refused the credential: ${err.message}`) };
  return { kind: 'fail', error: err };
}

function apiError(res: RawResponse): OktaApiError {
  const b = (res.body && typeof res.body === 'object' ? res.body : {}) as {
    errorCode?: string;
    errorSummary?: string;
    errorId?: string;
    errorCauses?: unknown;
  };
  const summary =
    b.errorSummary ??
    (res.status >= 300 && res.status < 400
      ? `redirect to ${res.headers.get('location')} refused`
      : `HTTP ${res.status}`);
  const causes = Array.isArray(b.errorCauses)
    ? b.errorCauses
        .map((c) => (c as { errorSummary?: unknown })?.errorSummary)
        .filter((c): c is string => typeof c === 'string')
    : [];
  return new OktaApiError(res.status, b.errorCode, summary, b.errorId, causes);
}
