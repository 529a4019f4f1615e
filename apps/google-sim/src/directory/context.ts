import type { TCaller, TDeps } from '../deps.ts';
import { notAuthorized } from '../auth/access.ts';
import { adminError } from '../model/errors.ts';
import type { TObj } from '../model/types.ts';

/** What a Directory handler gets: the caller, the URL, the path's captures and a JSON body. */
export interface TDirCtx {
  deps: TDeps;
  caller: TCaller;
  url: URL;
  params: string[];
  body: TObj;
}

/** `my_customer` or the caller's own customer id; any other customer is not the caller's to see. */
export function ownCustomer(ctx: TDirCtx, key: string | null | undefined) {
  if (key === 'my_customer' || key === ctx.caller.customer.id) return ctx.caller.customer;
  throw notAuthorized('admin');
}

export const notFound = (what: string) => adminError(404, 'notFound', `Resource Not Found: ${what}`);
export const badRequest = (message: string) => adminError(400, 'invalid', message);
export const duplicate = (message: string) => adminError(409, 'duplicate', message);

/** A required string field of a body (400 "Invalid Input: <field>" otherwise). */
export function required(body: TObj, field: string): string {
  const v = body[field];
  if (typeof v !== 'string' || !v.trim()) throw badRequest(`Invalid Input: ${field}`);
  return v.trim();
}
