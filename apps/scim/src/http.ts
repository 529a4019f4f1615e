import type { IncomingMessage, ServerResponse } from 'node:http';
import { SCIM_URN } from '@butterfly/domain/scim';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
/** Largest request body accepted; Okta and Entra send a few KiB, group pushes a few hundred. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP-level refusal (before the domain is reached), answered as a SCIM error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(status: number, detail: string, scimType?: string) {
  return { schemas: [SCIM_URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined
      ? {}
      : { 'Content-Type': SCIM_CONTENT_TYPE, 'Content-Length': String(Buffer.byteLength(text)) }),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const JSON_TYPES = new Set(['application/scim+json', 'application/json']);

/**
 * Reads and parses a JSON body: 415 for another media type, 413 past MAX_BODY_BYTES (checked on the
 * declared length first, then while reading), 400 invalidSyntax for malformed JSON.
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type)) {
    throw new HttpError(415, `Content-Type must be application/scim+json or application/json, not "${type || 'none'}"`);
  }
  const tooLarge = () =>
    new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`, undefined, { Connection: 'close' });
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Events rather than `for await`: leaving that loop early destroys the socket, and the client
    // would see a reset instead of the 413 (sent with Connection: close, which ends the socket).
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData).pause();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body is not valid JSON', 'invalidSyntax');
  }
}
