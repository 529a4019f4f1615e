import type { ServerResponse } from 'node:http';

/** What a handler answers; written by `writeReply`, or nested in a `$batch` response as is. */
export interface TReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function writeReply(res: ServerResponse, { status, headers = {}, body }: TReply): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  writeReply(res, { status, headers: { 'cache-control': 'no-store' }, body });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
