/**
 * Typed failures of the Okta connector. Callers branch on the class (never on messages): a missing
 * scope is reported to the admin with the scope to grant, an unavailable feature skips a type, and
 * everything else stops the run.
 */
export class OktaError extends Error {
  override name = 'OktaError';
}

/** An error answer from Okta: `{errorCode, errorSummary, errorId, errorCauses}`. */
export class OktaApiError extends OktaError {
  override name = 'OktaApiError';
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorSummary: string;
  readonly errorId?: string;
  /** Okta's `errorCauses[].errorSummary`: which field, and why (`name: An object with this field already exists`). */
  readonly errorCauses: string[];

  constructor(
    status: number,
    errorCode: string | undefined,
    errorSummary: string,
    errorId?: string,
    errorCauses: string[] = [],
  ) {
    super(`Okta answered ${status}${errorCode ? ` ${errorCode}` : ''}: ${errorSummary}`);
    this.status = status;
    this.errorCode = errorCode;
    this.errorSummary = errorSummary;
    this.errorId = errorId;
    this.errorCauses = errorCauses;
  }

  /** E0000015: the org does not have the feature (an Identity Engine or EA type, for instance). */
  get featureUnavailable() {
    return this.errorCode === 'E0000015';
  }
}

/** The credential works but lacks the scope (or admin permission) this read needs. */
export class OktaMissingScopeError extends OktaError {
  override name = 'OktaMissingScopeError';
  /** For the domain's isCredentialRejection: a backup stops, and the admin must grant the scope. */
  readonly credentialRejected = true;
  readonly scope: string;
  readonly status: number;

  constructor(scope: string, status: number, detail: string) {
    super(`Missing scope ${scope} (Okta answered ${status}: ${detail})`);
    this.scope = scope;
    this.status = status;
  }
}

/** The credential itself was refused (bad token, unknown client, key not registered, ...). */
export class OktaAuthError extends OktaError {
  override name = 'OktaAuthError';
  /** For the domain's isCredentialRejection: no retry helps; the connection needs a new credential. */
  readonly credentialRejected = true;
  readonly oauthError?: string;

  constructor(message: string, oauthError?: string) {
    super(message);
    this.oauthError = oauthError;
  }
}

/** Still 429 or 5xx (or unreachable) after the bounded retries. */
export class OktaUnavailableError extends OktaError {
  override name = 'OktaUnavailableError';
}

/**
 * The outbound policy refuses the org URL: it is, or resolves to, a private, loopback or link-local
 * address and BUTTERFLY_ALLOW_PRIVATE_URLS is off (`ADDRESS_REFUSED`), or it is not http(s)
 * (`URL_REFUSED`). `code` is the outbound client's, stable for callers and operators.
 */
export class OutboundRefusedError extends OktaError {
  override name = 'OutboundRefusedError';
  readonly code: 'ADDRESS_REFUSED' | 'URL_REFUSED';

  constructor(code: 'ADDRESS_REFUSED' | 'URL_REFUSED', message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.code = code;
  }
}

/** Something this connector deliberately does not do (yet). */
export class OktaUnsupportedError extends OktaError {
  override name = 'OktaUnsupportedError';
}
