import { EntraError, EntraMissingPermissionError, EntraUnavailableError, GraphApiError } from '../errors.ts';
import { WRITE_CODES, type WriteCode, writeCodeOfStatus } from '../../http/write-codes.ts';

/** The stable codes of a failed write (shared by every connector). */
export const ENTRA_WRITE_CODES = WRITE_CODES;
export type EntraWriteCode = WriteCode;

/**
 * A write Graph refused or that cannot be made. Shaped as the domain reads an upstream error
 * (restores/upstream-error.fns.ts): `status`, `errorSummary` (Graph's code and message, never a
 * body we sent), and `scope` naming the permission a 403 lacked.
 */
export class EntraWriteError extends EntraError {
  override name = 'EntraWriteError';
  readonly code: EntraWriteCode;
  readonly status?: number;
  readonly graphCode?: string;
  readonly errorSummary?: string;
  readonly scope?: string;

  constructor(
    code: EntraWriteCode,
    message: string,
    o: { status?: number; graphCode?: string; scope?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: o.cause });
    this.code = code;
    if (o.status !== undefined) this.status = o.status;
    if (o.graphCode) this.graphCode = o.graphCode;
    if (o.scope) this.scope = o.scope;
    if (o.status !== undefined) this.errorSummary = message;
  }
}

/** Any failure of a write, as an EntraWriteError with a stable code (an auth failure stays what it is). */
export function toWriteError(e: unknown, what: string, permission: string): unknown {
  if (e instanceof EntraWriteError) return e;
  if (e instanceof EntraMissingPermissionError)
    return new EntraWriteError('MISSING_PERMISSION', `${what}: missing application permission ${permission}`, {
      scope: permission,
      cause: e,
    });
  if (e instanceof EntraUnavailableError)
    return new EntraWriteError('UNAVAILABLE', `${what}: Graph is throttling or unavailable (${e.message})`, {
      cause: e,
    });
  if (e instanceof GraphApiError) {
    const code = writeCodeOfStatus(e.status);
    return new EntraWriteError(code, `${what}: ${e.message}`, {
      status: e.status,
      ...(e.graphCode ? { graphCode: e.graphCode } : {}),
      cause: e,
    });
  }
  return e;
}
