import { type OutboundClient, isOutboundError } from '@butterfly/outbound';
import { type ConnectorNetworkOptions, connectorOutboundClient } from '../../http/outbound.ts';
import { EntraError, EntraOutboundRefusedError } from '../errors.ts';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer was JSON, else the text (undefined when empty). */
  body: unknown;
}

export interface WireOptions extends ConnectorNetworkOptions {
  /** URL prefixes requests may go to (the login URL with the directory, the Graph URL): nothing else. */
  allowedBases: readonly string[];
}

/** A network failure worth another try (connection reset, timeout, cut-off body). */
export class WireRetryable extends EntraError {
  override name = 'WireRetryable';
}

/**
 * The one place the Graph connector's requests leave the process: the shared outbound client
 * (address policy checked in the socket's lookup and pinned, no redirects, capped bodies, a deadline),
 * and only to the login and Graph URLs the connection names, so a `@odata.nextLink` to another host
 * never receives the token.
 */
export class Wire {
  private readonly http: OutboundClient;
  private readonly bases: string[];

  constructor(o: WireOptions) {
    this.bases = o.allowedBases.map((b) => b.replace(/\/+$/, ''));
    this.http = connectorOutboundClient(o);
  }

  async send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
  ): Promise<RawResponse> {
    const u = new URL(url);
    if (!this.bases.some((b) => u.href === b || u.href.startsWith(`${b}/`)))
      throw new EntraError(`Refusing a request off the tenant's login and Graph URLs: ${u.origin}${u.pathname}`);
    try {
      const res = await this.http.request(u, { ...init, redirect: 'manual' });
      return { status: res.status, headers: res.headers, body: readBody(res.text(), res.headers) };
    } catch (e) {
      if (init.signal?.aborted) throw init.signal.reason ?? e;
      if (isOutboundError(e) && (e.code === 'ADDRESS_REFUSED' || e.code === 'URL_REFUSED'))
        throw new EntraOutboundRefusedError(e.code, e.message, { cause: e });
      if (isOutboundError(e, 'BODY_TOO_LARGE')) throw new EntraError(e.message, { cause: e });
      throw new WireRetryable((e as Error).message, { cause: e });
    }
  }
}

function readBody(text: string, headers: Headers): unknown {
  if (!text) return undefined;
  if (!/json/i.test(headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
