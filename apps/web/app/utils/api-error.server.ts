import { isDomainError } from '@butterfly/domain/core';
import { data } from '@remix-run/node';
import { getTRPCErrorFromUnknown } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { routeError } from './domain-error.server.ts';

export interface ApiProblem {
  status: number;
  code: string;
  message: string;
}

/**
 * An error of a server-side tRPC call, as a page shows it: the stable domain code when there is one
 * (`ROLE_MANAGED_BY_SCIM`), else the tRPC code; the message only for 4xx. Undefined: not an API error.
 */
export function apiProblem(e: unknown): ApiProblem | undefined {
  // By name, not instanceof: this app and packages/api must share one copy of @trpc/server for
  // instanceof to hold, which the install now ensures (decision 046) but nothing here should bet on.
  if (!(e instanceof Error) || e.name !== 'TRPCError') return undefined;
  const err = getTRPCErrorFromUnknown(e);
  const status = getHTTPStatusCodeFromError(err);
  const code = isDomainError(err.cause) ? err.cause.code : err.code;
  return { status, code, message: status < 500 ? err.message : 'An unexpected error happened; it has been logged.' };
}

/** The procedure refused its input by its schema (zod issues), before any domain code ran. */
function isInputRefusal(e: unknown): boolean {
  if (!(e instanceof Error) || e.name !== 'TRPCError') return false;
  const cause = getTRPCErrorFromUnknown(e).cause as { issues?: unknown } | undefined;
  return Array.isArray(cause?.issues);
}

/**
 * In a loader: `catch (e) { throw apiRouteError(e) }`, for the root error boundary. A loader's input
 * comes from the address, so an input the schema refuses (`/connections/not-an-id`) names nothing:
 * that is a 404, not a 400 carrying zod's JSON.
 */
export function apiRouteError(e: unknown): unknown {
  const p = apiProblem(e);
  if (!p) return routeError(e);
  if (p.status === 400 && isInputRefusal(e)) return data({ code: 'NOT_FOUND', message: 'Not found' }, { status: 404 });
  return data({ code: p.code, message: p.message }, { status: p.status });
}
