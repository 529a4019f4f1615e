import { randomBytes } from 'node:crypto';

/**
 * A Management API refusal, rendered as Okta's error body
 * `{errorCode, errorSummary, errorLink, errorId, errorCauses}` (the `Error` schema and the examples
 * of the OpenAPI file). Codes are Okta's own, so a client that branches on them is tested for real.
 */
export class OktaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly summary: string,
    readonly causes: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(summary);
    this.name = 'OktaError';
  }

  body() {
    return {
      errorCode: this.code,
      errorSummary: this.summary,
      errorLink: this.code,
      errorId: `oae${randomBytes(16).toString('base64url').slice(0, 22)}`,
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
    };
  }
}

/** E0000001: a body or parameter failed validation; `field: why` pairs become errorCauses. */
export const validation = (field: string, ...causes: string[]) =>
  new OktaError(
    400,
    'E0000001',
    `Api validation failed: ${field}`,
    causes.length ? causes : [`${field}: The field is invalid`],
  );

export const malformed = () => new OktaError(400, 'E0000003', 'The request body was not well-formed.');

export const notFound = (what: string) => new OktaError(404, 'E0000007', `Not found: Resource not found: ${what}`);

export const invalidToken = (headers: Record<string, string> = {}) =>
  new OktaError(401, 'E0000011', 'Invalid token provided', [], headers);

export const forbidden = (headers: Record<string, string> = {}) =>
  new OktaError(403, 'E0000006', 'You do not have permission to perform the requested action', [], headers);

export const methodNotAllowed = (allow: string[]) =>
  new OktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method', [], {
    allow: allow.join(', '),
  });

export const rateLimited = () =>
  new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');

export const concurrencyLimited = () =>
  new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many concurrent requests.');

/** Okta reports an existing unique value (login, group name) as a 400 validation error, not a 409. */
export const alreadyExists = (field: string) =>
  validation(field, `${field}: An object with this field already exists in the current organization`);
