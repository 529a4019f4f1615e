/**
 * Typed failures of the Google Workspace connector (decision 062). Callers branch on the class and
 * on `code` (never on messages): a refused key or a missing delegation needs an admin, a quota that
 * stays exhausted ends the run, everything else stops it too.
 */
export class GoogleError extends Error {
  override name = 'GoogleError';
}

/** Stable codes for what the token endpoint refused. */
export const GOOGLE_AUTH_CODES = [
  /** `unauthorized_client`: the client id is not authorized for (some of) the scopes under domain-wide delegation. */
  'DELEGATION_MISSING',
  /** `invalid_grant` naming the subject: the admin email is not a user of the customer. */
  'ADMIN_NOT_FOUND',
  /** The key was deleted or disabled, or the service account is gone (`invalid_client`, a bad signature). */
  'BAD_KEY',
  'TOKEN_REFUSED',
] as const;
export type GoogleAuthCode = (typeof GOOGLE_AUTH_CODES)[number];

/** The credential itself was refused: no retry helps, the connection needs an admin's action. */
export class GoogleAuthError extends GoogleError {
  override name = 'GoogleAuthError';
  /** For the domain's isCredentialRejection. */
  readonly credentialRejected = true;
  readonly code: GoogleAuthCode;
  /** DELEGATION_MISSING: the scopes the client id is not authorized for (when they could be told). */
  readonly scopes: string[];

  constructor(code: GoogleAuthCode, message: string, scopes: string[] = []) {
    super(message);
    this.code = code;
    this.scopes = scopes;
  }
}

/** An error answer: `{"error":{"code","message","errors":[{"domain","reason"}],"status"}}`. */
export class GoogleApiError extends GoogleError {
  override name = 'GoogleApiError';
  readonly status: number;
  /** The first `errors[].reason` (`notFound`, `forbidden`, …) or the gRPC `status` (`PERMISSION_DENIED`). */
  readonly reason: string | undefined;

  constructor(status: number, reason: string | undefined, message: string) {
    super(`Google answered ${status}${reason ? ` ${reason}` : ''}: ${message}`);
    this.status = status;
    this.reason = reason;
  }
}

/** The token works but the admin it acts as may not read this (403 other than a quota). */
export class GoogleForbiddenError extends GoogleError {
  override name = 'GoogleForbiddenError';
  readonly credentialRejected = true;
  readonly scope: string;

  constructor(scope: string, detail: string) {
    super(`Google refused a read needing ${scope}: ${detail}`);
    this.scope = scope;
  }
}

/** Still throttled or failing after the bounded retries. */
export class GoogleUnavailableError extends GoogleError {
  override name = 'GoogleUnavailableError';
}

/** The outbound policy refused the token or API URL (`ADDRESS_REFUSED`, `URL_REFUSED`). */
export class GoogleOutboundRefusedError extends GoogleError {
  override name = 'GoogleOutboundRefusedError';
  readonly code: 'ADDRESS_REFUSED' | 'URL_REFUSED';

  constructor(code: 'ADDRESS_REFUSED' | 'URL_REFUSED', message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.code = code;
  }
}
