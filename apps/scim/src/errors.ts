import type { Logger } from '@butterfly/config';
import { errorCodes, isDomainError } from '@butterfly/domain/core';
import { ScimError } from '@butterfly/domain/scim';
import { HttpError, errorBody } from './http.ts';

/** scimType for domain errors that are not ScimErrors (RFC 7644 §3.12). */
const SCIM_TYPES: Partial<Record<keyof typeof errorCodes, string>> = {
  VALIDATION: 'invalidValue',
  MEMBER_EXISTS: 'uniqueness',
};

/**
 * The one mapping from errors to SCIM error responses. Domain errors carry their status; a Postgres
 * data exception (class 22) can only come from input we let through, so it is a 400, never a 500.
 */
export function toScimError(
  e: unknown,
  log: Logger,
  requestId: string,
): { status: number; body: unknown; headers: Record<string, string> } {
  if (e instanceof HttpError)
    return { status: e.status, body: errorBody(e.status, e.message, e.scimType), headers: e.headers };
  if (isDomainError(e) && e.code !== 'INTERNAL') {
    const status = errorCodes[e.code].status;
    const scimType = e instanceof ScimError ? e.scimType : SCIM_TYPES[e.code];
    return { status, body: errorBody(status, e.message, scimType), headers: {} };
  }
  const pgCode = (e as { code?: unknown })?.code;
  if (typeof pgCode === 'string' && pgCode.startsWith('22')) {
    log.warn({ err: e, requestId }, 'SCIM input reached the database as invalid data');
    return { status: 400, body: errorBody(400, 'A value is not valid for its attribute', 'invalidValue'), headers: {} };
  }
  log.error({ err: e, requestId }, 'SCIM request failed');
  return { status: 500, body: errorBody(500, `Internal error (request ${requestId})`), headers: {} };
}
