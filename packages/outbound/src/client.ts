import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { onAbort } from './abort.ts';
import { OutboundError, describeUrl } from './errors.ts';
import { type OutboundPolicy, guardedLookup, isAllowedAddress, refusedAddress } from './policy.ts';

export interface OutboundClientOptions extends OutboundPolicy {
  /** Deadline for a whole call: connection, headers, every byte of the body, every redirect hop. */
  timeoutMs?: number;
  /** Largest body read; more is an error, not a truncation. */
  maxBytes?: number;
  /** Hops a `redirect: 'follow'` call may take. */
  maxRedirects?: number;
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * `error` (the default): a redirect is refused; token and revocation requests must never resend
   * their secrets elsewhere. `manual`: the 3xx is the answer. `follow`: GET and HEAD only, each hop
   * checked against the policy like the first, never from https down to http, at most `maxRedirects`.
   */
  redirect?: 'error' | 'manual' | 'follow';
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  /** Where the answer came from (after redirects). */
  url: URL;
  /** Always 200-599: anything else is an INVALID_RESPONSE error. */
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
  /** The body as JSON; INVALID_RESPONSE when it is not. */
  json(): unknown;
}

/** The part of `fetch` that jose's `customFetch` and similar hooks call. */
export type OutboundFetch = (
  input: string | URL,
  init?: {
    method?: string;
    headers?: ConstructorParameters<typeof Headers>[0];
    body?: string;
    signal?: AbortSignal;
    redirect?: 'error' | 'manual' | 'follow';
  },
) => Promise<Response>;

export interface OutboundClient {
  request(url: string | URL, init?: OutboundRequest): Promise<OutboundResponse>;
  /** `request` shaped as fetch: redirects followed for GET (each hop checked), refused otherwise, unless `redirect: 'manual'`. */
  fetch: OutboundFetch;
  /** Closes kept-alive sockets. */
  close(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([204, 205, 304]);

/**
 * The one way Butterfly's code calls out of the process (OIDC discovery, JWKS and token requests,
 * the Okta connector, alert webhooks). Built on node:http(s) with keep-alive agents; the address
 * check runs in the socket's `lookup` hook, so a connection goes to exactly the address that was
 * checked. Every failure is an OutboundError with a stable code, raised as a rejection of this call
 * and nothing else: no event-handler callback here can throw.
 */
export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const lookup = guardedLookup(options);
  // Kept-alive sockets idle for 5 s are closed (as Node's global agent does), so a client made per
  // connection or job leaves nothing open behind it for long.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: 5_000 }),
    'https:': new https.Agent({ keepAlive: true, timeout: 5_000 }),
  };
  const defaults = {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 1_000_000,
    maxRedirects: options.maxRedirects ?? 3,
  };

  async function request(input: string | URL, init: OutboundRequest = {}): Promise<OutboundResponse> {
    let url = parse(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const timeoutMs = init.timeoutMs ?? defaults.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    let headers = { ...init.headers };
    for (let hops = 0; ; hops++) {
      const res = await hop(url, {
        method,
        headers,
        body: init.body,
        deadline,
        timeoutMs,
        maxBytes: init.maxBytes ?? defaults.maxBytes,
        signal: init.signal,
      });
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location || init.redirect === 'manual') return res;
      if (init.redirect !== 'follow' || (method !== 'GET' && method !== 'HEAD')) {
        throw new OutboundError(
          'REDIRECT_REFUSED',
          `${describeUrl(url)} answered a redirect (HTTP ${res.status}), which this request does not follow`,
        );
      }
      if (hops >= defaults.maxRedirects)
        throw new OutboundError(
          'TOO_MANY_REDIRECTS',
          `${describeUrl(url)}: more than ${defaults.maxRedirects} redirects`,
        );
      const next = parse(location, url);
      if (url.protocol === 'https:' && next.protocol === 'http:') {
        throw new OutboundError(
          'REDIRECT_REFUSED',
          `${describeUrl(url)} redirects from https to plain http (${describeUrl(next)})`,
        );
      }
      if (next.origin !== url.origin) {
        const { authorization: _a, cookie: _c, ...rest } = headers;
        headers = rest;
      }
      url = next;
    }
  }

  function hop(
    url: URL,
    o: {
      method: string;
      headers: Record<string, string>;
      body?: string | Uint8Array;
      deadline: number;
      timeoutMs: number;
      maxBytes: number;
      signal?: AbortSignal;
    },
  ): Promise<OutboundResponse> {
    return new Promise((resolve, reject) => {
      const where = describeUrl(url);
      // Address literals never reach the lookup hook: check them here.
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !isAllowedAddress(host, options)) return reject(refusedAddress(host, host));
      if (o.signal?.aborted)
        return reject(new OutboundError('ABORTED', `${where}: cancelled`, { cause: o.signal.reason }));

      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        fn();
      };
      const fail = (err: unknown) =>
        settle(() => {
          const e = asOutboundError(err, where);
          req.destroy();
          reject(e);
        });
      const timer = setTimeout(
        () => fail(new OutboundError('TIMEOUT', `${where} did not answer completely within ${o.timeoutMs} ms`)),
        Math.max(0, o.deadline - Date.now()),
      );
      const unsubscribe = onAbort(o.signal, () =>
        fail(new OutboundError('ABORTED', `${where}: cancelled`, { cause: o.signal?.reason })),
      );

      const client = url.protocol === 'https:' ? https : http;
      // Compressed answers are asked for (Okta's JSON shrinks tenfold) and decoded here, the cap
      // counting decoded bytes, so a small compressed bomb is BODY_TOO_LARGE like a large plain body.
      const headers = Object.keys(o.headers).some((k) => k.toLowerCase() === 'accept-encoding')
        ? o.headers
        : { ...o.headers, 'accept-encoding': 'gzip, deflate, br' };
      const req = client.request(url, {
        method: o.method,
        headers,
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup,
      });
      req.on('error', fail);
      req.on('response', (res) => {
        try {
          readResponse(res, url, o.maxBytes, (r) => settle(() => resolve(r)), fail);
        } catch (e) {
          fail(e);
        }
      });
      req.end(o.body);
    });
  }

  const fetch: OutboundFetch = async (input, init = {}) => {
    const res = await request(input, {
      method: init.method,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body,
      signal: init.signal,
      redirect: init.redirect === 'manual' ? 'manual' : init.redirect === 'error' ? 'error' : 'follow',
    });
    return new Response(NULL_BODY.has(res.status) ? null : new Uint8Array(res.body), {
      status: res.status,
      headers: res.headers,
    });
  };

  return {
    request,
    fetch,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function parse(input: string | URL, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(String(input), base);
  } catch (e) {
    throw new OutboundError(
      base ? 'INVALID_RESPONSE' : 'URL_REFUSED',
      `${base ? `${describeUrl(base)} redirects to` : ''} an invalid URL`,
      { cause: e },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundError('URL_REFUSED', `${url.protocol} URLs are not called`);
  if (url.username || url.password)
    throw new OutboundError('URL_REFUSED', 'URLs with credentials in them are not called');
  return url;
}

/** Status check, body cap and headers, all reported through `ok`/`fail`, never thrown from a callback. */
function readResponse(
  res: IncomingMessage,
  url: URL,
  maxBytes: number,
  ok: (r: OutboundResponse) => void,
  fail: (e: unknown) => void,
) {
  const where = describeUrl(url);
  const status = res.statusCode ?? 0;
  if (!Number.isInteger(status) || status < 200 || status > 599)
    return fail(
      new OutboundError(
        'INVALID_RESPONSE',
        `${where} answered with HTTP status ${status}, which is not a valid final status`,
      ),
    );
  const declared = Number(res.headers['content-length']);
  if (declared > maxBytes)
    return fail(
      new OutboundError('BODY_TOO_LARGE', `${where} announced ${declared} bytes, more than the ${maxBytes} allowed`),
    );
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let source: Readable = res;
  if (encoding !== 'identity') {
    const decode = DECODERS[encoding];
    if (!decode)
      return fail(
        new OutboundError(
          'INVALID_RESPONSE',
          `${where} answered with content-encoding ${encoding.slice(0, 40)}, which is not understood`,
        ),
      );
    const decoder = decode();
    decoder.on('error', (e) =>
      fail(
        new OutboundError('INVALID_RESPONSE', `${where} sent a body that does not decode as ${encoding}`, { cause: e }),
      ),
    );
    res.pipe(decoder);
    source = decoder;
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let received = false;
  source.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes)
      return fail(new OutboundError('BODY_TOO_LARGE', `${where} answered more than ${maxBytes} bytes`));
    chunks.push(chunk);
  });
  const cut = (cause?: unknown) =>
    fail(
      new OutboundError('CONNECTION_FAILED', `${where} closed the connection before the body was complete`, { cause }),
    );
  res.on('error', cut);
  res.on('end', () => {
    received = true;
  });
  res.on('close', () => {
    if (!received) cut();
  });
  source.on('end', () => {
    const body = Buffer.concat(chunks);
    ok({
      url,
      status,
      headers,
      body,
      text: () => body.toString('utf8'),
      json: () => {
        try {
          return JSON.parse(body.toString('utf8')) as unknown;
        } catch {
          throw new OutboundError('INVALID_RESPONSE', `${where} did not answer JSON`);
        }
      },
    });
  });
}

const DECODERS: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);

function asOutboundError(err: unknown, where: string): OutboundError {
  if (err instanceof OutboundError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = `${code ? `${code}: ` : ''}${(err as Error | undefined)?.message ?? String(err)}`;
  if (code.startsWith('HPE_'))
    return new OutboundError('INVALID_RESPONSE', `${where} did not answer valid HTTP (${detail})`, { cause: err });
  if (DNS_CODES.has(code))
    return new OutboundError('DNS_FAILED', `${where} does not resolve (${detail})`, { cause: err });
  return new OutboundError('CONNECTION_FAILED', `${where} could not be reached (${detail})`, { cause: err });
}
