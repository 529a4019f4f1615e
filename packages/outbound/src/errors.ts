/**
 * Why an outbound call did not produce an answer. Every failure of the outbound client, whatever the
 * far end did (a refused address, garbage bytes, a status of 999, a body that never ends), is one of
 * these: callers branch on `code`, never on the message, and no failure escapes as an uncaught
 * exception from a socket callback.
 */
export const OUTBOUND_ERROR_CODES = [
  /** The host is, or resolves to, an address the policy refuses (private, loopback, link-local, ...). */
  'ADDRESS_REFUSED',
  /** Not http(s), or credentials in the URL. */
  'URL_REFUSED',
  /** The host name does not resolve. */
  'DNS_FAILED',
  /** No connection, or it was reset or closed before a complete answer (TLS failures included). */
  'CONNECTION_FAILED',
  /** No complete answer (headers and body) within the deadline. */
  'TIMEOUT',
  /** Not HTTP, or a status outside 200-599. */
  'INVALID_RESPONSE',
  /** The body is larger than the cap. */
  'BODY_TOO_LARGE',
  /** A redirect where none may be followed (token and revocation requests, POSTs, a downgrade to http). */
  'REDIRECT_REFUSED',
  /** More redirects than the hop limit. */
  'TOO_MANY_REDIRECTS',
  /** The caller cancelled. */
  'ABORTED',
] as const;
export type OutboundErrorCode = (typeof OUTBOUND_ERROR_CODES)[number];

export class OutboundError extends Error {
  override name = 'OutboundError';
  readonly code: OutboundErrorCode;

  constructor(code: OutboundErrorCode, message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.code = code;
  }
}

export const isOutboundError = (e: unknown, code?: OutboundErrorCode): e is OutboundError =>
  e instanceof OutboundError && (code === undefined || e.code === code);

/** Where a request went, for messages: origin and path, never the query (it may carry a secret). */
export const describeUrl = (url: URL) => `${url.origin}${url.pathname}`;
