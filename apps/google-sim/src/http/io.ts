import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlError } from '../model/errors.ts';

const LIMIT = 4 * 1024 * 1024;

/** The request body as text (at most 4 MiB). */
export async function bodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT) throw controlError(413, 'request_too_large', 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body: empty reads as `{}`; `invalid` builds the API's own 400. */
export async function bodyJson(req: IncomingMessage, invalid: (message: string) => Error): Promise<unknown> {
  const text = await bodyText(req);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('Invalid JSON payload received.');
  }
}

/** What a handler answers. */
export interface TReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function writeReply(res: ServerResponse, { status, headers = {}, body }: TReply): void {
  if (body === undefined) res.writeHead(status, headers).end();
  else if (typeof body === 'string')
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
  else
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }).end(JSON.stringify(body));
}

export const json = (body: unknown, status = 200, headers?: Record<string, string>): TReply => ({
  status,
  body,
  headers,
});

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
