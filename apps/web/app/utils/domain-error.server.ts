import { isDomainError } from '@butterfly/domain/core';
import { data } from '@remix-run/node';

/**
 * In a loader or action: `catch (e) { throw routeError(e) }`. A DomainError becomes a response with
 * its HTTP status and `{ code, message }`, which the root error boundary shows; Remix would otherwise
 * mask it as an unexpected error. Messages of 5xx errors stay in the server log.
 */
export function routeError(e: unknown): unknown {
  if (!isDomainError(e)) return e;
  return data({ code: e.code, message: e.status < 500 ? e.message : undefined }, { status: e.status });
}
