/**
 * The one error a Butterfly client call throws. `code` is the API's stable code (docs: the domain's
 * code table, `errorCodes` in packages/domain) — `NOT_FOUND`, `FORBIDDEN`, `VALIDATION`,
 * `RATE_LIMITED`, … — plus two of the client's own: `NETWORK` (no answer: connection refused, DNS,
 * aborted) and `UNAVAILABLE` (503, or an answer that is not the API's). Match on `code`, never on
 * `message`.
 */
export class ButterflyError extends Error {
  override readonly name = 'ButterflyError';
  readonly code: string;
  /** The HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  /** The procedure called, e.g. `connections.list`. */
  readonly procedure: string;
  /** Field-level details of a `VALIDATION` error (field path → message). */
  readonly fields: Record<string, string> | undefined;
  /** For `RATE_LIMITED`/`UNAVAILABLE`: how long the server asked to wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    message: string,
    opts: {
      status?: number;
      procedure: string;
      fields?: Record<string, string>;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.status = opts.status;
    this.procedure = opts.procedure;
    this.fields = opts.fields;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** tRPC's codes, for answers that carry no domain code (the API's own guards: sign-in, permission). */
const BY_TRPC_CODE: Record<string, string> = {
  BAD_REQUEST: 'VALIDATION',
  PARSE_ERROR: 'VALIDATION',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

const BY_STATUS: Record<number, string> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  domainCode?: unknown;
  fields?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * Any failure of a call (a `TRPCClientError` of the tRPC client, or what fetch threw) as a
 * ButterflyError: the domain code when the API sent one, else tRPC's code mapped, else the status.
 */
export function toButterflyError(err: unknown, procedure: string): ButterflyError {
  if (err instanceof ButterflyError) return err;
  const e = err as {
    message?: string;
    data?: ErrorData | null;
    meta?: { response?: Response; responseJSON?: unknown };
    cause?: unknown;
  };
  const response = e.meta?.response;
  const data = e.data ?? undefined;
  const status = typeof data?.httpStatus === 'number' ? data.httpStatus : response?.status;
  // Answers outside tRPC's envelope (413 from the body limit): {"error": "...", "code": "PAYLOAD_TOO_LARGE"}.
  const json = e.meta?.responseJSON as { code?: unknown } | undefined;
  const code =
    str(data?.domainCode) ??
    (str(data?.code) && BY_TRPC_CODE[data!.code as string]) ??
    str(json?.code) ??
    (status !== undefined ? (BY_STATUS[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'VALIDATION')) : 'NETWORK');
  const fields = data?.fields && typeof data.fields === 'object' ? (data.fields as Record<string, string>) : undefined;
  const retryAfterMs = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
  const message = e.message || (status ? `HTTP ${status}` : 'The request failed');
  return new ButterflyError(code, message, { status, procedure, fields, retryAfterMs, cause: err });
}

/** `Retry-After`: delta-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
