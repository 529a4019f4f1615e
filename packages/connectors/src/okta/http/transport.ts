import { type OutboundClient, type OutboundResponse, isOutboundError } from '@butterfly/outbound';
import { type ConnectorNetworkOptions, connectorOutboundClient } from '../../http/outbound.ts';
import { OktaError, OutboundRefusedError } from '../errors.ts';
import type { Governor, Outcome } from './governor.ts';
import { parseRateHeaders } from './rate-headers.fns.ts';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer was JSON, else the text (or undefined when empty). */
  body: unknown;
}

export interface TransportOptions extends ConnectorNetworkOptions {
  orgUrl: URL;
  governor: Governor;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path below the org URL, or an absolute URL below it (a `next` link). */
  url: string;
  /** The endpoint's path template: with the method, the rate-limit bucket and the stats key. */
  template: string;
  headers?: (signal?: AbortSignal) => Promise<Record<string, string>>;
  /** Built per attempt (a client assertion must not be replayed). */
  body?: () => Promise<string>;
  signal?: AbortSignal;
  /**
   * A request cut off mid-way is retried by default; a create must not be (Okta may have made the
   * object before the connection dropped): it fails, and the restore that sent it looks for the
   * object before trying again.
   */
  retryCutOff?: boolean;
}

/**
 * The one place requests leave the connector: origin pinned to the org (a `next` link to another
 * host is refused, so a token never travels elsewhere), the shared outbound client (address checked
 * in the socket's lookup and pinned for the kept-alive connection, no redirects followed, bodies
 * capped, a deadline), every attempt through the governor. `classify` turns an answer into an outcome.
 */
export class Transport {
  private readonly http: OutboundClient;
  private readonly o: TransportOptions;

  constructor(o: TransportOptions) {
    this.o = o;
    this.http = connectorOutboundClient(o);
  }

  /**
   * The org URL without a trailing slash. A real org is a bare origin; a path is kept (an Okta
   * simulator serves its orgs below one port), and every request path is resolved below it.
   */
  get base() {
    return this.o.orgUrl.href.replace(/\/+$/, '');
  }

  request<T>(
    req: TransportRequest,
    classify: (res: RawResponse, sent: Record<string, string>) => Outcome<T>,
  ): Promise<T> {
    const url = /^https?:\/\//i.test(req.url) ? new URL(req.url) : new URL(`${this.base}${req.url}`);
    const below = url.href === this.base || url.href.startsWith(`${this.base}/`);
    if (url.origin !== this.o.orgUrl.origin || !below)
      return Promise.reject(new OktaError(`Refusing to follow a link off the org: ${url.origin}${url.pathname}`));
    const key = `${req.method} ${req.template}`;
    return this.o.governor.run<T, Prepared>(
      key,
      async ({ headers, body }, signal) => {
        let raw: RawResponse;
        try {
          const res = await this.http.request(url, { method: req.method, headers, body, redirect: 'manual', signal });
          raw = { status: res.status, headers: res.headers, body: readBody(res) };
        } catch (e) {
          if (signal?.aborted) throw signal.reason ?? e;
          // The org's address is refused by policy: no retry will change that.
          if (isOutboundError(e) && (e.code === 'ADDRESS_REFUSED' || e.code === 'URL_REFUSED'))
            return { kind: 'fail', error: new OutboundRefusedError(e.code, e.message, { cause: e }) };
          if (isOutboundError(e, 'BODY_TOO_LARGE'))
            return { kind: 'fail', error: new OktaError(e.message, { cause: e }) };
          // Connection refused or reset, a cut-off body, a timeout, not HTTP: worth another try.
          return { kind: req.retryCutOff === false ? 'fail' : 'retry', error: e as Error };
        }
        return { ...classify(raw, headers), rate: parseRateHeaders(raw.headers) };
      },
      req.signal,
      async (signal) => {
        const headers: Record<string, string> = {
          accept: 'application/json',
          'user-agent': 'butterfly-backup/1',
          ...(await req.headers?.(signal)),
        };
        return { headers, body: await req.body?.() };
      },
    );
  }
}

type Prepared = { headers: Record<string, string>; body: string | undefined };

function readBody(res: OutboundResponse): unknown {
  const text = res.text();
  if (!text) return undefined;
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
