import type { IncomingMessage } from 'node:http';
import type { ScimDeps } from '@butterfly/domain/scim';

export interface RequestContext {
  req: IncomingMessage;
  deps: ScimDeps;
  /** Path parameters after the resource, e.g. the id in /Users/{id}. */
  id?: string;
  query: URLSearchParams;
  body: () => Promise<unknown>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;
