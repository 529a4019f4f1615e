import { DomainError, type ErrorCode } from '../errors.ts';

/**
 * What a connector's error says, read by shape (the domain never imports a connector): Okta's
 * `{errorCode, errorSummary, errorCauses}` with the HTTP status, or the scope a write lacked.
 */
interface UpstreamShape {
  status?: unknown;
  errorCode?: unknown;
  errorSummary?: unknown;
  errorCauses?: unknown;
  scope?: unknown;
}

const CODES: Record<string, ErrorCode> = {
  E0000001: 'VALIDATION', // API validation failed (a field, a unique value already taken)
  E0000003: 'VALIDATION', // the request body was not well-formed
  E0000006: 'FORBIDDEN', // no permission for the operation
  E0000007: 'NOT_FOUND', // resource not found
  E0000015: 'VALIDATION', // the org lacks the feature
  E0000047: 'RATE_LIMITED',
};

/**
 * An upstream failure of one restore step as a DomainError with a stable code and a message a person
 * can act on: which step, what the provider said and about which fields. Never the raw error.
 */
export function stepError(e: unknown, what: string): DomainError {
  if (e instanceof DomainError) return e;
  const u = (e && typeof e === 'object' ? e : {}) as UpstreamShape;
  const status = typeof u.status === 'number' ? u.status : undefined;
  if (typeof u.scope === 'string')
    return new DomainError(
      'FORBIDDEN',
      `${what}: the write credential is not granted ${u.scope}; grant it, then apply again`,
      { cause: e },
    );
  if (status === undefined)
    return new DomainError(
      'INTERNAL',
      `${what}: the identity provider could not be reached or answered unexpectedly; apply again to resume`,
      { cause: e },
    );
  const summary = typeof u.errorSummary === 'string' ? u.errorSummary : `HTTP ${status}`;
  const causes = Array.isArray(u.errorCauses) ? u.errorCauses.filter((c): c is string => typeof c === 'string') : [];
  const said = `${summary}${causes.length ? ` (${causes.join('; ')})` : ''}`;
  const code: ErrorCode =
    (typeof u.errorCode === 'string' ? CODES[u.errorCode] : undefined) ??
    (status === 404
      ? 'NOT_FOUND'
      : status === 409
        ? 'CONFLICT'
        : status === 429
          ? 'RATE_LIMITED'
          : status >= 500
            ? 'INTERNAL'
            : 'VALIDATION');
  const next =
    code === 'INTERNAL' || code === 'RATE_LIMITED'
      ? 'apply again to resume'
      : 'fix it in the org or preview again, then apply to resume';
  return new DomainError(code, `${what}: the identity provider refused it: ${said}; ${next}`, { cause: e });
}
