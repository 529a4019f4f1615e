import { type OutboundClient, isOutboundError } from '@butterfly/outbound';
import { type ConnectorNetworkOptions, connectorOutboundClient } from '../../http/outbound.ts';
import { GoogleError, GoogleOutboundRefusedError } from '../errors.ts';

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer was JSON, else the text (undefined when empty). */
  body: unknown;
}

/** A network failure worth another try (connection reset, timeout, cut-off body). */
export class GoogleNetworkError extends GoogleError {
  override name = 'GoogleNetworkError';
}

/**
 * The Google connector's only way out of the process: the shared guarded outbound client, and only
 * to the token URL and the API bases the connection names, so no URL in an answer gets the token.
 */
export class GoogleWire {
  private readonly http: OutboundClient;
  private readonly allowed: string[];

  constructor(o: ConnectorNetworkOptions & { allowed: readonly string[] }) {
    this.allowed = o.allowed.map((b) => b.replace(/\/+$/, ''));
    this.http = connectorOutboundClient(o);
  }

  async send(
    url: string,
    init: {
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers: Record<string, string>;
      body?: string;
      signal?: AbortSignal;
    },
  ): Promise<Answer> {
    const u = new URL(url);
    if (!this.allowed.some((b) => u.href === b || u.href.startsWith(`${b}/`) || u.href.startsWith(`${b}?`)))
      throw new GoogleError(`Refusing a request off the connection's token and API URLs: ${u.origin}${u.pathname}`);
    try {
      const res = await this.http.request(u, { ...init, redirect: 'manual' });
      const text = res.text();
      let body: unknown = text || undefined;
      if (text && /json/i.test(res.headers.get('content-type') ?? ''))
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      return { status: res.status, headers: res.headers, body };
    } catch (e) {
      if (init.signal?.aborted) throw init.signal.reason ?? e;
      if (isOutboundError(e) && (e.code === 'ADDRESS_REFUSED' || e.code === 'URL_REFUSED'))
        throw new GoogleOutboundRefusedError(e.code, e.message, { cause: e });
      if (isOutboundError(e, 'BODY_TOO_LARGE')) throw new GoogleError(e.message, { cause: e });
      throw new GoogleNetworkError((e as Error).message, { cause: e });
    }
  }
}
