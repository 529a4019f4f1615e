import {
  GoogleApiError,
  GoogleAuthError,
  GoogleError,
  GoogleForbiddenError,
  GoogleUnavailableError,
} from '../errors.ts';
import { WRITE_CODES, type WriteCode, writeCodeOfStatus } from '../../http/write-codes.ts';

/** The stable codes of a failed write (shared by every connector). */
export const GOOGLE_WRITE_CODES = WRITE_CODES;
export type GoogleWriteCode = WriteCode;

/**
 * A write Google refused or that cannot be made (decision 066). Shaped as the domain reads an
 * upstream error (restores/upstream-error.fns.ts): `status`, `errorSummary` (Google's reason and
 * message, never a body we sent), and `scope` naming what a 403 or a refused delegation lacked.
 */
export class GoogleWriteError extends GoogleError {
  override name = 'GoogleWriteError';
  readonly code: GoogleWriteCode;
  readonly status?: number;
  readonly reason?: string;
  readonly errorSummary?: string;
  readonly scope?: string;

  constructor(
    code: GoogleWriteCode,
    message: string,
    o: { status?: number; reason?: string; scope?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: o.cause });
    this.code = code;
    if (o.status !== undefined) {
      this.status = o.status;
      this.errorSummary = message;
    }
    if (o.reason) this.reason = o.reason;
    if (o.scope) this.scope = o.scope;
  }
}

/** Any failure of a write as a GoogleWriteError with a stable code; other errors pass through. */
export function toGoogleWriteError(e: unknown, what: string, scope: string): unknown {
  if (e instanceof GoogleWriteError) return e;
  if (e instanceof GoogleForbiddenError)
    return new GoogleWriteError('MISSING_PERMISSION', `${what}: Google refused it (${e.message})`, {
      scope: e.scope,
      cause: e,
    });
  if (e instanceof GoogleAuthError && e.code === 'DELEGATION_MISSING')
    return new GoogleWriteError('MISSING_PERMISSION', `${what}: ${e.message}`, {
      scope: e.scopes.length ? e.scopes.join(' ') : scope,
      cause: e,
    });
  if (e instanceof GoogleUnavailableError)
    return new GoogleWriteError('UNAVAILABLE', `${what}: Google is throttling or unavailable (${e.message})`, {
      cause: e,
    });
  if (e instanceof GoogleApiError) {
    const code = writeCodeOfStatus(e.status);
    return new GoogleWriteError(code, `${what}: ${e.message}`, {
      status: e.status,
      ...(e.reason ? { reason: e.reason } : {}),
      cause: e,
    });
  }
  return e;
}
