/**
 * Typed failures of the Microsoft Graph connector. Callers branch on the class and on `code` (never
 * on messages): a refused credential needs a new one, a missing permission needs an admin's consent,
 * and everything else stops the run.
 */
export class EntraError extends Error {
  override name = 'EntraError';
}

/**
 * Stable codes for what the identity platform's token endpoint refused, from its `AADSTS…` codes:
 * an admin can act on each without reading Microsoft's message.
 */
export const ENTRA_AUTH_CODES = [
  'BAD_SECRET',
  'SECRET_EXPIRED',
  'BAD_CERTIFICATE',
  'UNKNOWN_APP',
  'UNKNOWN_TENANT',
  'MISSING_CONSENT',
  'APP_DISABLED',
  'INVALID_SCOPE',
  'TOKEN_REFUSED',
] as const;
export type EntraAuthCode = (typeof ENTRA_AUTH_CODES)[number];

/** The credential itself was refused (no retry helps; the connection needs a new credential or consent). */
export class EntraAuthError extends EntraError {
  override name = 'EntraAuthError';
  /** For the domain's isCredentialRejection. */
  readonly credentialRejected = true;
  readonly code: EntraAuthCode;
  /** The AADSTS number, when the answer had one (7000215, 700016, …). */
  readonly aadsts?: number;

  constructor(code: EntraAuthCode, message: string, aadsts?: number) {
    super(message);
    this.code = code;
    this.aadsts = aadsts;
  }
}

/** An error answer from Graph: `{"error":{"code","message","innerError":{"request-id",…}}}`. */
export class GraphApiError extends EntraError {
  override name = 'GraphApiError';
  readonly status: number;
  /** Graph's own code (`Request_ResourceNotFound`, `Authorization_RequestDenied`, …). */
  readonly graphCode: string | undefined;
  readonly requestId?: string;

  constructor(status: number, graphCode: string | undefined, message: string, requestId?: string) {
    super(`Graph answered ${status}${graphCode ? ` ${graphCode}` : ''}: ${message}`);
    this.status = status;
    this.graphCode = graphCode;
    this.requestId = requestId;
  }
}

/** The token works but lacks the application permission this read needs (403 from Graph). */
export class EntraMissingPermissionError extends EntraError {
  override name = 'EntraMissingPermissionError';
  readonly credentialRejected = true;
  readonly permission: string;

  constructor(permission: string, detail: string) {
    super(`Missing application permission ${permission} (${detail})`);
    this.permission = permission;
  }
}

/** Still throttled or failing after the bounded retries. */
export class EntraUnavailableError extends EntraError {
  override name = 'EntraUnavailableError';
}

/** The outbound policy refused the login or Graph URL (`ADDRESS_REFUSED`, `URL_REFUSED`). */
export class EntraOutboundRefusedError extends EntraError {
  override name = 'EntraOutboundRefusedError';
  readonly code: 'ADDRESS_REFUSED' | 'URL_REFUSED';

  constructor(code: 'ADDRESS_REFUSED' | 'URL_REFUSED', message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.code = code;
  }
}
