import type { IncomingMessage } from 'node:http';
import { SimError } from '../model/errors.ts';

const LIMIT = 4 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT) throw new SimError(413, 'request_too_large', 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An empty body reads as `{}`; anything else must be JSON. */
export function parseJson(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new SimError(400, 'invalid_json', 'request body is not valid JSON');
  }
}
