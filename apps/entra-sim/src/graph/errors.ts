import { randomUUID } from 'node:crypto';
import type { TReply } from '../http/respond.ts';

export type TGraphCode =
  | 'Authorization_RequestDenied'
  | 'Request_ResourceNotFound'
  | 'InvalidAuthenticationToken'
  | 'Request_BadRequest'
  | 'BadRequest'
  | 'Request_UnsupportedQuery'
  | 'TooManyRequests'
  | 'MethodNotAllowed'
  | 'Request_MultipleObjectsWithSameKeyValue'
  | 'syncStateNotFound';

/** Graph's error shape: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(
  status: number,
  code: TGraphCode,
  message: string,
  ctx: { requestId: string; clientRequestId?: string },
  headers: Record<string, string> = {},
): TReply {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': ctx.requestId,
          'client-request-id': ctx.clientRequestId ?? ctx.requestId,
        },
      },
    },
  };
}

export const newRequestId = () => randomUUID();
